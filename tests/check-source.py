#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The cwmpd developers
#
# Checks the C sources for the STYLE.md rules that clang-format cannot see
# (after fwupd contrib/ci/check-source.py):
#   - an SPDX-License-Identifier line in the first three lines
#   - no // comments, only /* */
#   - no goto
#   - g_prefix_error() and friends: the prefix ends in ": ", and a prefix with no
#     format arguments uses the _literal variant
#   - every non-static function defined in core/cwmp-<x>.c (and in a plugin's
#     cwmp-<family>-<x>.c) starts with cwmp_<x>_ (--static checks static ones too);
#     main.c, test programs (*-test.c, *-test-*.c) and generated files are exempt
#
# usage: check-source.py [--srcdir DIR] [--static] [--expect FILE] [FILE...]
# Without FILE arguments every .c/.h file under core/, plugins/, tests/ and bench/
# is checked, except in folders named data/. Offenders are printed as
# file:line: message; the exit code is 1 if there are any. With --expect, the
# report must equal FILE instead ('#' lines in FILE are comments): that is the
# checker's own test. Python standard library only (runs with Debian's python3).

import argparse
import os
import re
import sys
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

SOURCE_DIRS = ("core", "plugins", "tests", "bench")

# directories whose .c files follow the filename-prefix rule
PREFIX_RULE_DIRS = ("core", "plugins")

# files whose non-static functions need not match the file name
PREFIX_RULE_EXEMPT_FILES = {"main.c"}

# functions that may appear in any file: entry points with a name fixed elsewhere
PREFIX_RULE_EXEMPT_FUNCS = {"main", "LLVMFuzzerTestOneInput", "LLVMFuzzerInitialize"}

# the fixed API in core/*.h declares a few families outside their file's prefix;
# each entry is file -> extra allowed prefixes (keep this list short and explained)
PREFIX_RULE_EXTRA: Dict[str, Tuple[str, ...]] = {
    # cwmp-error.h declares the three error domains: CWMP_FAULT, CWMP_PLUGIN_ERROR, CWMP_ERROR
    "cwmp-error.c": ("cwmp_fault_", "cwmp_plugin_error_"),
    # cwmp-schema.h declares CwmpType with its to/from string helpers
    "cwmp-schema.c": ("cwmp_type_",),
    # cwmp-ftp-client.h: the transfer engine calls cwmp_ftp_download_* and cwmp_ftp_upload_*
    "cwmp-ftp-client.c": ("cwmp_ftp_download_", "cwmp_ftp_upload_"),
}

PREFIX_ERROR_FUNCS = {
    # function -> index of the prefix argument
    "g_prefix_error": 1,
    "g_prefix_error_literal": 1,
    "g_propagate_prefixed_error": 2,
}

SPDX_RE = re.compile(r"SPDX-License-Identifier:\s*\S")
IDENT_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
MACRO_RE = re.compile(r"^[A-Z_][A-Z0-9_]*$")


class Failure:
    def __init__(self, fn: str, line: int, message: str) -> None:
        self.fn = fn
        self.line = line
        self.message = message

    def __str__(self) -> str:
        return f"{self.fn}:{self.line}: {self.message}"


class Token:
    __slots__ = ("kind", "text", "line", "depth")

    def __init__(self, kind: str, text: str, line: int) -> None:
        self.kind = kind  # "ident", "string", "char", "number", "punct"
        self.text = text
        self.line = line
        self.depth = 0


class Source:
    """a C file split into tokens, with comments and preprocessor lines set aside"""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: List[Token] = []
        self.line_comments: List[int] = []  # lines holding a // comment
        self.gotos: List[int] = []
        self._scan()

    def _scan(self) -> None:
        text = self.text
        n = len(text)
        i = 0
        line = 1
        at_line_start = True  # only whitespace so far on this line
        in_directive = False
        while i < n:
            c = text[i]
            if c == "\n":
                # a directive ends at a newline not escaped by a backslash
                if in_directive and not (i > 0 and text[i - 1] == "\\"):
                    in_directive = False
                line += 1
                at_line_start = True
                i += 1
                continue
            if c in " \t\r\f\v":
                i += 1
                continue
            if c == "\\" and i + 1 < n and text[i + 1] == "\n":
                line += 1
                i += 2
                continue
            if text.startswith("/*", i):
                end = text.find("*/", i + 2)
                end = n if end == -1 else end + 2
                line += text.count("\n", i, end)
                i = end
                continue
            if text.startswith("//", i):
                self.line_comments.append(line)
                end = text.find("\n", i)
                i = n if end == -1 else end
                continue
            if c == "#" and at_line_start:
                in_directive = True
                at_line_start = False
                i += 1
                continue
            at_line_start = False
            if c in "\"'":
                j = i + 1
                while j < n and text[j] != c and text[j] != "\n":
                    j += 2 if text[j] == "\\" else 1
                j = min(j + 1, n)
                tok = Token("string" if c == '"' else "char", text[i:j], line)
                line += text.count("\n", i, j)
                i = j
                if not in_directive:
                    self.tokens.append(tok)
                continue
            m = IDENT_RE.match(text, i)
            if m:
                word = m.group(0)
                # string prefixes: L"", u8"", u"", U""
                if word in ("L", "u8", "u", "U") and m.end() < n and text[m.end()] == '"':
                    i = m.end()
                    continue
                if word == "goto":
                    self.gotos.append(line)
                if not in_directive:
                    self.tokens.append(Token("ident", word, line))
                i = m.end()
                continue
            if c.isdigit():
                j = i + 1
                while j < n and (text[j].isalnum() or text[j] in "._"):
                    j += 1
                if not in_directive:
                    self.tokens.append(Token("number", text[i:j], line))
                i = j
                continue
            if not in_directive:
                self.tokens.append(Token("punct", c, line))
            i += 1

        # brace depth of every token (the depth it opens or closes at)
        depth = 0
        for tok in self.tokens:
            if tok.text == "}" and tok.kind == "punct":
                depth = max(depth - 1, 0)
            tok.depth = depth
            if tok.text == "{" and tok.kind == "punct":
                depth += 1


def _matching_open(tokens: Sequence[Token], close_idx: int) -> int:
    """index of the '(' matching the ')' at close_idx, or -1"""
    level = 0
    for k in range(close_idx, -1, -1):
        t = tokens[k]
        if t.kind != "punct":
            continue
        if t.text == ")":
            level += 1
        elif t.text == "(":
            level -= 1
            if level == 0:
                return k
    return -1


def _matching_close(tokens: Sequence[Token], open_idx: int) -> int:
    level = 0
    for k in range(open_idx, len(tokens)):
        t = tokens[k]
        if t.kind != "punct":
            continue
        if t.text == "(":
            level += 1
        elif t.text == ")":
            level -= 1
            if level == 0:
                return k
    return -1


def function_definitions(src: Source) -> Iterator[Tuple[str, int, bool]]:
    """yield (name, line, is_static) for every function defined at file scope"""
    tokens = src.tokens
    for idx, tok in enumerate(tokens):
        if tok.kind != "punct" or tok.text != "{" or tok.depth != 0:
            continue
        k = idx - 1
        name_idx = -1
        # walk back over trailing attributes: G_GNUC_UNUSED, __attribute__((...))
        while k >= 0:
            t = tokens[k]
            if t.kind == "ident" and MACRO_RE.match(t.text):
                k -= 1
                continue
            if t.kind != "punct" or t.text != ")":
                break
            open_idx = _matching_open(tokens, k)
            if open_idx <= 0:
                break
            before = tokens[open_idx - 1]
            if before.kind != "ident":
                break
            if before.text == "__attribute__" or MACRO_RE.match(before.text):
                k = open_idx - 2
                continue
            name_idx = open_idx - 1
            break
        if name_idx < 0:
            continue
        name = tokens[name_idx].text
        if name in ("if", "while", "for", "switch", "return", "sizeof"):
            continue
        # the declaration head runs back to the previous ';', '}' or start of file
        is_static = False
        k = name_idx - 1
        while k >= 0:
            t = tokens[k]
            if t.kind == "punct" and t.text in (";", "}") and t.depth == 0:
                break
            if t.kind == "punct" and t.text == "=":
                name = ""  # an initialiser, not a function
                break
            if t.kind == "ident" and t.text == "static":
                is_static = True
            k -= 1
        if name:
            yield name, tokens[name_idx].line, is_static


def _string_value(literal: str) -> str:
    """the text of a C string literal, escapes left as written except \\\" """
    body = literal[1:-1] if literal.endswith('"') and len(literal) >= 2 else literal[1:]
    return body.replace('\\"', '"')


def check_prefix_error(fn: str, src: Source) -> List[Failure]:
    failures: List[Failure] = []
    tokens = src.tokens
    for idx, tok in enumerate(tokens):
        if tok.kind != "ident" or tok.text not in PREFIX_ERROR_FUNCS:
            continue
        if idx + 1 >= len(tokens) or tokens[idx + 1].text != "(":
            continue
        close = _matching_close(tokens, idx + 1)
        if close < 0:
            continue
        # split the arguments on top-level commas
        args: List[List[Token]] = [[]]
        level = 0
        for t in tokens[idx + 2 : close]:
            if t.kind == "punct" and t.text in "([{":
                level += 1
            elif t.kind == "punct" and t.text in ")]}":
                level -= 1
            elif t.kind == "punct" and t.text == "," and level == 0:
                args.append([])
                continue
            args[-1].append(t)
        arg_idx = PREFIX_ERROR_FUNCS[tok.text]
        if len(args) <= arg_idx:
            continue
        strings = [t for t in args[arg_idx] if t.kind == "string"]
        if not strings:
            continue  # a computed prefix: nothing to check
        value = "".join(_string_value(t.text) for t in strings)
        if not value.endswith(": "):
            failures.append(
                Failure(fn, strings[-1].line, f'{tok.text}() prefix "{value}" must end in ": "')
            )
        if (
            tok.text == "g_prefix_error"
            and len(args) == arg_idx + 1
            and "%" not in value.replace("%%", "")
        ):
            failures.append(
                Failure(
                    fn,
                    tok.line,
                    "g_prefix_error() without format arguments: use g_prefix_error_literal()",
                )
            )
    return failures


def required_prefixes(fn: str) -> Optional[Tuple[str, ...]]:
    """the allowed function-name prefixes for a file, or None if the rule does not apply"""
    parts = fn.replace(os.sep, "/").split("/")
    if parts[0] not in PREFIX_RULE_DIRS or not fn.endswith(".c"):
        return None
    base = parts[-1]
    if base in PREFIX_RULE_EXEMPT_FILES or not base.startswith("cwmp-"):
        return None
    # generated sources never live in the source tree, but be safe
    if "generated" in base or base.endswith("-data.c"):
        return None
    # test programs and their helpers (a plugin's self-test lives in its folder)
    # follow the tests/ rules, like fwupd's checker exempts *-test.c
    if re.search(r"-test(-|\.c$)", base):
        return None
    prefix = base[: -len(".c")].replace("-", "_") + "_"
    return (prefix,) + PREFIX_RULE_EXTRA.get(base, ())


def check_file(fn: str, text: str, check_static: bool = False) -> List[Failure]:
    failures: List[Failure] = []
    src = Source(text)

    head = text.split("\n", 3)[:3]
    if not any(SPDX_RE.search(line) for line in head):
        failures.append(Failure(fn, 1, "no SPDX-License-Identifier in the first three lines"))

    for line in src.line_comments:
        failures.append(Failure(fn, line, "'//' comment: use /* */"))
    for line in src.gotos:
        failures.append(Failure(fn, line, "goto: use g_autoptr/g_autofree and early returns"))

    failures.extend(check_prefix_error(fn, src))

    prefixes = required_prefixes(fn)
    parts = fn.replace(os.sep, "/").split("/")
    if prefixes is not None:
        for name, line, is_static in function_definitions(src):
            if is_static and not check_static:
                continue
            if name in PREFIX_RULE_EXEMPT_FUNCS:
                continue
            # the ABI entry point of plugins/<name>/, normally written by CWMP_PLUGIN_DEFINE
            if parts[0] == "plugins" and name == f"cwmp_plugin_{parts[1]}_get_info":
                continue
            if name.startswith(prefixes):
                continue
            kind = "static function" if is_static else "function"
            failures.append(
                Failure(fn, line, f"{kind} {name}() should start with {'|'.join(prefixes)}")
            )
    failures.sort(key=lambda f: f.line)
    return failures


def discover(srcdir: str) -> List[str]:
    found: List[str] = []
    for top in SOURCE_DIRS:
        root = os.path.join(srcdir, top)
        for dirpath, dirnames, filenames in os.walk(root):
            # test data (including this checker's own bad examples) is not source
            dirnames[:] = sorted(d for d in dirnames if d != "data")
            for name in sorted(filenames):
                if name.endswith((".c", ".h")):
                    found.append(os.path.relpath(os.path.join(dirpath, name), srcdir))
    return found


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description="check cwmpd C sources against STYLE.md")
    parser.add_argument(
        "--srcdir",
        default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
        help="top of the source tree (default: the parent of this script's folder)",
    )
    parser.add_argument(
        "--static", action="store_true", help="apply the prefix rule to static functions too"
    )
    parser.add_argument(
        "--expect", metavar="FILE", help="pass only if the report equals FILE (self-test)"
    )
    parser.add_argument("files", nargs="*", help="files relative to --srcdir (default: all)")
    args = parser.parse_args(argv)

    files = args.files or discover(args.srcdir)
    if not files:
        print(f"check-source: no C files found under {args.srcdir}", file=sys.stderr)
        return 1
    failures: List[Failure] = []
    for fn in files:
        path = fn if os.path.isabs(fn) else os.path.join(args.srcdir, fn)
        rel = os.path.relpath(path, args.srcdir)
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError) as e:
            failures.append(Failure(rel, 1, f"cannot read: {e}"))
            continue
        failures.extend(check_file(rel, text, check_static=args.static))
    if args.expect:
        with open(args.expect, encoding="utf-8") as f:
            expected = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
        got = [str(failure) for failure in failures]
        for line in sorted(set(expected) - set(got)):
            print(f"check-source self-test: not reported: {line}")
        for line in sorted(set(got) - set(expected)):
            print(f"check-source self-test: unexpected: {line}")
        if got != expected:
            print("check-source self-test: FAILED", file=sys.stderr)
            return 1
        print(f"check-source self-test: {len(got)} expected problem(s) reported")
        return 0
    for failure in failures:
        print(failure)
    if failures:
        print(f"check-source: {len(failures)} problem(s) in {len(files)} file(s)", file=sys.stderr)
        return 1
    print(f"check-source: {len(files)} file(s) OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
