"""Shared by the knowledge-base tests: run `swhost matrix --json` over the three built-in
adapters and read the API snapshots. The tests check what the host itself read from the
spokes (renames, positional arguments, keywords it may pass), not a second reading of the TOML.
"""
import json
import os
import subprocess
import tempfile

FRAMEWORKS = ("flax", "numpy", "torch")
# Which API snapshots hold the names each adapter may emit.
SNAPSHOTS = {
    "torch": ("torch",),
    "flax": ("flax_nnx", "jax", "optax", "numpy"),
    "numpy": ("numpy",),
}


def load_matrix(swhost, build_dir):
    plugin_dir = os.path.join(os.path.abspath(build_dir), "lib", "switcheroo", "plugins")
    files = [os.path.join(plugin_dir, "libsw-adapter-%s.so" % name) for name in FRAMEWORKS]
    with tempfile.TemporaryDirectory(prefix="swkb-") as temp:
        manifest = os.path.join(temp, "switcheroo.toml")
        with open(manifest, "w") as handle:
            handle.write("[plugins]\ninstalled = false\nfiles = [%s]\n" %
                         ", ".join(json.dumps(path) for path in files))
        result = subprocess.run([swhost, "matrix", "--json", "--plugins", manifest],
                                capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit("swhost matrix failed (%d):\n%s" % (result.returncode, result.stderr))
    return json.loads(result.stdout)


def load_snapshots(snapshot_dir):
    """framework -> {api name: entry}, aliases resolved to their entries."""
    tables = {}
    for name in {n for names in SNAPSHOTS.values() for n in names}:
        with open(os.path.join(snapshot_dir, name + ".json")) as handle:
            data = json.load(handle)
        apis = dict(data["apis"])
        for alias, target in data.get("aliases", {}).items():
            if alias not in apis and target in data["apis"]:
                apis[alias] = data["apis"][target]
        tables[name] = apis
    merged = {}
    for framework, names in SNAPSHOTS.items():
        merged[framework] = {}
        for name in reversed(names):
            merged[framework].update(tables[name])
    return merged


def mappings(op, framework):
    """The primary mapping of `op` in `framework` and its alternative spellings."""
    primary = op["mappings"].get(framework)
    if primary is None:
        return []
    return [primary] + primary.get("alternatives", [])
