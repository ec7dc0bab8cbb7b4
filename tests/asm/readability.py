#!/usr/bin/python3
"""Readability figures of the lifted corpus (docs/assembly-lifting.md, "Readability").

    readability.py SWHOST [FIXTURES_DIR]

For every fixture: lifts it, and counts in the lifted kernel function (the prelude and the
`parameters` table left out)
  - statements: Python statements (`ast.stmt` nodes, `if`/`while`/`for` headers included,
    comments not), against the statements of the kernel's source: C statements ended by `;`
    plus `if`/`for`/`while` headers (a `for` header's three parts count once), in the
    kernel's body in tests/asm/kernels/{portable,cuda,opencl};
  - raw register names: distinct names of ISA registers (R7, UR4, P0, v3, s12, vcc, scc, ...)
    the function uses (not the prelude's `s32()`/`s64()` called as functions: RDNA's
    registers of those names are written `s32_`/`s64_`);
  - loops: `for` loops and `while` loops, and the loops re-rolled (`# re-rolled:` comments:
    each is one of nvcc's unrolled loops, main loop and remainder, written as one loop);
  - float round trips: calls of the prelude's `f32()` and `bits()` (a float read from, or
    written back to, a 32-bit pattern), and of `fround()` (a float32 rounding kept as a float).
Prints one line per fixture and the totals: statements per source statement (the ratio of
the sums), raw register names per kernel (the mean), the share of loops written as `for`, the
f32()/bits() and fround() calls per kernel (the means).
"""
import ast
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REGISTER = re.compile(r"^(R\d+|UR\d+|P\d+|UP\d+|v\d+|s\d+_?|vcc|scc|exec)$")


def source_statements(kernel, isa):
    folders = ["portable", "cuda" if isa == "sass" else "opencl"]
    for folder in folders:
        for extension in (".cu", ".cl"):
            path = os.path.join(HERE, "kernels", folder, kernel + extension)
            if os.path.exists(path):
                with open(path) as handle:
                    text = handle.read()
                text = re.sub(r"//[^\n]*|#[^\n]*", "", text)
                body = text[text.index("{", text.index(kernel)):]
                body = re.sub(r"for\s*\(([^;]*);([^;]*);", r"for (\1 \2 ", body)
                headers = len(re.findall(r"\b(if|for|while)\s*\(", body))
                return body.count(";") + headers
    raise SystemExit(f"no source for kernel '{kernel}'")


def lifted_function(swhost, path):
    run = subprocess.run([swhost, "convert", path, "--target", "python"], capture_output=True,
                         text=True, check=True)
    tree = ast.parse(run.stdout)
    functions = [node for node in tree.body if isinstance(node, ast.FunctionDef)
                 and any(a.arg == "grid" for a in node.args.kwonlyargs)]
    return functions[0], run.stdout.count("# re-rolled: ")


def measure(function):
    statements = sum(1 for node in ast.walk(function) if isinstance(node, ast.stmt)) - 1
    called = {id(node.func) for node in ast.walk(function) if isinstance(node, ast.Call)}
    names = {node.id for node in ast.walk(function)
             if isinstance(node, ast.Name) and id(node) not in called}
    registers = {name for name in names if REGISTER.match(name)}
    fors = sum(1 for node in ast.walk(function) if isinstance(node, ast.For))
    whiles = sum(1 for node in ast.walk(function) if isinstance(node, ast.While))
    calls = [node.func.id for node in ast.walk(function)
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)]
    trips = sum(1 for name in calls if name in ("f32", "bits"))
    return statements, len(registers), fors, whiles, trips, calls.count("fround")


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    swhost = sys.argv[1]
    fixtures = sys.argv[2] if len(sys.argv) == 3 else os.path.join(HERE, "fixtures")
    totals = {"lifted": 0, "source": 0, "registers": 0, "kernels": 0, "for": 0, "while": 0,
              "rerolled": 0, "trips": 0, "fround": 0}
    for isa in ("sass", "rdna"):
        for name in sorted(os.listdir(os.path.join(fixtures, isa))):
            kernel = name.split(".")[0]
            source = source_statements(kernel, isa)
            function, rerolled = lifted_function(swhost, os.path.join(fixtures, isa, name))
            lifted, registers, fors, whiles, trips, frounds = measure(function)
            print(f"{isa}/{name}: {lifted} statements for {source} ({lifted / source:.1f}x), "
                  f"{registers} register names, {fors} for, {whiles} while, "
                  f"{rerolled} re-rolled, {trips} f32/bits, {frounds} fround")
            totals["trips"] += trips
            totals["fround"] += frounds
            totals["rerolled"] += rerolled
            totals["lifted"] += lifted
            totals["source"] += source
            totals["registers"] += registers
            totals["kernels"] += 1
            totals["for"] += fors
            totals["while"] += whiles
    loops = totals["for"] + totals["while"]
    print(f"total: {totals['kernels']} kernels, {totals['lifted'] / totals['source']:.1f} lifted "
          f"statements per source statement, {totals['registers'] / totals['kernels']:.1f} raw "
          f"register names per kernel, {totals['for']} of {loops} loops as 'for', "
          f"{totals['rerolled']} re-rolled, {totals['trips'] / totals['kernels']:.1f} f32/bits "
          f"and {totals['fround'] / totals['kernels']:.1f} fround calls per kernel")


if __name__ == "__main__":
    main()
