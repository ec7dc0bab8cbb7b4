"""A hand-written listing lifted by swhost (--strict) and its kernel loaded, for the execution
tests of single opcodes (float_minmax_test.py, modifier_semantics_test.py, halves_test.py)."""
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


def rdna_listing(kernel, body, buffers):
    """A gfx1030 listing of one wave32 kernel: `body` (instructions, one a line) and the
    metadata of `buffers` global pointer arguments, 8 bytes each, from s[0:1]."""
    size = 8 * buffers
    arguments = "".join(f"      - .address_space: global\n        .offset: {8 * i}\n"
                        "        .size: 8\n        .value_kind: global_buffer\n"
                        for i in range(buffers))
    instructions = "".join(f"\t{line.strip()}\n" for line in body.strip().splitlines())
    return (f"\t.text\n\t.amdgcn_target \"amdgcn-amd-amdhsa--gfx1030\"\n\t.globl\t{kernel}\n"
            f"\t.type\t{kernel},@function\n{kernel}:\n{instructions}"
            f"\t.section\t.rodata,#alloc\n\t.amdhsa_kernel {kernel}\n"
            f"\t\t.amdhsa_kernarg_size {size}\n\t\t.amdhsa_user_sgpr_count 2\n"
            "\t\t.amdhsa_user_sgpr_private_segment_buffer 0\n"
            "\t\t.amdhsa_user_sgpr_kernarg_segment_ptr 1\n\t\t.amdhsa_wavefront_size32 1\n"
            "\t\t.amdhsa_system_vgpr_workitem_id 0\n\t.end_amdhsa_kernel\n\t.amdgpu_metadata\n"
            f"---\namdhsa.kernels:\n  - .args:\n{arguments}    .kernarg_segment_size: {size}\n"
            f"    .name:           {kernel}\n    .symbol:         {kernel}.kd\n"
            "    .wavefront_size: 32\namdhsa.target:   amdgcn-amd-amdhsa--gfx1030\n...\n"
            "\t.end_amdgpu_metadata\n")
