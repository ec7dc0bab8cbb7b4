#!/usr/bin/python3
"""Outputs and inputs a golden case cannot hold (it copies plain files only): FIFOs, symbolic
links, folders and devices as --out, a full standard output, file modes and the umask, symbolic
link loops as inputs. Each check runs swhost and compares its exit status and standard error
exactly, and what is left on disk.

usage: hostile_outputs.py SWHOST
"""
import os
import stat
import subprocess
import sys
import tempfile

MODEL = "import torch\n\n\ndef f(x):\n    return torch.relu(x)\n"
CONVERT = ["convert", "--source", "torch", "--target", "flax"]
NOTE = ("note: 1 file converted from 'torch' to 'flax': 1 call converted, 0 left unconverted "
        "[convert]\n")
failures = []


def run(swhost, arguments, cwd, stdout=subprocess.PIPE, umask=None):
    def set_umask():
        if umask is not None:
            os.umask(umask)
    return subprocess.run([swhost] + arguments, cwd=cwd, stdout=stdout, stderr=subprocess.PIPE,
                          preexec_fn=set_umask, timeout=120)


def expect(name, result, status, stderr):
    actual = result.stderr.decode(errors="replace")
    if result.returncode != status or actual != stderr:
        failures.append(f"{name}: exit {result.returncode} (want {status})\n"
                        f"  stderr: {actual!r}\n  want:   {stderr!r}")


def check(name, condition, detail=""):
    if not condition:
        failures.append(f"{name}: {detail}")


def refused(path, kind):
    return f"error: cannot write '{path}': it is {kind}; only regular files are replaced [io]\n"


def special_outputs(swhost, work):
    os.mkfifo(os.path.join(work, "fifo"))
    expect("out onto a FIFO", run(swhost, CONVERT + ["model.py", "--out", "fifo"], work), 1,
           refused("fifo", "a FIFO"))
    check("FIFO kept", stat.S_ISFIFO(os.lstat(os.path.join(work, "fifo")).st_mode))

    with open(os.path.join(work, "target.py"), "w") as handle:
        handle.write("kept\n")
    os.symlink("target.py", os.path.join(work, "link.py"))
    expect("out onto a symbolic link", run(swhost, CONVERT + ["model.py", "--out", "link.py"], work),
           1, refused("link.py", "a symbolic link"))
    check("link kept", os.path.islink(os.path.join(work, "link.py")))
    with open(os.path.join(work, "target.py")) as handle:
        check("link target kept", handle.read() == "kept\n")

    expect("out onto a device", run(swhost, CONVERT + ["model.py", "--out", "/dev/null"], work), 1,
           refused("/dev/null", "a device"))
    check("device kept", stat.S_ISCHR(os.lstat("/dev/null").st_mode))


def full_standard_output(swhost, work):
    message = "error: cannot write to standard output [io]\n"
    with open("/dev/full", "wb") as full:
        expect("convert > /dev/full", run(swhost, CONVERT + ["model.py"], work, stdout=full), 1,
               NOTE + message)
        expect("convert --diff > /dev/full",
               run(swhost, CONVERT + ["model.py", "--diff"], work, stdout=full), 1, NOTE + message)
        expect("matrix > /dev/full", run(swhost, ["matrix"], work, stdout=full), 1, message)


def modes(swhost, work):
    existing = os.path.join(work, "existing.py")
    with open(existing, "w") as handle:
        handle.write("old\n")
    os.chmod(existing, 0o751)
    expect("replace keeps mode", run(swhost, CONVERT + ["model.py", "--out", "existing.py"], work),
           0, NOTE)
    check("mode kept", stat.S_IMODE(os.stat(existing).st_mode) == 0o751,
          oct(stat.S_IMODE(os.stat(existing).st_mode)))
    expect("new file", run(swhost, CONVERT + ["model.py", "--out", "new.py"], work, umask=0o027),
           0, NOTE)
    mode = stat.S_IMODE(os.stat(os.path.join(work, "new.py")).st_mode)
    check("new file honours the umask", mode == 0o640, oct(mode))
    with open(os.path.join(work, "blocker"), "w") as handle:
        handle.write("a file where a folder would go\n")
    expect("folder that cannot be created",
           run(swhost, CONVERT + ["model.py", "--out", "blocker/sub/out.py"], work), 1,
           NOTE + "error: cannot create folder 'blocker/sub': not a directory [io]\n")
    leftovers = [name for name in os.listdir(work) if ".swtmp-" in name]
    check("no temporary files", not leftovers, str(leftovers))


def symlink_loops(swhost, work):
    os.symlink("loop.py", os.path.join(work, "loop.py"))
    expect("symbolic link loop as input", run(swhost, CONVERT + ["loop.py"], work), 1,
           "error: cannot read 'loop.py': too many levels of symbolic links [io]\n")
    project = os.path.join(work, "project")
    os.makedirs(project)
    for name in ("a.py", "c.py"):
        with open(os.path.join(project, name), "w") as handle:
            handle.write(MODEL)
    os.symlink("b.py", os.path.join(project, "b.py"))
    os.symlink("missing.py", os.path.join(project, "dangling.py"))
    expect("unreadable entries in a folder",
           run(swhost, CONVERT + ["project", "--out", "converted"], work), 1,
           "error: cannot read 'project/b.py': too many levels of symbolic links [io]\n"
           "error: cannot read 'project/dangling.py': no such file or directory [io]\n"
           "note: 2 files converted from 'torch' to 'flax': 2 calls converted, 0 left "
           "unconverted [convert]\n"
           "error: 2 of 4 inputs failed; nothing written [convert]\n")
    check("nothing written", not os.path.exists(os.path.join(work, "converted")))


def empty_arguments(swhost, work):
    for option in ("--source", "--target", "--out", "--plugins"):
        arguments = {"--source": "torch", "--target": "flax"}
        arguments[option] = ""
        command = ["convert", "model.py"] + [word for pair in arguments.items() for word in pair]
        expect(f"{option} ''", run(swhost, command, work), 2,
               f"error: '{option}' needs a value, not an empty string [usage]\n")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    swhost = os.path.abspath(sys.argv[1])
    for scenario in (special_outputs, full_standard_output, modes, symlink_loops,
                     empty_arguments):
        with tempfile.TemporaryDirectory(prefix="swhostile-") as work:
            with open(os.path.join(work, "model.py"), "w") as handle:
                handle.write(MODEL)
            scenario(swhost, work)
    for failure in failures:
        print("FAILED: " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
