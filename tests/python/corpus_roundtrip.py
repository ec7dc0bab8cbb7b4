#!/usr/bin/python3
"""Corpus test of the Python front end against CPython's own parser.

For every .py file under the given roots, `swhost parse` must agree with `ast.parse` of
/usr/bin/python3 on accept or reject, and every file it accepts must print back from its syntax
tree byte for byte (`swhost parse --print`). A disagreement fails the test unless the exceptions
file lists the file (a path relative to its root, or a glob) with the reason.

usage: corpus_roundtrip.py SWHOST EXCEPTIONS_FILE ROOT...
Roots that do not exist are reported and skipped (their packages are in scripts/test-packages.txt).
"""
import ast
import fnmatch
import os
import subprocess
import sys
import warnings

BATCH = 400


def python_files(root):
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                if os.path.isfile(path):
                    yield path


def cpython_accepts(data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            ast.parse(data)
            return True
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return False


def read_exceptions(path):
    patterns = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            pattern, _, reason = line.partition(" ")
            if not reason.strip():
                sys.exit(f"{path}: exception '{pattern}' has no reason")
            patterns.append(pattern)
    return patterns


def swhost_rejects(swhost, paths):
    """The subset of paths swhost reports a syntax error for."""
    rejected = set()
    for start in range(0, len(paths), BATCH):
        batch = paths[start:start + BATCH]
        result = subprocess.run([swhost, "parse", "--check", *batch], capture_output=True)
        if result.returncode not in (0, 1):
            sys.exit(f"swhost parse --check crashed (status {result.returncode}) on a batch "
                     f"starting at {batch[0]}:\n{result.stderr.decode(errors='replace')[-2000:]}")
        wanted = set(batch)
        for line in result.stderr.decode("utf-8", errors="replace").splitlines():
            if ": error: " in line:
                path = line.split(":", 1)[0]
                if path in wanted:
                    rejected.add(path)
    return rejected


def round_trip_failures(swhost, paths):
    failures = []
    for start in range(0, len(paths), BATCH):
        batch = paths[start:start + BATCH]
        result = subprocess.run([swhost, "parse", "--print", *batch], capture_output=True)
        output = result.stdout
        offset = 0
        for path in batch:
            with open(path, "rb") as handle:
                data = handle.read()
            if output[offset:offset + len(data)] != data:
                failures.append(path)
            offset += len(data)
        if result.returncode != 0 or offset != len(output):
            if not failures:
                failures.append(f"{batch[0]}... (batch output length or status differs)")
    return failures


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    swhost, exceptions_file, roots = sys.argv[1], sys.argv[2], sys.argv[3:]
    patterns = read_exceptions(exceptions_file)
    problems = []
    total = accepted = rejected = excused = 0
    for root in roots:
        if not os.path.isdir(root):
            print(f"skipped {root}: not installed")
            continue
        paths = list(python_files(root))
        expected = {}
        for path in paths:
            with open(path, "rb") as handle:
                expected[path] = cpython_accepts(handle.read())
        ours_rejected = swhost_rejects(swhost, paths)
        agree = 0
        for path in paths:
            relative = os.path.relpath(path, root)
            ours = path not in ours_rejected
            if ours == expected[path]:
                agree += 1
                continue
            if any(fnmatch.fnmatch(relative, pattern) for pattern in patterns):
                excused += 1
                continue
            problems.append(f"{path}: ast.parse {'accepts' if expected[path] else 'rejects'}, "
                            f"swhost {'accepts' if ours else 'rejects'}")
        ours_accepted = [path for path in paths if path not in ours_rejected]
        trips = round_trip_failures(swhost, ours_accepted)
        problems += [f"{path}: printing the tree does not give the file back" for path in trips]
        total += len(paths)
        accepted += len(ours_accepted)
        rejected += len(ours_rejected)
        print(f"{root}: {len(paths)} files, swhost accepts {len(ours_accepted)}, rejects "
              f"{len(ours_rejected)}; agrees with ast.parse on {agree}; "
              f"{len(ours_accepted) - len(trips)} round trips byte-identical")
    print(f"total: {total} files, {accepted} accepted, {rejected} rejected, {excused} listed "
          f"exceptions, {len(problems)} problems")
    for problem in problems:
        print(problem)
    return 1 if problems or total == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
