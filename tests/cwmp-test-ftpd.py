#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The cwmpd developers
#
# An FTP server for the tests (pyftpdlib, Debian python3-pyftpdlib; run it with
# /usr/bin/python3). It listens on 127.0.0.1 on a free port, prints
# "PORT <n>" on stdout once it accepts connections, and exits when its stdin
# closes (the test that started it has gone).
#
# usage: cwmp-test-ftpd.py --root DIR [--user NAME --password PASS] [--writable]
#                          [--anonymous] [--throttle BYTES_PER_S] [--no-rest]

import argparse
import logging
import os
import sys
import threading

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler, ThrottledDTPHandler
from pyftpdlib.servers import FTPServer


def watch_stdin() -> None:
    # blocks until the parent closes the pipe or dies
    try:
        while sys.stdin.buffer.read(4096):
            pass
    finally:
        os._exit(0)


def main() -> int:
    parser = argparse.ArgumentParser(description="FTP server for the cwmpd tests")
    parser.add_argument("--root", required=True, help="folder served")
    parser.add_argument("--user", help="account with a password")
    parser.add_argument("--password", default="")
    parser.add_argument("--writable", action="store_true", help="the account may store files")
    parser.add_argument("--anonymous", action="store_true", help="anonymous read-only login")
    parser.add_argument("--throttle", type=int, default=0, help="bytes/s of each data transfer")
    parser.add_argument("--no-rest", action="store_true", help="refuse REST (502)")
    args = parser.parse_args()

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    authorizer = DummyAuthorizer()
    if args.user:
        authorizer.add_user(args.user, args.password, args.root,
                            perm="elradfmwMT" if args.writable else "elr")
    if args.anonymous:
        authorizer.add_anonymous(args.root)

    class Handler(FTPHandler):
        pass

    Handler.authorizer = authorizer
    Handler.banner = "cwmpd test server ready"
    if args.throttle > 0:
        class Throttled(ThrottledDTPHandler):
            pass

        Throttled.read_limit = args.throttle
        Throttled.write_limit = args.throttle
        Handler.dtp_handler = Throttled
    if args.no_rest:
        def ftp_REST(self, line):
            self.respond("502 REST not implemented here.")

        Handler.ftp_REST = ftp_REST

    server = FTPServer(("127.0.0.1", 0), Handler)
    port = server.socket.getsockname()[1]
    threading.Thread(target=watch_stdin, daemon=True).start()
    print(f"PORT {port}", flush=True)
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
