#!/usr/bin/env python3
"""Make a large, real-shaped Postfix log by repeating a real one.

Each repetition of the source log gets:

* its own queue ids: every queue id token is rewritten consistently within the repetition -- the ``QID:`` prefix,
  ids named in the text (``notification: QID``, ``queued as QID``, ``forwarded as QID``) and any other place the
  same token appears (e.g. a Message-ID that embeds it). New ids keep the length and the alphabet -- uppercase hex
  for short ids; for long ids (``enable_long_queue_ids``) the vowel-free base-52 alphabet, with each ``z``
  separator kept in place -- and are unique across the whole output;
* its days shifted forward (by the number of days the source spans, at least one), so time keeps increasing.
  Stamps stay traditional syslog (``Mmm dd HH:MM:SS``, no year); only ``Mmm dd`` changes and months roll over
  through a 365-day calendar (no 29 February, which is valid whatever year a reader infers).

The last repetition is cut so that exactly ``--lines`` lines are written. Standard library only.
"""

import argparse
import operator
import re
import sys
import time
from pathlib import Path

MONTHS = [b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec"]
MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
MONTH_START = [sum(MONTH_DAYS[:i]) for i in range(12)]
MONTH_INDEX = {name: i for i, name in enumerate(MONTHS)}

# "Nov 21 22:29:56 " (day space-padded: "Nov  1").
STAMP = re.compile(rb"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([ \d]\d) \d\d:\d\d:\d\d ")
# Postfix queue ids: short (upper-case hex) or long (base 52 without vowels, a "z" between time and inode parts).
QID = rb"(?:[0-9A-F]{6,16}|[0-9B-DF-HJ-NP-TV-Zb-df-hj-np-tv-z]{10,20})"
# "host prog[pid]: QUEUEID: " right after the stamp.
QID_PREFIX = re.compile(rb"\S+ [^\s:\[]+(?:\[\d+\])?: (" + QID + rb"): ")
# Queue ids named inside the text (content-filter re-injection, forwards, notifications).
QID_IN_TEXT = re.compile(rb"(?:queued as |forwarded as |notification: )(" + QID + rb")\b")
# Any token that could be a queue id; rewritten only when it is one of the ids found above.
TOKEN = re.compile(rb"\b[0-9A-Za-z]{6,20}\b")
LONG_ALPHABET = b"0123456789BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxy"  # "z" is the separator
HEX_ONLY = re.compile(rb"[0-9A-F]+")

# A multiplier coprime with the base makes x -> x * MULT + ADD (mod base**digits) a bijection: distinct counters
# give distinct ids that do not look sequential. (0x9E3779B97F4A7C15 is odd and divisible by neither 3 nor 17.)
MULT = 0x9E3779B97F4A7C15
ADD = 0x5DEECE66D


class IdShape:
    """Makes the n-th new id of one shape (length, alphabet, separator positions)."""

    def __init__(self, token):
        self.hex = HEX_ONLY.fullmatch(token) is not None
        if self.hex:
            self.digits = len(token)
            self.modulus = 16**self.digits
            self.format = b"%%0%dX" % self.digits
        else:
            self.pattern = [c == ord("z") for c in token]
            self.digits = self.pattern.count(False)
            self.modulus = len(LONG_ALPHABET) ** self.digits

    def make(self, n):
        value = (n * MULT + ADD) % self.modulus
        if self.hex:
            return self.format % value
        out = bytearray()
        for separator in self.pattern:
            if separator:
                out.append(ord("z"))
            else:
                value, digit = divmod(value, len(LONG_ALPHABET))
                out.append(LONG_ALPHABET[digit])
        return bytes(out)


def repository_root():
    for folder in [Path(__file__).resolve().parent, *Path(__file__).resolve().parents]:
        if (folder / "Postmeter.slnx").exists():
            return folder
    return Path(__file__).resolve().parent.parent


def day_of_year(month, day):
    return MONTH_START[month] + min(day, MONTH_DAYS[month]) - 1


def month_day(ordinal):
    doy = ordinal % 365
    month = 11
    while MONTH_START[month] > doy:
        month -= 1
    return b"%s %2d" % (MONTHS[month], doy - MONTH_START[month] + 1)


def compile_template(source):
    """Turns the source into a %-template whose slots are dates and queue ids, plus what fills each slot."""
    lines = source.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()

    ids = {}  # token -> index
    for line in lines:
        m = STAMP.match(line)
        if m:
            p = QID_PREFIX.match(line, m.end())
            if p:
                ids.setdefault(p.group(1), len(ids))
        for t in QID_IN_TEXT.finditer(line):
            ids.setdefault(t.group(1), len(ids))

    dates = {}  # ordinal (days since the source's first year began) -> index
    pieces = []
    slots = []  # per slot: ("d", date index) or ("q", id index), in template order
    line_ends = []  # byte offset of each line's end (after "\n") in one repetition
    offset = 0
    year = 0
    last_doy = None
    for line in lines:
        m = STAMP.match(line)
        start = 0
        if m:
            doy = day_of_year(MONTH_INDEX[m.group(1)], int(m.group(2)))
            if last_doy is None or doy > last_doy + 182:
                # The first line, or a straggler from the old year written just after the new one began.
                ordinal = (year - (last_doy is not None)) * 365 + doy
                last_doy = doy if last_doy is None else last_doy
            else:
                if doy < last_doy - 182:
                    year += 1  # December -> January
                if doy > last_doy or doy < last_doy - 182:
                    last_doy = doy
                ordinal = year * 365 + doy
            pieces.append(b"%s")
            slots.append(("d", dates.setdefault(ordinal, len(dates))))
            start = 6  # "Mmm dd"
        for t in TOKEN.finditer(line, start):
            index = ids.get(t.group(0))
            if index is None:
                continue
            pieces.append(line[start : t.start()].replace(b"%", b"%%"))
            pieces.append(b"%s")
            slots.append(("q", index))
            start = t.end()
        pieces.append(line[start:].replace(b"%", b"%%") + b"\n")
        offset += len(line) + 1
        line_ends.append(offset)

    return b"".join(pieces), slots, ids, dates, line_ends


def main():
    default_source = repository_root() / "tests" / "fixtures" / "realpostfix-seed42" / "maillog"
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, default=default_source, help="real log to repeat (default: %(default)s)")
    parser.add_argument("--lines", type=int, default=1_500_000, help="lines to write (default: %(default)s)")
    parser.add_argument("--out", type=Path, help="output file (default: bench/out/maillog-LINES)")
    parser.add_argument(
        "--shift-days", type=int, help="days each repetition moves forward (default: the days the source spans)"
    )
    args = parser.parse_args()
    out = args.out or repository_root() / "bench" / "out" / f"maillog-{args.lines}"
    if args.lines < 0:
        parser.error("--lines must be 0 or more")

    started = time.monotonic()
    try:
        source = args.source.read_bytes()
    except OSError as error:
        parser.error(f"cannot read the source log {args.source}: {error.strerror}")
    template, slots, ids, dates, line_ends = compile_template(source)
    if not line_ends:
        parser.error(f"the source log {args.source} has no lines")
    if not dates:
        parser.error(f"the source log {args.source} has no traditional syslog stamps (Mmm dd HH:MM:SS)")

    span = max(dates) - min(dates) + 1
    shift = args.shift_days or span
    if shift < span:
        parser.error(f"--shift-days {shift} is less than the {span} days the source spans: time would go backwards")

    # One getter pulls every slot's value, in template order, out of [dates..., ids...] in C.
    date_count = len(dates)
    positions = [index if kind == "d" else date_count + index for kind, index in slots]
    take = operator.itemgetter(*positions) if len(positions) > 1 else (lambda values: (values[positions[0]],))
    date_ordinals = sorted(dates, key=dates.get)
    shapes = [IdShape(token) for token in sorted(ids, key=ids.get)]
    id_count = len(ids)
    needed = id_count * (args.lines // len(line_ends) + 2)
    for shape in shapes:
        if needed > shape.modulus:
            parser.error(f"{needed} unique {shape.digits}-digit queue ids do not fit: ask for fewer lines")

    out.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    repetition = 0
    with open(out, "wb", buffering=1 << 22) as sink:
        while written < args.lines:
            base = repetition * id_count
            values = [month_day(ordinal + repetition * shift) for ordinal in date_ordinals]
            values += [shape.make(base + i + 1) for i, shape in enumerate(shapes)]
            chunk = template % take(values)
            remaining = args.lines - written
            if remaining < len(line_ends):
                chunk = chunk[: line_ends[remaining - 1]]
                written += remaining
            else:
                written += len(line_ends)
            sink.write(chunk)
            repetition += 1

    elapsed = time.monotonic() - started
    print(
        f"{out}: {written} lines, {repetition} repetitions of {args.source} ({len(line_ends)} lines, "
        f"{id_count} queue ids, {shift} day(s) apart), {elapsed:.1f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
