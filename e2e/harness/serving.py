"""Runs a harness server in the foreground until SIGTERM or Ctrl-C, after printing the line its starter waits for."""

import signal


def serve_until_stopped(server, ready_line: str):
    def stop(signum, frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    print(ready_line, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        # Connections still open live in daemon threads: the process exit closes them.
        server.server_close()
