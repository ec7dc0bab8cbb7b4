#!/usr/bin/python3
"""Benchmark of the Python front end beside CPython's ast.parse, on the same files.

usage: benchmark.py BUILD_DIR [ROOT] [PASSES]
ROOT defaults to /usr/lib/python3.11 (every .py file under it that ast.parse accepts); PASSES
(default 3) is the number of warm passes. Prints MB/s (per CPU second) for both, the cold start of one ~500-line
file, and the peak RSS of parsing the largest file. Figures go to docs/python-frontend.md.
"""
import ast
import os
import subprocess
import sys
import time
import warnings


def corpus(root):
    files = []
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(folder, name)
            if name.endswith(".py") and os.path.isfile(path):
                with open(path, "rb") as handle:
                    data = handle.read()
                try:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        ast.parse(data)
                except (SyntaxError, ValueError):
                    continue
                files.append((path, data))
    return files


def cpython_figures(files, passes):
    total = sum(len(data) for _, data in files)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.process_time()
        for _ in range(passes):
            for _, data in files:
                ast.parse(data)
        elapsed = time.process_time() - start
    return total * passes / elapsed / 1e6


def process_cpu(command):
    """CPU seconds (user + system) a command takes, start-up included."""
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    if status != 0:
        sys.exit(f"{command[0]} failed")
    return usage.ru_utime + usage.ru_stime


def main():
    build = sys.argv[1]
    root = sys.argv[2] if len(sys.argv) > 2 else "/usr/lib/python3.11"
    passes = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    files = corpus(root)
    total = sum(len(data) for _, data in files)
    print(f"corpus: {root}, {len(files)} files, {total / 1e6:.1f} MB")

    benchmark = os.path.join(build, "bin", "python_parse_benchmark")
    paths = [path for path, _ in files]
    result = subprocess.run([benchmark, str(passes), *paths], capture_output=True, text=True,
                            check=True)
    for line in result.stdout.splitlines():
        print("swhost front end:", line)
    print(f"CPython ast.parse warm: {cpython_figures(files, passes):.2f} MB/s (CPU time)")

    # Cold start of a whole process on one ~500-line file (CPU time: user + system).
    target = min(files, key=lambda item: abs(item[1].count(b"\n") - 500))[0]
    lines = open(target, "rb").read().count(b"\n")
    swhost = os.path.join(build, "bin", "swhost")
    ours = min(process_cpu([swhost, "parse", "--check", target]) for _ in range(5))
    theirs = min(process_cpu(["/usr/bin/python3", "-c",
                              f"import ast; ast.parse(open({target!r}, 'rb').read())"])
                 for _ in range(5))
    print(f"whole process on {target} ({lines} lines), best of 5, CPU time: "
          f"swhost parse --check {ours * 1000:.1f} ms, python3 -c 'ast.parse(...)' "
          f"{theirs * 1000:.1f} ms")

    largest = max(files, key=lambda item: len(item[1]))[0]
    child = subprocess.Popen([swhost, "parse", "--check", largest], stdout=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    print(f"peak RSS of swhost parse --check {largest} ({os.path.getsize(largest) / 1e3:.0f} KB): "
          f"{usage.ru_maxrss / 1024:.1f} MB")


if __name__ == "__main__":
    main()
