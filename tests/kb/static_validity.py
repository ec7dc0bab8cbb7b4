#!/usr/bin/python3
"""Static validity of the knowledge base: every API a spoke of flax, keras, numpy, tensorflow or torch names must
exist in that framework's API snapshot (tests/api-snapshots), and every keyword argument
the mapping can pass must be one of its parameters (or the API takes **kwargs). A method must
be a method, positional arguments must fit, and positional-only parameters must not be passed
by keyword.

usage: static_validity.py SWHOST BUILD_DIR SNAPSHOT_DIR
"""
import ast
import re
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


# Framework defaults spelled differently from the hub's that behave the same.
SAME_BEHAVIOUR = {
    ("torch.norm", "p"): "'fro' of a flattened input is its 2-norm",
    ("torch.Tensor.norm", "p"): "'fro' of a flattened input is its 2-norm",
    ("torch.roll", "dims"): "dims=() rolls the flattened input, as axis=None does",
    ("torch.amax", "dim"): "dim=() reduces every axis, as axis=None does",
    ("torch.amin", "dim"): "dim=() reduces every axis, as axis=None does",
    ("torch.Tensor.amax", "dim"): "dim=() reduces every axis, as axis=None does",
    ("torch.Tensor.amin", "dim"): "dim=() reduces every axis, as axis=None does",
    ("torch.arange", "end"): "arange(n): the bounds go positionally, n alone is the end",
    ("numpy.arange", "stop"): "arange(n): the bounds go positionally, n alone is the stop",
    ("flax.nnx.max_pool", "padding"): "'VALID' is no padding, the hub's 0",
    ("flax.nnx.avg_pool", "padding"): "'VALID' is no padding, the hub's 0",
    ("keras.layers.Conv2D", "strides"): "(1, 1) is stride 1 on both axes",
    ("keras.layers.Conv2D", "dilation_rate"): "(1, 1) is dilation 1 on both axes",
    ("tensorflow.keras.layers.Conv2D", "strides"): "(1, 1) is stride 1 on both axes",
    ("tensorflow.keras.layers.Conv2D", "dilation_rate"): "(1, 1) is dilation 1 on both axes",
}


def literal(text):
    """A default as a Python value, or None where it is an expression (initializers.zeros)."""
    if text is None or text == "...":
        return None
    try:
        return ("value", ast.literal_eval(text))
    except (ValueError, SyntaxError):
        return None


# Framework parameters a mapping may leave out ('ignore'): they choose placement, precision,
# memory or logging, never the values computed. Anything else must be a hub argument (dropped
# where a framework lacks it, so that only its default converts) or stay unknown, so that a
# call passing it is reported instead of converted wrongly.
IGNORABLE = {
    "_stacklevel", "capturable", "device", "differentiable", "dtype", "error_if_nonfinite",
    "foreach", "fused", "inplace", "layout", "memory_format", "out", "pin_memory", "set_to_none",
    "sparse", "verbose",
}


def check_ignored(mapping, problems, where):
    for parameter in mapping.get("ignore", []):
        if parameter not in IGNORABLE:
            problems.append("%s: 'ignore' leaves out '%s', which changes what '%s' computes: "
                            "make it a hub argument (dropped where a framework lacks it)" % (
                                where, parameter, mapping["api"]))


def check_transforms(op, mapping, problems, where, snapshot):
    """'read' must undo 'write': checked on the hub default and on sample values. A form (no
    'read': the value is read back by matching 'write') must spell only APIs of the snapshot."""
    defaults = {a["name"]: a.get("default") for a in op["args"]}
    for name, transform in mapping.get("transform", {}).items():
        if not transform["read"]:
            for api in re.findall(r"\{@([\w.]+)\}", transform["write"]):
                if snapshot.get(api) is None:
                    problems.append("%s: 'transform.%s' writes '%s', which is not in the API "
                                    "snapshot" % (where, name, api))
            continue
        samples = [0.25, 3.0] + ([literal(defaults[name])[1]] if literal(defaults[name]) else [])
        for value in samples:
            written = eval(transform["write"].replace("{}", repr(value)))  # noqa: S307
            back = eval(transform["read"].replace("{}", repr(written)))  # noqa: S307
            if abs(back - value) > 1e-12 * max(1.0, abs(value)):
                problems.append("%s: 'transform.%s' read(write(%r)) gives %r" % (
                    where, name, value, back))


def check_defaults(op, mapping, entry, problems, where):
    """Where the framework's default differs from the hub's, the mapping must say so in
    'defaults' (in hub terms), and what it says must be the framework's real default."""
    if entry.get("sig_unknown") or entry.get("init_unknown"):
        return
    params = {p["name"]: p for p in entry.get("params", [])}
    passed_elsewhere = set(mapping.get("drop", [])) | set(mapping.get("fixed", {}))
    passed_elsewhere |= {m for members in mapping.get("pack", {}).values() for m in members}
    passed_elsewhere |= {mapping.get("self"), mapping.get("varargs")}
    stated = mapping.get("defaults", {})
    for argument in op["args"]:
        name = argument["name"]
        if "default" not in argument or name in passed_elsewhere or argument.get("input"):
            continue
        parameter = params.get(mapping.get("args", {}).get(name, name))
        if parameter is None:
            continue
        hub_default = stated.get(name, argument["default"])
        remap = mapping.get("values", {}).get(name, {})
        if name in stated and hub_default not in remap and hub_default in remap.values():
            problems.append("%s: 'defaults' gives %s in %s's terms; write the hub's value" % (
                where, name, mapping["api"]))
            continue
        if remap and hub_default not in remap:
            continue  # no literal equivalent to compare with
        framework_default = remap.get(hub_default, hub_default)
        transform = mapping.get("transform", {}).get(name)
        if transform and not transform["read"]:
            continue  # a form: at the hub's default nothing is written
        if transform:
            framework_default = repr(eval(transform["write"].replace("{}", hub_default)))  # noqa: S307
        expected = literal(framework_default)
        actual = literal(parameter["default"])
        if parameter.get("required") and (mapping["api"], parameter["name"]) not in SAME_BEHAVIOUR:
            if name not in mapping.get("required", []):
                problems.append("%s: '%s' has no default for '%s': list '%s' in 'required'" % (
                    where, mapping["api"], parameter["name"], name))
            continue
        if parameter["default"] == "None" or (mapping["api"], parameter["name"]) in SAME_BEHAVIOUR:
            continue  # None: the framework computes its default; the hub's value is that result
        if expected is None or actual is None or expected == actual:
            continue
        if name in stated:
            problems.append("%s: 'defaults' says %s = %s, but '%s' defaults %s to %s" % (
                where, name, stated[name], mapping["api"], parameter["name"], parameter["default"]))
        else:
            problems.append("%s: '%s' defaults %s to %s, the hub %s to %s: state it in 'defaults'" % (
                where, mapping["api"], parameter["name"], parameter["default"], name, argument["default"]))


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
                check_transforms(op, mapping, problems, where, snapshots[framework])
                check_ignored(mapping, problems, where)
                if mapping["kind"] not in ("property", "identity"):
                    check_defaults(op, mapping, entry, problems, where)
                checked[framework] += 1
                ops_checked[framework].add(op["op"])
    for problem in problems:
        print(problem)
    for framework in FRAMEWORKS:
        print("%s: %d APIs checked statically for %d abstract ops" % (
            framework, checked[framework], len(ops_checked[framework])))
    for framework in FRAMEWORKS:
        for api, name in sorted(snapshots[framework].resolved.items()):
            print("%s: '%s' is not in the snapshot: checked as %s" % (framework, api, name))
    total = sum(len(ops) for ops in ops_checked.values())
    print("static: %d ops x frameworks checked, %d problems" % (total, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
