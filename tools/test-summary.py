#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Print one closing line for `make check` from meson's test logs: the tests
(and the subtests of TAP suites) that passed, failed and were skipped in the
plain, ASan and valgrind runs, as 'check: N passed, N failed, N skipped'."""
import json
import os
import sys

passed = failed = skipped = 0
for build in sys.argv[1:]:
    for name in ("testlog.json", "testlog-valgrind.json"):
        path = os.path.join(build, "meson-logs", name)
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line:
                    continue
                result = json.loads(line).get("result")
                if result in ("OK", "EXPECTEDFAIL"):
                    passed += 1
                elif result == "SKIP":
                    skipped += 1
                else:
                    failed += 1
print(f"check: {passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
