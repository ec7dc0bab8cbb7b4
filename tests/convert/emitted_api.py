#!/usr/bin/python3
"""Static validity of what the converter writes: in every golden output of a conversion
(expected/<source>-<target>/*.py), each call or reference that resolves through the file's
imports to the target framework must name an API of that framework's snapshot
(tests/api-snapshots), and each keyword argument of a call must be one of its parameters.
With GOLDEN_DIR, the expected output of every CLI golden case that converts a file (the hook
cases among them) is checked too.

usage: emitted_api.py EXPECTED_DIR SNAPSHOT_DIR [GOLDEN_DIR]
"""
import ast
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "kb"))
from kb_common import load_snapshots  # noqa: E402

# Top-level modules whose names each target may write.
TARGET_MODULES = {"torch": {"torch"}, "flax": {"jax", "flax", "optax"}, "numpy": {"numpy"},
                  "mlx": {"mlx"}, "paxml": {"jax", "praxis"}, "keras": {"keras"},
                  "tensorflow": {"tensorflow"}}


def imports_of(tree):
    bound = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    bound[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    bound[top] = top
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                bound[alias.asname or alias.name] = node.module + "." + alias.name
    return bound


def dotted(node):
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def qualify(name, bound):
    head, _, rest = name.partition(".")
    if head not in bound:
        return None
    return bound[head] + ("." + rest if rest else "")


def check_file(path, target, apis, problems):
    with open(path) as handle:
        source = handle.read()
    tree = ast.parse(source)
    bound = imports_of(tree)
    modules = TARGET_MODULES[target]
    checked = 0
    called = set()
    # A call the converter reported is left as the source wrote it, under a comment: its names
    # are the source framework's, not emitted ones.
    lines = source.split("\n")
    reported = {number + 1 for number, line in enumerate(lines[:-1], 1)
                if line.strip().startswith("# switcheroo: cannot convert")}
    # The module part of a longer dotted name (`tf.linalg` in `tf.linalg.band_part`) is there
    # when the whole name is: a snapshot may list a module's members without the module.
    prefixes = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            called.add(id(node.func))
        if isinstance(node, ast.Attribute):
            prefixes.add(id(node.value))
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Attribute, ast.Name)) or id(node) in prefixes:
            continue
        name = dotted(node)
        qualified = qualify(name, bound) if name else None
        if not qualified or qualified.split(".")[0] not in modules or qualified in bound.values():
            continue
        if node.lineno in reported:
            continue
        entry = apis.get(qualified)
        where = "%s:%d:%d" % (path, node.lineno, node.col_offset + 1)
        if entry is None:
            problems.append("%s: '%s' is not in the %s API snapshot" % (where, qualified, target))
            continue
        checked += 1
        if id(node) not in called:
            continue
        call = next(c for c in ast.walk(tree) if isinstance(c, ast.Call) and c.func is node)
        if entry.get("sig_unknown") or entry.get("init_unknown") or entry.get("varkw"):
            continue
        parameters = {p["name"] for p in entry.get("params", []) if p["kind"] != "positional_only"}
        for keyword in call.keywords:
            if keyword.arg and keyword.arg not in parameters:
                problems.append("%s: '%s' has no parameter '%s'" % (where, qualified, keyword.arg))
        # Positional arguments must fit the positional parameters (Flax's are often few:
        # nnx.Conv's padding is keyword-only).
        params = entry.get("params", [])
        if entry.get("varargs") or any(
                isinstance(a, ast.Starred) for a in call.args):
            continue
        positional = [p for p in params if p["kind"] in ("positional_only", "positional_or_keyword")]
        if len(call.args) > len(positional):
            problems.append("%s: '%s' takes %d positional arguments, given %d" % (
                where, qualified, len(positional), len(call.args)))
    return checked


TARGET_NAMES = {"torch": "torch", "pytorch": "torch", "flax": "flax", "jax": "flax",
                "flax_nnx": "flax", "numpy": "numpy", "mlx": "mlx", "keras": "keras",
                "tensorflow": "tensorflow", "tf": "tensorflow",
                "paxml": "paxml", "pax": "paxml", "praxis": "paxml"}


def golden_conversions(golden_dir):
    """(expected.stdout, target) of each golden case that converts one file to stdout."""
    for folder, _, files in sorted(os.walk(golden_dir)):
        if "cmd" not in files or "expected.stdout" not in files:
            continue
        with open(os.path.join(folder, "cmd")) as cmd:
            words = cmd.read().split("\n")
        if not words or words[0] != "convert" or "--diff" in words or "--target" not in words:
            continue
        source = words[words.index("--source") + 1] if "--source" in words else ""
        target = TARGET_NAMES.get(words[words.index("--target") + 1])
        if target is None or TARGET_NAMES.get(source) == target:
            continue
        yield os.path.join(folder, "expected.stdout"), target


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    expected_dir, snapshot_dir = sys.argv[1:3]
    snapshots = load_snapshots(snapshot_dir)
    problems = []
    checked = 0
    if len(sys.argv) == 4:
        for path, target in golden_conversions(sys.argv[3]):
            checked += check_file(path, target, snapshots[target], problems)
    for direction in sorted(os.listdir(expected_dir)):
        target = TARGET_NAMES[direction.split("-")[1]]
        folder = os.path.join(expected_dir, direction)
        for name in sorted(os.listdir(folder)):
            if name.endswith(".py"):
                checked += check_file(os.path.join(folder, name), target, snapshots[target], problems)
    print("%d emitted API references checked" % checked)
    if problems:
        print("\n".join(problems))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
