"""What the webserver fixture captures share: the command line, the logged-in recorder of one webserver of
`ftharness.py webserver`, and the index and README written at the end. Standard library only."""

import argparse
import json
import sys
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from capture_fixtures import Bot, Recorder, check, clear_old_fixtures  # noqa: E402


def start(doc, out_example, argv=None):
    """Parses the command line, finds the webserver in the harness's bots.json, logs in; returns a Recorder
    writing into the (cleared) fixture directory."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--state-dir", required=True, help="state dir of `ftharness.py webserver`")
    parser.add_argument("--name", required=True, help="the webserver's name in bots.json")
    parser.add_argument("--out", required=True, help=f"fixture directory, e.g. {out_example}")
    args = parser.parse_args(argv)

    bots = json.loads((Path(args.state_dir) / "bots.json").read_text())
    record = next((b for b in bots if b["name"] == args.name), None)
    if record is None or record.get("mode") != "webserver":
        sys.exit(f"error: no webserver named {args.name!r} in {args.state_dir}/bots.json")
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    clear_old_fixtures(out_dir)

    bot = Bot(record)
    status, answer = bot.request("POST", "/token/login", auth=bot.basic_auth())
    check(status, answer, "token/login")
    bot.token = answer["access_token"]
    return Recorder(bot, out_dir)


def finish(rec, readme, **fields):
    """Writes OUT/index.json and OUT/README.md (`readme` formatted with the bot's version, the date, the table
    of files and `fields`)."""
    _, version = rec.bot.request("GET", "/version")
    _, config = rec.bot.request("GET", "/show_config")
    (rec.out / "index.json").write_text(json.dumps(rec.index, indent=2) + "\n")
    rows = "\n".join(f"| `{e['file']}` | {e['method']} | `{e['path']}` | {e['status']} |" for e in rec.index)
    (rec.out / "README.md").write_text(readme.format(
        version=version["version"], api_version=config["api_version"],
        date=datetime.now(timezone.utc).strftime("%Y-%m-%d"), rows=rows, **fields))
    print(f"wrote {len(rec.index)} fixtures to {rec.out}", file=sys.stderr)
