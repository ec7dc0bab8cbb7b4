#!/usr/bin/python3
"""No in-place update of an array is left silently in a conversion towards immutable arrays
(issue 21): converts the PyTorch test models and torchvision's model files to each framework
whose arrays are immutable (Flax NNX, PaxML, Keras, TensorFlow), and finds in each output the in-place methods of PyTorch tensors (`x.add_(y)`, `x.zero_()`: every public
`torch.Tensor` method ending in `_` whose name without it is also a method, and the stores
`zero_`, `fill_`, `copy_`) and the item assignments (`x[i] = v`, `x[i] += v`) of names bound to
an array in the same function. Each one left must carry the converter's mark
(`# switcheroo: ...`, a reported warning) above its statement; an unmarked one fails.

usage: in_place_left.py SWHOST TEST_MODELS_DIR [TORCHVISION_MODELS_DIR]
"""
import ast
import os
import subprocess
import sys
import tempfile

import torch

STORES = {"zero_", "fill_", "copy_"}
# Flags of a tensor, not its values: `requires_grad_` has no array to update.
NOT_VALUES = {"requires_grad_", "share_memory_"}
IN_PLACE = {name for name in dir(torch.Tensor)
            if name.endswith("_") and not name.startswith("_") and name not in NOT_VALUES
            and (hasattr(torch.Tensor, name[:-1]) or name in STORES)}
# Updates left on purpose, by file and statement, with the reason.
KNOWN_LEFT = {
    ("swin_transformer.py", "self.qkv.bias[length:2 * length].data.zero_()"):
        "module state: a parameter's slice zeroed in __init__ (attributes of self are the "
        "module-state rewriting's, issue 21 item 3)",
}
# Each immutable target -> the prefixes of calls whose results are arrays in its output.
ARRAY_MODULES = {
    "flax": ("jnp.", "jax.", "nnx."),
    "paxml": ("jnp.", "jax."),
    "keras": ("keras.",),
    "tensorflow": ("tf.",),
}


def array_names(function, modules):
    """Names bound in a function to a call of the array modules, or to arithmetic of one."""
    names = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Assign):
            text = ast.unparse(node.value)
            if any(module in text for module in modules):
                names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def statement_lines(tree):
    """Each expression node -> the first line of the statement it belongs to."""
    lines = {}

    def visit(node, line):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.stmt):
                visit(child, child.lineno)
            else:
                lines[id(child)] = line
                visit(child, line)

    visit(tree, 1)
    return lines


def left_in_place(tree, modules):
    """(statement line, text) of every in-place method call and item assignment on an array."""
    found = []
    lines = statement_lines(tree)
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in IN_PLACE):
            found.append((lines.get(id(node), node.lineno), ast.unparse(node)))
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        arrays = array_names(function, modules)
        for node in ast.walk(function):
            targets = node.targets if isinstance(node, ast.Assign) else (
                [node.target] if isinstance(node, ast.AugAssign) else [])
            for target in targets:
                if (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name)
                        and target.value.id in arrays):
                    found.append((node.lineno, ast.unparse(node)))
    return found


def marked(lines, line):
    """Is the statement at `line` (1-based) under a `# switcheroo:` mark?"""
    return line >= 2 and lines[line - 2].strip().startswith("# switcheroo:")


def check_folder(swhost, folder, out, label, target):
    result = subprocess.run([swhost, "convert", folder, "--source", "torch", "--target", target,
                             "--out", out + "/"], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        print("%s: conversion failed: %s" % (label, result.stderr.strip().splitlines()[-1:]))
        return 1, 0
    failures, marked_count = 0, 0
    for root, _, files in os.walk(out):
        for name in sorted(files):
            if not name.endswith(".py"):
                continue
            path = os.path.join(root, name)
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
            lines = text.splitlines()
            for line, code in left_in_place(ast.parse(text), ARRAY_MODULES[target]):
                if marked(lines, line):
                    marked_count += 1
                    continue
                reason = KNOWN_LEFT.get((name, code))
                if reason:
                    print("%s: %s:%d: left, known: %s" % (label, name, line, reason))
                    continue
                failures += 1
                print("%s: %s:%d: unreported in-place update left: %s"
                      % (label, os.path.relpath(path, out), line, code))
    return failures, marked_count


def main():
    swhost = sys.argv[1]
    folders = [(sys.argv[2], "test models")]
    if len(sys.argv) > 3:
        folders.append((sys.argv[3], "torchvision"))
    failures = 0
    with tempfile.TemporaryDirectory() as temp:
        for target in ARRAY_MODULES:
            for index, (folder, label) in enumerate(folders):
                label = "%s -> %s" % (label, target)
                out = os.path.join(temp, "%s-%d" % (target, index))
                failed, reported = check_folder(swhost, folder, out, label, target)
                print("%s: %d in-place updates left and reported, %d unreported"
                      % (label, reported, failed))
                failures += failed
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
