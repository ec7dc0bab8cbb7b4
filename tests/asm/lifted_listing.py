"""A hand-written listing lifted by swhost (--strict) and its kernel loaded, for the execution
tests of single opcodes (float_minmax_test.py, modifier_semantics_test.py)."""
import os
import subprocess
import sys


def lift_kernel(swhost, listing, name, kernel, temp, suffix=".s"):
    """Write `listing` to TEMP/NAME+SUFFIX, lift it to Python and return its function `kernel`;
    exit with swhost's message where the lift fails."""
    path, out = os.path.join(temp, name + suffix), os.path.join(temp, name + ".py")
    with open(path, "w") as handle:
        handle.write(listing)
    run = subprocess.run([swhost, "convert", path, "--target", "python", "--strict", "--out", out],
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"swhost failed on {name} ({run.returncode}):\n{run.stderr}")
    with open(out) as handle:
        namespace = {}
        exec(compile(handle.read(), out, "exec"), namespace)
    return namespace[kernel]
