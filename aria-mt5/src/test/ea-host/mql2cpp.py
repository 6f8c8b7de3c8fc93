#!/usr/bin/python3
"""Mechanical MQL5 -> C++17 transformation of the ARIA bridge EA, for the EA host harness.

Usage: mql2cpp.py <mql5-root> <out-dir> [<expert>]
  <mql5-root> holds Experts/AriaBridge.mq5 and Include/Aria/*.mqh (aria-mt5/src/main/mql5)
  <out-dir>   receives Experts/AriaBridge.mq5.hpp and Include/Aria/*.mqh.hpp
  <expert>    another expert under <mql5-root> (the harness's self-tests), default Experts/AriaBridge.mq5

Every output line is the input line of the same number (a '#line 1 "<source>"' at the top makes
compiler messages, AddressSanitizer reports and the shim's array-bounds aborts name the .mq5/.mqh
file and line). Nothing here changes what the EA does: each rule below rewrites a piece of MQL5
syntax into the C++ that means the same, and the MQL5 semantics live in mql5.hpp.

Rules (and only these):
  1. '#property ...'                      -> a comment (terminal metadata).
  2. '#import "x.dll"' .. '#import'       -> comments: the shim (mql5.hpp) provides every imported
                                             function with the declared MQL5 signature.
  3. '#include <Aria\\X.mqh>' / '"X.mqh"' -> '#include "<out>/Include/Aria/X.mqh.hpp"'.
  4. 'input T Name=v; // text'            -> 'T Name=v; static MqlInput mql_input_Name("Name",Name);'
                                             (the host sets inputs from its command line before
                                             OnInit, as the terminal's input dialog does).
  5. 'T name[]', 'T &name[]', 'T *name[]' -> 'MqlArray<T> name', 'MqlArray<T> &name',
                                             'MqlArray<T*> name' (dynamic arrays; the class checks
                                             every index and aborts with a stack trace, as an
                                             out-of-range access stops an MQL5 program).
  6. 'p.member' where p is declared 'C *p' in an enclosing scope (C a class of the sources)
                                          -> 'p->member'. MQL5 uses '.' for both objects and
                                             object pointers; a scope stack tells them apart.
A construct the rules do not cover makes g++ fail: that is the point (no hand edits).
"""
import os
import re
import sys

BUILTIN_TYPES = {"void", "bool", "char", "uchar", "short", "ushort", "int", "uint", "long", "ulong",
                 "float", "double", "string", "datetime", "color"}
KEYWORDS = {"return", "delete", "new", "if", "else", "while", "for", "switch", "case", "break",
            "continue", "default", "const", "static", "class", "struct", "enum", "public", "private",
            "protected", "virtual", "sizeof", "this", "operator", "template", "typename"}

TOKEN = re.compile(r"""
    (?P<ws>[ \t\r\n]+)
  | (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<str>"(?:\\.|[^"\\\n])*")
  | (?P<chr>'(?:\\.|[^'\\\n])*')
  | (?P<num>\d[\w.]*)
  | (?P<id>[A-Za-z_]\w*)
  | (?P<op>->|::|&&|\|\||[-+*/%=!<>&|^]=|\+\+|--|<<|>>|.)
""", re.VERBOSE | re.DOTALL)


def tokenize(text):
    out = []
    pos = 0
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if m is None:
            raise SystemExit("mql2cpp: cannot read character %r at offset %d" % (text[pos], pos))
        out.append([m.lastgroup, m.group()])
        pos = m.end()
    return out


def significant(tokens, i, step):
    """index of the next non-space, non-comment token from i in direction step, or -1"""
    j = i + step
    while 0 <= j < len(tokens):
        if tokens[j][0] not in ("ws", "comment"):
            return j
        j += step
    return -1


def preprocess_lines(text, rel_src, out_root, src_dir):
    """rules 1-4, line by line; returns the text with the same number of lines"""
    lines = text.split("\n")
    in_import = False
    for n, line in enumerate(lines):
        s = line.strip()
        if in_import:
            if s.startswith("#import"):
                in_import = False
            lines[n] = "// [mql2cpp import] " + line
            continue
        if s.startswith("#import"):
            in_import = True
            lines[n] = "// [mql2cpp import] " + line
            continue
        if s.startswith("#property"):
            lines[n] = "// [mql2cpp] " + line
            continue
        m = re.match(r'\s*#include\s*[<"]([^>"]+)[>"]', line)
        if m:
            inc = m.group(1).replace("\\", "/")
            if line.strip()[8:].lstrip().startswith("<"):
                target = os.path.join("Include", inc)
            else:
                target = os.path.normpath(os.path.join(src_dir, inc))
            lines[n] = '#include "%s.hpp"' % os.path.join(out_root, target)
            continue
        m = re.match(r'^input\s+(\w+)\s+(\w+)(\s*=\s*[^;]*);(.*)$', line)
        if m:
            lines[n] = '%s %s%s; static MqlInput mql_input_%s("%s",%s);%s' % (
                m.group(1), m.group(2), m.group(3), m.group(2), m.group(2), m.group(2), m.group(4))
    return "\n".join(lines)


def class_names(texts):
    names = set()
    for t in texts:
        names.update(re.findall(r"\b(?:class|struct)\s+(\w+)", t))
    # the shim's structures are value types too
    names.update({"MqlTick", "MqlRates", "MqlTradeRequest", "MqlTradeResult", "MqlTradeTransaction"})
    return names


def transform_tokens(tokens, classes):
    types = BUILTIN_TYPES | classes | {"ENUM_" + x for x in ()}
    # rule 5: dynamic array declarations
    i = 0
    while i < len(tokens):
        if tokens[i][1] == "[":
            j = significant(tokens, i, 1)
            if j > 0 and tokens[j][1] == "]":
                name = significant(tokens, i, -1)
                k = significant(tokens, name, -1)
                ref = ""
                if tokens[k][1] in ("&", "*"):
                    ref = tokens[k][1]
                    t = significant(tokens, k, -1)
                else:
                    t = k
                if tokens[name][0] != "id" or tokens[t][0] != "id":
                    raise SystemExit("mql2cpp: '[]' not after 'Type name': %s %s" % (tokens[t][1], tokens[name][1]))
                elem = tokens[t][1]
                if ref == "*":
                    tokens[t][1] = "MqlArray<%s*>" % elem
                    tokens[k] = ["ws", ""]
                elif ref == "&":
                    tokens[t][1] = "MqlArray<%s>" % elem
                else:
                    tokens[t][1] = "MqlArray<%s>" % elem
                for x in range(i, j + 1):
                    tokens[x] = ["ws", ""]
                i = j
        i += 1
    # rule 6: '.' on object pointers, with a scope stack
    scopes = [dict()]
    pending = dict()
    paren = 0
    for i, (kind, text) in enumerate(tokens):
        if kind != "id" and kind != "op":
            continue
        if text == "(":
            paren += 1
        elif text == ")":
            paren -= 1
        elif text == "{":
            s = dict(pending)
            scopes.append(s)
            pending = dict()
        elif text == "}":
            if len(scopes) > 1:
                scopes.pop()
        elif text == ";" and paren == 0:
            pending = dict()
        elif kind == "id" and text not in KEYWORDS:
            # a declaration 'Type name' or 'Type *name' (not a function: no '(' after the name)
            p = significant(tokens, i, -1)
            if p >= 0:
                ptr = tokens[p][1] == "*"
                q = significant(tokens, p, -1) if ptr else p
                nxt = significant(tokens, i, 1)
                typ = tokens[q][1] if q >= 0 else ""
                if tokens[q][0] == "id" and (typ in types or typ.startswith("ENUM_") or typ.startswith("MqlArray<")) \
                        and not (nxt >= 0 and tokens[nxt][1] == "(") and (ptr or tokens[p][0] == "id"):
                    is_ptr = ptr and typ in classes
                    target = pending if paren > 0 else scopes[-1]
                    target[text] = is_ptr
                    continue
            # a use: 'name .' where name is a pointer
            d = significant(tokens, i, 1)
            prev = significant(tokens, i, -1)
            if d >= 0 and tokens[d][1] == "." and not (prev >= 0 and tokens[prev][1] in (".", "->")):
                for s in reversed(scopes + [pending]):
                    if text in s:
                        if s[text]:
                            tokens[d][1] = "->"
                        break
    return "".join(t[1] for t in tokens)


def main():
    if len(sys.argv) not in (3, 4):
        raise SystemExit("usage: mql2cpp.py <mql5-root> <out-dir> [<expert>]")
    root, out = sys.argv[1], os.path.abspath(sys.argv[2])
    sources = [sys.argv[3] if len(sys.argv) == 4 else os.path.join("Experts", "AriaBridge.mq5")]
    inc = os.path.join(root, "Include", "Aria")
    if os.path.isdir(inc):
        sources += [os.path.join("Include", "Aria", f) for f in sorted(os.listdir(inc)) if f.endswith(".mqh")]
    texts = {s: open(os.path.join(root, s), encoding="utf-8").read() for s in sources}
    classes = class_names(texts.values())
    for s in sources:
        text = preprocess_lines(texts[s], s, out, os.path.dirname(s))
        body = transform_tokens(tokenize(text), classes)
        dst = os.path.join(out, s + ".hpp")
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        src_abs = os.path.abspath(os.path.join(root, s))
        with open(dst, "w", encoding="utf-8") as f:
            f.write('#line 1 "%s"\n' % src_abs)
            f.write(body)
            if not body.endswith("\n"):
                f.write("\n")


if __name__ == "__main__":
    main()
