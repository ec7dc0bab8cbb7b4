#!/usr/bin/python3
"""Runs one golden case: a folder holding the swhost command to run and what it must produce.

A case folder holds:
  cmd              the swhost arguments, one per line (no shell quoting); blank lines and lines
                   starting with '#' are ignored
  stdin            optional: fed to standard input
  expected.stdout  what standard output must be (absent: it must be empty)
  expected.stderr  what standard error must be (absent: it must be empty)
  expected.status  the exit code (absent: 0)
  expected/        optional: every file under it must exist with the same bytes under the
                   case's working copy after the run, and the run must write no other file
  env              optional: NAME=VALUE lines added to the environment of the run
  before.sh        optional: run with /bin/sh -e in the working copy before the command, with
                   $SWHOST naming the swhost binary and the same environment (e.g. to trust a
                   manifest, then change it); it must exit 0, and what it writes is input
  anything else    inputs: manifests, .py files, ...

The case is copied to a fresh temporary folder and swhost runs there, with links `.build` to
the build tree and `.abi` to the folder of the test-only ABI plugins. In `cmd`, {case} is that
folder, {build} the build tree and {abi} the ABI plugin folder; in every `*.toml` of the copy the
same placeholders become relative paths through the links, so positions in messages do not
depend on where the build lives. In the outputs those paths are written back as {case}, {build}
and {abi}.

Every case runs with HOME and XDG_CONFIG_HOME in folders of its own beside the working copy,
written {home} and {config} in the outputs, so that `swhost trust` never touches the real
user's configuration. SWITCHEROO_PLUGIN_PATH and SWITCHEROO_TRUST_PROJECT_PLUGINS are cleared.
A SHA-256 (64 lowercase hexadecimal digits) is written {sha256} in the outputs: the digests of
built plugins change with every build.

SWITCHEROO_UPDATE_GOLDEN=1 rewrites the expected files from the actual results instead of
comparing (review those diffs like code).
"""
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile


def read(path, default=None):
    if not os.path.exists(path):
        return default
    with open(path, "rb") as handle:
        return handle.read()


def snapshot(root):
    files = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            files[os.path.relpath(path, root)] = read(path)
    return files


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: run_case.py SWHOST CASE_DIR BUILD_DIR ABI_PLUGIN_DIR")
    swhost, case_dir, build_dir, abi_dir = (os.path.abspath(arg) for arg in sys.argv[1:])
    update = os.environ.get("SWITCHEROO_UPDATE_GOLDEN") == "1"
    expected_names = {"cmd", "expected.stdout", "expected.stderr", "expected.status", "expected",
                      "env", "before.sh"}

    with tempfile.TemporaryDirectory(prefix="swgolden-") as temp:
        work = os.path.join(os.path.realpath(temp), os.path.basename(case_dir))
        shutil.copytree(case_dir, work, ignore=lambda d, names: [
            n for n in names if d == case_dir and n in expected_names])

        # Links to the build tree inside the copy keep manifest paths (and so the columns in
        # messages) the same wherever the build and the temporary folder live.
        os.symlink(abi_dir, os.path.join(work, ".abi"))
        os.symlink(build_dir, os.path.join(work, ".build"))
        home = os.path.join(os.path.realpath(temp), ".home")
        config = os.path.join(os.path.realpath(temp), ".config")
        os.mkdir(home, 0o700)

        def substitute(text, relative_to=None):
            if relative_to is None:
                return (text.replace("{case}", work).replace("{build}", build_dir)
                        .replace("{abi}", abi_dir))
            def link(name):
                return os.path.relpath(os.path.join(work, name), relative_to)
            return (text.replace("{case}", link(".")).replace("{build}", link(".build"))
                    .replace("{abi}", link(".abi")))

        def normalize(data):
            text = data.decode("utf-8", errors="replace")
            for path, name in ((work, "{case}"), (abi_dir, "{abi}"), (build_dir, "{build}"),
                               (home, "{home}"), (config, "{config}")):
                text = text.replace(path, name)
            return re.sub(r"\b[0-9a-f]{64}\b", "{sha256}", text).encode()

        for folder, _, names in os.walk(work):
            for name in names:
                if name.endswith(".toml"):
                    path = os.path.join(folder, name)
                    with open(path, encoding="utf-8") as handle:
                        text = handle.read()
                    with open(path, "w", encoding="utf-8") as handle:
                        handle.write(substitute(text, relative_to=folder))

        environment = dict(os.environ)
        environment.pop("SWITCHEROO_PLUGIN_PATH", None)
        environment.pop("SWITCHEROO_TRUST_PROJECT_PLUGINS", None)
        environment.update(HOME=home, XDG_CONFIG_HOME=config)
        for line in read(os.path.join(case_dir, "env"), b"").decode().splitlines():
            if line.strip() and not line.startswith("#"):
                name, _, value = line.partition("=")
                environment[name.strip()] = substitute(value)
        if os.path.exists(os.path.join(case_dir, "before.sh")):
            prepared = subprocess.run(["/bin/sh", "-e", os.path.join(case_dir, "before.sh")],
                                      cwd=work, env=dict(environment, SWHOST=swhost),
                                      capture_output=True, timeout=120)
            if prepared.returncode != 0:
                sys.stdout.write(prepared.stdout.decode(errors="replace"))
                sys.stdout.write(prepared.stderr.decode(errors="replace"))
                print(f"FAILED: {os.path.basename(case_dir)}: before.sh exited "
                      f"{prepared.returncode}")
                return 1
        before = snapshot(work)

        lines = read(os.path.join(case_dir, "cmd"), b"").decode().splitlines()
        arguments = [substitute(line) for line in lines if line.strip() and not line.startswith("#")]
        result = subprocess.run([swhost] + arguments, cwd=work, env=environment,
                                input=read(os.path.join(case_dir, "stdin"), b""),
                                capture_output=True, timeout=120)

        actual = {
            "expected.stdout": normalize(result.stdout),
            "expected.stderr": normalize(result.stderr),
            "expected.status": f"{result.returncode}\n".encode(),
        }
        after = snapshot(work)
        written = {name: data for name, data in after.items() if before.get(name) != data}
        removed = sorted(set(before) - set(after))

        if update:
            for name, data in actual.items():
                path = os.path.join(case_dir, name)
                default = b"0\n" if name == "expected.status" else b""
                if data == default:
                    if os.path.exists(path):
                        os.remove(path)
                else:
                    with open(path, "wb") as handle:
                        handle.write(data)
            expected_dir = os.path.join(case_dir, "expected")
            shutil.rmtree(expected_dir, ignore_errors=True)
            for name, data in written.items():
                path = os.path.join(expected_dir, name)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "wb") as handle:
                    handle.write(normalize(data))
            return 0

        failures = []
        for name, data in actual.items():
            default = b"0\n" if name == "expected.status" else b""
            want = read(os.path.join(case_dir, name), default)
            if want != data:
                failures.append((name, want, data))
        expected_files = snapshot(os.path.join(case_dir, "expected")) \
            if os.path.isdir(os.path.join(case_dir, "expected")) else {}
        for name in sorted(set(expected_files) | set(written)):
            want = expected_files.get(name)
            have = normalize(written[name]) if name in written else None
            if want != have:
                failures.append(("expected/" + name, want or b"<no file>\n", have or b"<not written>\n"))
        for name in removed:
            failures.append(("removed " + name, b"<file kept>\n", b"<file removed>\n"))

        for name, want, have in failures:
            diff = difflib.unified_diff(
                want.decode(errors="replace").splitlines(True),
                have.decode(errors="replace").splitlines(True),
                fromfile=f"{case_dir}/{name}", tofile="actual")
            sys.stdout.write("".join(diff))
            sys.stdout.write("\n")
        if failures:
            print(f"FAILED: {os.path.basename(case_dir)}: {', '.join(f[0] for f in failures)}")
            print("command: swhost " + " ".join(arguments))
            return 1
        return 0


if __name__ == "__main__":
    sys.exit(main())
