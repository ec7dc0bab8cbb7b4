#!/usr/bin/python3
"""The coverage that issue 19 claims for the hub, checked against what swhost read: every
function of the Python array API standard (2022.12) and every operator of PyTorch's core ATen
set (tests/kb/standard_ops.toml) is a hub op, or docs/knowledge-base.md lists it in its table
"Standard sets not in the hub" with the reason. Fails on a name that is neither, on a listed
name that is a hub op after all (a stale claim), on a listed name that neither set has, and on a
`hub` pairing whose op the hub lacks.

usage: coverage_claims.py SWHOST BUILD_DIR
"""
import os
import re
import sys
import tomllib

from kb_common import load_matrix

HERE = os.path.dirname(os.path.abspath(__file__))
DOC = os.path.join(HERE, "..", "..", "docs", "knowledge-base.md")
SETS = {"array_api": "array API", "core_aten": "core ATen"}
# Where the torch spoke writes an ATen operator's Python spelling.
TORCH_NAMESPACES = ("torch.", "torch.Tensor.", "torch.nn.functional.", "torch.linalg.",
                    "torch.special.")


def torch_apis(op):
    mapping = op["mappings"].get("torch")
    if not mapping:
        return []
    entries = [mapping] + mapping.get("alternatives", [])
    return [entry["api"] for entry in entries if entry.get("api")]


def hub_op_for(name, set_name, pairs, hub, torch_names):
    """The hub op that covers `name` of a set, or None."""
    if name in pairs:
        return pairs[name]
    if name in hub:
        return name
    if set_name == "array_api" and name.split(".")[-1] in hub:
        return name.split(".")[-1]  # linalg.NAME, fft.NAME: the hub is one namespace
    if set_name == "core_aten":
        for namespace in TORCH_NAMESPACES:
            if namespace + name in torch_names:
                return torch_names[namespace + name]
    return None


def documented(path):
    """(set, name) -> reason, from the rows of the doc's table of names not in the hub."""
    rows = {}
    text = open(path, encoding="utf-8").read()
    section = text.split("### Standard sets not in the hub", 1)
    if len(section) != 2:
        raise SystemExit("%s: no section 'Standard sets not in the hub'" % path)
    for line in section[1].split("\n### ", 1)[0].splitlines():
        match = re.match(r"\| (array API|core ATen) \| (.+?) \| (.+) \|$", line)
        if match:
            for name in re.findall(r"`([^`]+)`", match.group(2)):
                rows[(match.group(1), name)] = match.group(3)
    return rows


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    matrix = load_matrix(sys.argv[1], sys.argv[2])
    hub = {op["op"] for op in matrix["ops"]}
    torch_names = {api: op["op"] for op in matrix["ops"] for api in torch_apis(op)}
    with open(os.path.join(HERE, "standard_ops.toml"), "rb") as handle:
        standard = tomllib.load(handle)
    listed = documented(DOC)
    problems, counts = [], {}
    for set_name, label in SETS.items():
        names, pairs = standard[set_name]["names"], standard[set_name].get("hub", {})
        for name, op in pairs.items():
            if op not in hub:
                problems.append("%s '%s' is paired with '%s', which is no hub op" %
                                (label, name, op))
        covered = 0
        for name in names:
            op = hub_op_for(name, set_name, pairs, hub, torch_names)
            if op and (label, name) in listed:
                problems.append("%s '%s' is hub op '%s', but the doc lists it as missing" %
                                (label, name, op))
            elif not op and (label, name) not in listed:
                problems.append("%s '%s' is no hub op and the doc does not say why" %
                                (label, name))
            covered += bool(op)
        counts[label] = (covered, len(names))
        for listed_label, name in listed:
            if listed_label == label and name not in names:
                problems.append("the doc lists %s '%s', which the set does not have" %
                                (label, name))
    for problem in problems:
        print("problem:", problem)
    for label, (covered, total) in counts.items():
        print("%s: %d of %d names are hub ops, %d listed with a reason" %
              (label, covered, total, total - covered))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
