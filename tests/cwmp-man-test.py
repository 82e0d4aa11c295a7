#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The cwmpd developers
"""The man pages agree with the code: cwmpd.conf(5) documents every key of
the key table (as printed by cwmpd --check-config), cwmpd(8) every option of
cwmpd --help, cwmpctl(1) every option and command of cwmpctl --help; and the
pages pass man --warnings when man is installed. TAP output."""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

results = []


def check(ok, name, detail=''):
    results.append((ok, name, detail))


def roff_name(text):
    return text.replace('-', '\\-')


def config_keys(cwmpd):
    # an empty configuration: every key with its default, grouped
    with tempfile.TemporaryDirectory() as tmp:
        conf = os.path.join(tmp, 'cwmpd.conf')
        open(conf, 'w').close()
        out = subprocess.run([cwmpd, '--check-config', '-c', conf], check=True,
                             capture_output=True, text=True).stdout
    keys = []
    group = None
    for line in out.splitlines():
        m = re.match(r'^\[(.+)\]$', line)
        if m:
            group = m.group(1)
            continue
        m = re.match(r'^#?([A-Za-z0-9-]+)=', line)
        if m and group is not None:
            keys.append((group, m.group(1)))
    return keys


def long_options(binary):
    out = subprocess.run([binary, '--help-all'], capture_output=True, text=True).stdout
    return sorted(set(re.findall(r'^\s+(?:-\w, )?--([a-z][a-z-]*)', out, re.M)) -
                  {'help', 'help-all'})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--cwmpd', required=True)
    parser.add_argument('--cwmpctl')
    parser.add_argument('--mandir', required=True)
    args = parser.parse_args()

    conf5 = open(os.path.join(args.mandir, 'cwmpd.conf.5')).read()
    keys = config_keys(args.cwmpd)
    check(len(keys) > 30, 'the key table has keys', str(len(keys)))
    # each key inside the section of its group
    sections = re.split(r'^\.SS ', conf5, flags=re.M)
    by_group = {}
    for section in sections[1:]:
        m = re.match(r'"\[(.+?)\]"', section)
        if m:
            by_group[m.group(1).replace('\\-', '-')] = section
    for group, key in keys:
        section = by_group.get(group, '')
        check('\\fB' + roff_name(key) + '=\\fR' in section,
              'cwmpd.conf(5) documents [%s] %s' % (group, key))

    cwmpd8 = open(os.path.join(args.mandir, 'cwmpd.8')).read()
    for option in long_options(args.cwmpd):
        check('\\-\\-' + roff_name(option) in cwmpd8, 'cwmpd(8) documents --' + option)
    for signal in ['SIGTERM', 'SIGINT', 'SIGHUP']:
        check(signal in cwmpd8, 'cwmpd(8) documents ' + signal)

    cwmpctl1 = open(os.path.join(args.mandir, 'cwmpctl.1')).read()
    if args.cwmpctl:
        for option in long_options(args.cwmpctl):
            check('\\-\\-' + roff_name(option) in cwmpctl1, 'cwmpctl(1) documents --' + option)
        out = subprocess.run([args.cwmpctl, '--help'], capture_output=True, text=True).stdout
        commands = re.findall(r'^  ([a-z][a-z-]*) ', out.split('Commands:', 1)[-1], re.M)
        check(len(commands) >= 12, 'cwmpctl --help lists its commands', str(commands))
        for command in commands:
            check(re.search(r'^\.BR? ' + re.escape(roff_name(command)) + r'\b', cwmpctl1,
                            re.M) is not None or
                  re.search(r'^\.BI ' + re.escape(roff_name(command)) + r'\b', cwmpctl1,
                            re.M) is not None,
                  'cwmpctl(1) documents ' + command)
    for status in ['0', '1', '2', '3']:
        check(re.search(r'^\.B %s$' % status, cwmpctl1, re.M) is not None,
              'cwmpctl(1) documents exit status ' + status)

    man = shutil.which('man')
    groff = shutil.which('groff')
    for page in ['cwmpd.conf.5', 'cwmpd.8', 'cwmpctl.1']:
        name = 'man --warnings ' + page
        if man is None or groff is None:
            results.append((None, name, 'man or groff not installed'))
            continue
        proc = subprocess.run([man, '--warnings', '-l', os.path.join(args.mandir, page)],
                              capture_output=True, text=True,
                              env=dict(os.environ, MANWIDTH='80', MAN_KEEP_FORMATTING='0'))
        check(proc.returncode == 0 and proc.stderr.strip() == '', name, proc.stderr.strip())

    print('1..%d' % len(results))
    failed = 0
    for i, (ok, name, detail) in enumerate(results, 1):
        if ok is None:
            print('ok %d %s # SKIP %s' % (i, name, detail))
        elif ok:
            print('ok %d %s' % (i, name))
        else:
            failed += 1
            print('not ok %d %s' % (i, name))
            if detail:
                print('# ' + detail.replace('\n', '\n# '))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
