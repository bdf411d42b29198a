#!/usr/bin/env python3
"""Make a Postfix log of a mail queue that never drains: many messages accepted and deferred, none finished.

An outage (the relay down, a provider refusing everything) leaves every message of the day in the queue. This takes
the real log (default tests/fixtures/realpostfix-seed42/maillog), drops the lines that end a message (``status=sent``,
``status=bounced``, ``status=expired``, ``removed``) and writes each remaining line ``--copies`` times in a row, each
copy with queue ids and process ids of its own. Time stays as in the source, so every copy is in flight at once:
the source's 286 queue ids times the copies are the messages in the queue at the end. Standard library only.
"""

import argparse
import importlib.util
import re
import sys
import time
from pathlib import Path

ENDS = re.compile(rb"status=(?:sent|bounced|expired)|: removed$")
PID = re.compile(rb"\[(\d+)\]: ")


def load_large_log_module():
    path = Path(__file__).resolve().parent / "make-large-log.py"
    spec = importlib.util.spec_from_file_location("make_large_log", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    large = load_large_log_module()
    default_source = large.repository_root() / "tests" / "fixtures" / "realpostfix-seed42" / "maillog"
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, default=default_source, help="real log (default: %(default)s)")
    parser.add_argument("--copies", type=int, default=1000, help="copies of each message (default: %(default)s)")
    parser.add_argument("--out", type=Path, required=True, help="output file")
    args = parser.parse_args()
    if args.copies < 1:
        parser.error("--copies must be 1 or more")

    started = time.monotonic()
    lines = [line for line in args.source.read_bytes().split(b"\n") if line and not ENDS.search(line)]
    ids = {}
    for line in lines:
        stamp = large.STAMP.match(line)
        if stamp:
            prefix = large.QID_PREFIX.match(line, stamp.end())
            if prefix:
                ids.setdefault(prefix.group(1), len(ids))
        for named in large.QID_IN_TEXT.finditer(line):
            ids.setdefault(named.group(1), len(ids))
    shapes = {token: large.IdShape(token) for token in ids}

    args.out.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with open(args.out, "wb", buffering=1 << 22) as sink:
        for line in lines:
            for copy in range(args.copies):
                base = copy * len(ids)

                def new_id(match, base=base):
                    token = match.group(0)
                    index = ids.get(token)
                    return token if index is None else shapes[token].make(base + index + 1)

                def new_pid(match, copy=copy):
                    # Process ids stay within Linux's range (2^22); distinct per copy for up to 1024 copies.
                    return b"[%d]: " % ((copy * 4096 + int(match.group(1)) % 4096) % 4194303 + 1)

                sink.write(PID.sub(new_pid, large.TOKEN.sub(new_id, line), count=1) + b"\n")
                written += 1

    print(
        f"{args.out}: {written} lines, {args.copies} copies of the {len(ids)} queue ids of {args.source} left in the queue, "
        f"{time.monotonic() - started:.1f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
