#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The cwmpd developers
"""Copies the built plugin modules into one directory of the build tree, so
tests, the demo and the benchmarks load every plugin from one
CWMP_PLUGIN_DIR. Copies, not symlinks: the loader refuses symlinks."""

import os
import shutil
import sys


def main():
    stamp, directory, modules = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(directory, exist_ok=True)
    wanted = {os.path.basename(m) for m in modules}
    for name in os.listdir(directory):
        if name.endswith('.so') and name not in wanted:
            os.unlink(os.path.join(directory, name))
    for module in modules:
        target = os.path.join(directory, os.path.basename(module))
        tmp = target + '.tmp'
        shutil.copy2(module, tmp)
        os.rename(tmp, target)
    with open(stamp, 'w') as f:
        f.write('\n'.join(sorted(wanted)) + '\n')


if __name__ == '__main__':
    main()
