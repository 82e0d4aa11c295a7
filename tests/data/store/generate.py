#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The cwmpd developers
#
# Writes the state files used by cwmp-store-test with an encoder that shares
# no code with core/cwmp-store.c (the checksum is zlib's crc32), so the test
# checks the C code against the format description, not against itself.
# Run it from this folder: ./generate.py
import zlib


def escape(field):
    out = b''
    for c in field:
        if c == 0x5c:
            out += b'\\\\'
        elif c == 0x09:
            out += b'\\t'
        elif c == 0x0a:
            out += b'\\n'
        elif c == 0x0d:
            out += b'\\r'
        elif c < 0x20 or c == 0x7f:
            out += b'\\x%02x' % c
        else:
            out += bytes([c])
    return out


def state_file(kind, records, version=1, raw_lines=(), count=None):
    body = b'CWMPD-STATE %d %s\n' % (version, kind.encode())
    n = 0
    for tag, fields in records:
        body += tag.encode() + b''.join(b'\t' + escape(f) for f in fields) + b'\n'
        n += 1
    for line in raw_lines:
        body += line + b'\n'
        n += 1
    return body + b'END %d %08x\n' % (n if count is None else count, zlib.crc32(body))


GOLDEN = [
    ('A', []),
    ('B', [b'one']),
    ('C', [b'tab\there', b'new\nline', b'back\\slash']),
    ('D', [b'', b'', b'', b'']),
    ('E', [b'caf\xc3\xa9', b'\x01\x7f\r\x1b']),
    ('Z', [b'']),
]
ONE = [('P', [b'Device.A', b'1'])]

# a valid end line and checksum around one bad record on line 3
BAD_RECORDS = {
    'bad-escape.state': b'R\tfoo\\qbar',
    'bad-hex-escape.state': b'R\tfoo\\x4',
    'nul-escape.state': b'R\tfoo\\x00bar',
    'trailing-backslash.state': b'R\tfoo\\',
    'no-tag.state': b'\tfoo',
    'empty-line.state': b'',
    'long-tag.state': b'AB\tfoo',
    'too-many-fields.state': b'R\t1\t2\t3\t4\t5',
    'control-char.state': b'R\tfoo\x01bar',
    'carriage-return.state': b'R\tfoo\r',
}


def main():
    files = {
        'golden.state': state_file('test', GOLDEN),
        'version-2.state': state_file('test', GOLDEN, version=2),
        'count-mismatch.state': state_file('test', ONE, count=2),
    }
    for name, line in BAD_RECORDS.items():
        files[name] = state_file('test', ONE, raw_lines=[line])
    for name, data in files.items():
        with open(name, 'wb') as f:
            f.write(data)


if __name__ == '__main__':
    main()
