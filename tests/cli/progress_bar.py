#!/usr/bin/python3
"""`swhost convert` over several files draws a progress bar on standard error when that is a
terminal (run here under `script`, which gives the command one), and none otherwise. The bar
counts every file, ends at N/N, is erased before each diagnostic (no report shares a line with
it) and at the end; without a terminal standard error holds the diagnostics alone.

usage: progress_bar.py SWHOST MODELS_DIR
"""
import pathlib
import re
import shlex
import subprocess
import sys
import tempfile

failures = []
BAR = re.compile(r"\[#* *\] (\d+)/(\d+) ")


def on_terminal(command):
    """The bytes a terminal shows for `command`: standard output and error together."""
    result = subprocess.run(["script", "-qec", shlex.join(command), "/dev/null"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    return result.returncode, result.stdout.decode("utf-8", "replace")


def check_terminal(name, text, files):
    counts = [(int(done), int(total)) for done, total in BAR.findall(text)]
    if not counts:
        failures.append(f"{name}: no progress bar on a terminal")
        return
    if any(total != files for _, total in counts):
        failures.append(f"{name}: the bar counts {counts[0][1]} files, not {files}")
    if sorted(done for done, _ in counts) != list(range(1, files + 1)):
        failures.append(f"{name}: the bar does not count each file once: {counts}")
    for piece in text.replace("\r\n", "\n").split("\r"):
        if BAR.match(piece) and "\n" in piece:
            failures.append(f"{name}: a report shares the bar's line: {piece[:120]!r}")
    pieces = text.replace("\r\n", "\n").split("\r")
    last_bar = max(i for i, piece in enumerate(pieces) if BAR.match(piece))
    if not any(piece.strip(" ") == "" and len(piece) >= len(pieces[last_bar])
               for piece in pieces[last_bar + 1:]):
        failures.append(f"{name}: the bar is left on the screen at the end")


def main():
    swhost, models = sys.argv[1], pathlib.Path(sys.argv[2])
    files = len([path for path in models.rglob("*.py")])
    with tempfile.TemporaryDirectory() as scratch:
        for workers in ("1", "2"):
            out = pathlib.Path(scratch) / f"out-{workers}"
            command = [swhost, "convert", "--source", "torch", "--target", "flax", str(models),
                       "--out", str(out) + "/", "-j", workers]
            status, text = on_terminal(command)
            if status != 0:
                failures.append(f"-j {workers}: exit status {status} on a terminal")
            check_terminal(f"-j {workers}", text, files)
            plain = subprocess.run(command[:-1] + [workers], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, timeout=300)
            if "\r" in plain.stderr.decode("utf-8", "replace"):
                failures.append(f"-j {workers}: a bar drawn where standard error is no terminal")
        status, text = on_terminal([swhost, "convert", "--source", "torch", "--target", "flax",
                                    str(sorted(models.rglob("*.py"))[0])])
        if BAR.search(text):
            failures.append("a bar drawn for a single file")
    for failure in failures:
        print("FAIL:", failure)
    print(f"progress bar: {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
