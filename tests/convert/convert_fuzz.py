#!/usr/bin/python3
"""Mutation fuzzing of whole conversions: the test models and the hook golden models, mutated
(lines dropped, duplicated or swapped, numbers replaced by extreme ones, keywords and
arguments dropped, hostile statements inserted: deep nesting of every kind, long call chains,
huge expressions, long lines; whole files turned to CRLF), are converted in every direction by
swhost. Each run must end with exit 0
and valid Python, or exit 1 with located diagnostics; never a signal, an 'internal error' or a
hook that 'could not rewrite' a file that parsed. Seeded, so a failure is reproducible: the
mutated file that failed is printed.

usage: convert_fuzz.py SWHOST TESTS_DIR [SECONDS] [SEED]
"""
import ast
import os
import random
import re
import subprocess
import sys
import tempfile
import time

DIRECTIONS = [("torch", "flax"), ("torch", "numpy"), ("flax", "torch"), ("flax", "numpy"),
              ("numpy", "torch"), ("numpy", "flax")]
NUMBERS = ["0", "-1", "1", "2", "99999999999999999999", "-7", "0.0", "1e400", "3"]


def corpus(tests):
    files = []
    for folder, _, names in os.walk(tests):
        if "models" in folder.split(os.sep) or "hooks" in folder.split(os.sep):
            files += [os.path.join(folder, name) for name in names if name.endswith(".py")]
    return sorted(files)


# Shapes whose size a parser or a converter can get wrong: (prefix, middle, suffix), repeated
# prefix and suffix around the middle.
HOSTILE = [("-", "x", ""), ("~", "x", ""), ("not ", "x", ""), ("2 ** ", "2", ""),
           ("lambda: ", "x", ""), ("a if b else ", "x", ""), ("(", "x", ")"), ("[", "", "]"),
           ("", "f", "()"), ("", "x", ".y"), ("", "x", "[0]"), ("x + ", "x", ""),
           ("torch.relu(", "x", ")"), ("", "torch.nn.Linear(4, 4)", "(x)"), ("", "x", " or x")]
DEPTHS = [2, 50, 199, 201, 1000, 3000, 6000, 30000]


def hostile_statement(rng):
    prefix, middle, suffix = rng.choice(HOSTILE)
    depth = rng.choice(DEPTHS)
    return "h = " + prefix * depth + middle + suffix * depth


def mutate(text, rng):
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        choice = rng.randrange(8)
        if choice == 6:
            at = rng.randrange(len(lines) + 1)
            indent = re.match(r"[ \t]*", lines[at] if at < len(lines) else "").group(0)
            lines.insert(at, indent + hostile_statement(rng))
            continue
        if choice == 7:
            return "\r\n".join(lines)
        at = rng.randrange(len(lines))
        if choice == 0 and len(lines) > 1:
            del lines[at]
        elif choice == 1:
            lines.insert(at, lines[rng.randrange(len(lines))])
        elif choice == 2:
            other = rng.randrange(len(lines))
            lines[at], lines[other] = lines[other], lines[at]
        elif choice == 3:
            lines[at] = re.sub(r"\b\d+(\.\d+)?\b", lambda m: rng.choice(NUMBERS), lines[at], 1)
        elif choice == 4:
            lines[at] = re.sub(r",\s*\w+=[^,()]+", "", lines[at], 1)
        else:
            lines[at] = re.sub(r"\(([^()]*)\)", "()", lines[at], 1)
    return "\n".join(lines)


def problem_of(result, valid):
    """What is wrong with one swhost conversion's result, or None: it must end with exit 0 and
    valid Python, or exit 1 with located diagnostics (`valid`: the input was valid Python)."""
    if result.returncode not in (0, 1):
        return "exit %d" % result.returncode
    if "internal error" in result.stderr or (valid and "could not rewrite" in result.stderr):
        return "an internal failure"
    if result.returncode == 0:
        try:
            ast.parse(result.stdout)
        except SyntaxError as error:
            return "output that does not parse (%s)" % error
        except (RecursionError, MemoryError):
            pass  # deeper than CPython's own parser goes; swhost parsed it again itself
    elif valid and "error" not in result.stderr:
        return "exit 1 without an error"
    return None


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    swhost, tests = sys.argv[1], sys.argv[2]
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 60
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 2026)
    files = corpus(tests)
    texts = [open(path, encoding="utf-8").read() for path in files]
    runs = parsed = 0
    deadline = time.monotonic() + seconds
    with tempfile.TemporaryDirectory(prefix="swfuzz-") as work:
        path = os.path.join(work, "model.py")
        while time.monotonic() < deadline:
            text = mutate(rng.choice(texts), rng)
            try:
                ast.parse(text)
                valid = True
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                valid = False
            with open(path, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
            source, target = rng.choice(DIRECTIONS)
            try:
                result = subprocess.run([swhost, "convert", path, "--source", source, "--target",
                                         target], capture_output=True, text=True, check=False,
                                        timeout=60)
            except subprocess.TimeoutExpired:
                print("%s -> %s: no result in 60 s\n--- input ---\n%s" % (source, target, text))
                return 1
            runs += 1
            parsed += valid
            problem = problem_of(result, valid)
            if problem:
                print("%s -> %s: %s\n--- input ---\n%s\n--- stderr ---\n%s" % (
                    source, target, problem, text, result.stderr[-2000:]))
                return 1
    print("convert fuzz: %d conversions of mutated models (%d of them valid Python), "
          "no failure" % (runs, parsed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
