#!/usr/bin/python3
"""kb/source-coverage: every PyTorch API that torchvision's model files and tests/models/torch
call is read by the torch spoke, or is listed with its reason in tests/kb/source_unmapped.toml.

The files are converted to NumPy (the target that reports the most calls: it has no layers).
A warning `no mapping for 'API'` means one of two things: the torch spoke does not read API
(the source side is unknown), or it does and the target lacks the op. The engine reports the
first where its source index has no entry for the API (framework_call.cpp, source_entries);
this test tells them apart the same way, by the APIs the torch spoke maps as `swhost matrix
--json` read them, primaries and other spellings. Fails on an unknown API not listed, and on a
listed one that the code no longer calls or that the spoke now reads.

usage: source_coverage.py SWHOST BUILD_DIR SOURCE_DIR
"""
import collections
import os
import re
import subprocess
import sys
import tempfile
import tomllib

from kb_common import load_matrix

TORCHVISION_MODELS = "/usr/lib/python3/dist-packages/torchvision/models"
NO_MAPPING = re.compile(r"^(.*?:\d+:\d+): warning: no mapping for '([^']+)' to 'numpy' \[kb\]$")


def torch_apis(matrix):
    apis = set()
    for op in matrix["ops"]:
        mapping = op["mappings"].get("torch")
        if mapping is None:
            continue
        for spelling in [mapping] + mapping.get("alternatives", []):
            if spelling.get("api"):
                apis.add(spelling["api"])
    return apis


def unknown_calls(swhost, sources, known):
    """API -> the locations of its calls, for every reported API the torch spoke does not read."""
    with tempfile.TemporaryDirectory(prefix="swsource-") as out:
        run = subprocess.run([swhost, "convert", *sources, "--source", "torch", "--target",
                              "numpy", "--out", out + "/"], capture_output=True, text=True,
                             check=False)
    if run.returncode != 0:
        raise SystemExit("swhost convert failed (%d):\n%s" % (run.returncode, run.stderr[-4000:]))
    summary = [line for line in run.stderr.splitlines() if line.startswith("note: ")]
    print(summary[-1] if summary else "no summary")
    found = collections.defaultdict(list)
    for line in run.stderr.splitlines():
        match = NO_MAPPING.match(line)
        if match and match.group(2) not in known:
            found[match.group(2)].append(match.group(1))
    return found


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    swhost, build, source_dir = sys.argv[1:]
    if not os.path.isdir(TORCHVISION_MODELS):
        print("python3-torchvision is not installed (scripts/test-packages.txt lists it)")
        return 1
    with open(os.path.join(source_dir, "tests", "kb", "source_unmapped.toml"), "rb") as handle:
        listed = tomllib.load(handle)["apis"]
    known = torch_apis(load_matrix(swhost, build))
    found = unknown_calls(swhost, [TORCHVISION_MODELS,
                                   os.path.join(source_dir, "tests", "models", "torch")], known)
    problems = []
    for api, places in sorted(found.items()):
        if api in listed:
            print("%4d %s: %s" % (len(places), api, listed[api]))
        else:
            problems.append("%s: error: '%s' is called %d times, the torch spoke does not read "
                            "it, and source_unmapped.toml gives no reason" %
                            (places[0], api, len(places)))
    for api in sorted(listed):
        if api in known:
            problems.append("'%s' is listed in source_unmapped.toml but the torch spoke reads it"
                            % api)
        elif api not in found:
            problems.append("'%s' is listed in source_unmapped.toml but no file calls it" % api)
    print("%d PyTorch APIs the torch spoke does not read, each with its reason; %d problems" %
          (len(found), len(problems)))
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
