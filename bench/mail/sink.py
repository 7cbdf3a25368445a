#!/usr/bin/env python3
"""An SMTP server on a loopback port that keeps nothing: it counts the messages it is given, the distinct
Message-Ids among them, and when the first and the last arrived. It writes those figures to a file every second.
Usage: sink.py PORT STATUS_FILE"""
import warnings
warnings.filterwarnings("ignore", category=DeprecationWarning)
# asyncore and smtpd are deprecated but still in Debian 12's Python 3.11, and a counting sink needs nothing more.
import asyncore  # noqa: E402
import re  # noqa: E402
import smtpd  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

port, status = int(sys.argv[1]), sys.argv[2]
ids = set()
count = 0
first = last = None
message_id = re.compile(rb"^Message-Id:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


class Sink(smtpd.SMTPServer):
    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        global count, first, last
        count += 1
        now = time.time()
        first = first or now
        last = now
        found = message_id.search(data if isinstance(data, bytes) else data.encode())
        if found:
            ids.add(found.group(1))


def write():
    with open(status, "w") as f:
        f.write(f"{count} {len(ids)} {first or 0} {last or 0}\n")


Sink(("127.0.0.1", port), None, decode_data=False)
next_write = time.time()
while True:
    asyncore.loop(timeout=0.2, count=1)
    if time.time() >= next_write:
        write()
        next_write = time.time() + 1
