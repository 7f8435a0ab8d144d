#!/usr/bin/env python3
"""Store custom data on a trade of a dry-run bot, as its strategy would, while the bot runs.

Run it with the freqtrade venv's python (it imports freqtrade):

  ~/.cache/freqboard/venv/bin/python e2e/harness/set_custom_data.py \\
      --config DIR/alpha/config.json --trade-id 12 --set 'entry_rsi=27.5' --set 'note="dip"'

Each value is JSON (a bare word that is not JSON is stored as a string). The values go through freqtrade's own
``Trade.set_custom_data()``, the call a strategy makes, into the database named by the config's ``db_url``; the
bot's API reads them from there (``GET /trades/{id}/custom-data``, ``GET /trades/open/custom-data``).
"""

import argparse
import json
import sys
from pathlib import Path

from freqtrade.persistence import Trade, init_db


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True, help="the bot's config.json")
    parser.add_argument("--trade-id", type=int, required=True)
    parser.add_argument("--set", action="append", default=[], metavar="KEY=JSON", required=True)
    args = parser.parse_args(argv)

    db_url = json.loads(Path(args.config).read_text()).get("db_url")
    if not db_url:
        sys.exit("set_custom_data: the config has no db_url")
    init_db(db_url)
    trade = Trade.session.get(Trade, args.trade_id)
    if trade is None:
        sys.exit(f"set_custom_data: no trade {args.trade_id} in {db_url}")
    for item in args.set:
        key, sep, raw = item.partition("=")
        if not sep or not key:
            sys.exit(f"set_custom_data: {item!r} is not KEY=JSON")
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            value = raw
        trade.set_custom_data(key, value)
    print(f"trade {args.trade_id}: set {', '.join(s.partition('=')[0] for s in args.set)}", flush=True)


if __name__ == "__main__":
    main()
