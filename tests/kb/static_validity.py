#!/usr/bin/python3
"""Static validity of the knowledge base: every API a spoke of flax, numpy or torch names must
exist in that framework's API snapshot (../shared/api-snapshots), and every keyword argument
the mapping can pass must be one of its parameters (or the API takes **kwargs). A method must
be a method, positional arguments must fit, and positional-only parameters must not be passed
by keyword.

usage: static_validity.py SWHOST BUILD_DIR SNAPSHOT_DIR
"""
import sys

from kb_common import FRAMEWORKS, load_matrix, load_snapshots, mappings

CALLABLE_KINDS = {"function", "class", "method", "classmethod", "staticmethod", "callable_object",
                  "unknown", "external"}


def check(mapping, entry, problems, where):
    kind = mapping["kind"]
    snapshot_kind = entry.get("kind")
    if kind == "property":
        if snapshot_kind not in ("property", "value", "method", "unknown"):
            problems.append("%s: '%s' is a %s, not a property" % (where, mapping["api"], snapshot_kind))
        return
    if kind == "method" and snapshot_kind not in ("method", "unknown"):
        problems.append("%s: '%s' is a %s, not a method" % (where, mapping["api"], snapshot_kind))
        return
    if kind in ("layer", "class") and snapshot_kind not in ("class", "unknown", "callable_object"):
        problems.append("%s: '%s' is a %s, not a class" % (where, mapping["api"], snapshot_kind))
        return
    if snapshot_kind not in CALLABLE_KINDS:
        problems.append("%s: '%s' is a %s and cannot be called" % (where, mapping["api"], snapshot_kind))
        return
    if entry.get("sig_unknown") or entry.get("init_unknown"):
        return
    params = entry.get("params", [])
    keyword_names = {p["name"] for p in params if p["kind"] != "positional_only"}
    for keyword in mapping.get("keywords", []):
        if keyword not in keyword_names and not entry.get("varkw"):
            problems.append("%s: '%s' has no parameter '%s' (parameters: %s)" % (
                where, mapping["api"], keyword, ", ".join(p["name"] for p in params) or "none"))
    if mapping.get("hook") or kind == "layer":
        return  # the hook (or the layer's call) decides what goes positionally
    positional = list(mapping.get("positional", []))
    if mapping.get("varargs"):
        if not entry.get("varargs") and not any(p["kind"] != "keyword_only" for p in params):
            problems.append("%s: '%s' takes no *args for '%s'" % (where, mapping["api"], mapping["varargs"]))
    slots = [p for p in params if p["kind"] != "keyword_only"]
    if len(positional) > len(slots) and not entry.get("varargs"):
        problems.append("%s: '%s' takes %d positional arguments, the mapping passes %d" % (
            where, mapping["api"], len(slots), len(positional)))


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    swhost, build_dir, snapshot_dir = sys.argv[1:]
    matrix = load_matrix(swhost, build_dir)
    snapshots = load_snapshots(snapshot_dir)
    problems = []
    checked = {name: 0 for name in FRAMEWORKS}
    ops_checked = {name: set() for name in FRAMEWORKS}
    for op in matrix["ops"]:
        for framework in FRAMEWORKS:
            for mapping in mappings(op, framework):
                if not mapping["api"]:
                    continue
                key = op["op"] + ("/" + mapping["form"] if mapping.get("form") else "")
                where = "%s:spoke.toml: [ops.%s]" % (framework, key)
                entry = snapshots[framework].get(mapping["api"])
                if entry is None:
                    problems.append("%s: '%s' is not in the %s API snapshot" % (where, mapping["api"], framework))
                    continue
                check(mapping, entry, problems, where)
                checked[framework] += 1
                ops_checked[framework].add(op["op"])
    for problem in problems:
        print(problem)
    for framework in FRAMEWORKS:
        print("%s: %d APIs checked statically for %d abstract ops" % (
            framework, checked[framework], len(ops_checked[framework])))
    total = sum(len(ops) for ops in ops_checked.values())
    print("static: %d ops x frameworks checked, %d problems" % (total, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
