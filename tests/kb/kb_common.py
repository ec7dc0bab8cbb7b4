"""Shared by the knowledge-base tests: run `swhost matrix --json` over the three built-in
adapters and read the API snapshots. The tests check what the host itself read from the
spokes (renames, positional arguments, keywords it may pass), not a second reading of the TOML.
"""
import importlib
import inspect
import json
import os
import subprocess
import tempfile

FRAMEWORKS = ("flax", "keras", "mlx", "numpy", "paxml", "tensorflow", "torch")
# Which API snapshots hold the names each adapter may emit.
SNAPSHOTS = {
    "torch": ("torch",),
    "flax": ("flax_nnx", "jax", "optax", "numpy"),
    "numpy": ("numpy",),
    "mlx": ("mlx", "numpy"),
    "keras": ("keras",),
    "tensorflow": ("tensorflow",),
    "paxml": ("praxis", "jax", "numpy"),
}

# Names the snapshots leave out although the framework has them: name -> (kind, reason). The MLX
# snapshot was extracted from nanobind bindings, which miss the array's read-only properties,
# and lists no modules.
SNAPSHOT_OMISSIONS = {
    "mlx": dict(
        [(name, ("property", "a property of mlx.core.array, which the binding extraction misses"))
         for name in ("mlx.core.array.shape", "mlx.core.array.ndim", "mlx.core.array.size",
                      "mlx.core.array.T", "mlx.core.array.dtype")] +
        [(name, ("module", "a module: the snapshot lists modules' members only"))
         for name in ("mlx.nn", "mlx.core.linalg", "mlx.core.random", "mlx.core.fast",
                      "mlx.nn.losses", "mlx.optimizers")]),
    "numpy": dict(
        [(name, ("module", "a module: the snapshot lists modules' members only"))
         for name in ("numpy.lib", "numpy.lib.stride_tricks")] +
        [("numpy.lib.stride_tricks.sliding_window_view",
          ("function", "in numpy.lib.stride_tricks since NumPy 1.20, which the snapshot misses"))] +
        [(name, ("function", "a method of every numpy.ufunc, which the snapshot lists without them"))
         for name in ("numpy.add.at", "numpy.multiply.at", "numpy.maximum.at", "numpy.minimum.at",
                      "numpy.logaddexp.accumulate")]),
    "torch": {"torch.onnx.operators.shape_as_tensor": (
        "function", "in torch.onnx.operators, a submodule the snapshot leaves out")},
}


def load_matrix(swhost, build_dir, extra=()):
    plugin_dir = os.path.join(os.path.abspath(build_dir), "lib", "switcheroo", "plugins")
    files = [os.path.join(plugin_dir, "libsw-adapter-%s.so" % name) for name in FRAMEWORKS]
    with tempfile.TemporaryDirectory(prefix="swkb-") as temp:
        manifest = os.path.join(temp, "switcheroo.toml")
        with open(manifest, "w") as handle:
            handle.write("[plugins]\ninstalled = false\nfiles = [%s]\n" %
                         ", ".join(json.dumps(path) for path in files))
        result = subprocess.run([swhost, "matrix", "--json", "--plugins", manifest, *extra],
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
        entries = {}
        for name in reversed(names):
            entries.update(tables[name])
        merged[framework] = SnapshotWithAliases(framework, entries,
                                                SNAPSHOT_OMISSIONS.get(framework, {}))
    return merged


# The snapshots of NumPy and PyTorch were introspected from the very packages installed here
# (Debian's numpy 1.24.2 and torch 1.13), and list one name per object: `numpy.abs` is missing
# because it is `numpy.absolute`. For these two, a name the snapshot lacks is looked up in the
# installed package; it counts as present when it is the same object as a snapshot entry, and a
# name the snapshot leaves out as private (`torch._assert`) is described from its signature.
LIVE_MODULES = {"numpy": "numpy", "torch": "torch"}


def live_object(dotted):
    """The installed object `dotted` names; a submodule its package does not import itself
    (`torch.onnx.operators`) is imported."""
    parts = dotted.split(".")
    try:
        value = importlib.import_module(parts[0])
        for index, part in enumerate(parts[1:], start=1):
            if not hasattr(value, part) and inspect.ismodule(value):
                importlib.import_module(".".join(parts[:index + 1]))
            value = getattr(value, part)
    except (ImportError, AttributeError):
        return None
    return value


class SnapshotWithAliases:
    """One framework's snapshot entries, plus names that are the same object as an entry."""

    def __init__(self, framework, entries, omissions):
        self.entries = entries
        self.omissions = omissions
        self.module = LIVE_MODULES.get(framework)
        self.by_object = None
        self.resolved = {}  # name found only in the installed package -> the snapshot name

    def get(self, api):
        owner, _, member = api.rpartition(".")
        if api not in self.entries and member in (self.entries.get(owner) or {}).get("methods", []):
            # A method its class's entry lists by name only (WeightInit.Constant): no signature.
            return {"kind": "method", "sig_unknown": True}
        if api not in self.entries and api in self.omissions:
            kind, self.resolved[api] = self.omissions[api]
            value = live_object(api) if self.module else None
            if kind == "function" and value is not None:
                return signature_entry(value)  # its parameters, from the installed package
            return {"kind": kind, "params": [], "varargs": False, "varkw": False}
        if api in self.entries or self.module is None or not api.startswith(self.module + "."):
            return self.entries.get(api)
        value = live_object(api)
        if value is None:
            return None
        if self.by_object is None:
            self.by_object = {}
            for name in self.entries:
                found = live_object(name) if "." in name else None
                if found is not None and callable(found):
                    self.by_object.setdefault(id(found), name)
        name = self.by_object.get(id(value))
        if name is not None:
            self.resolved[api] = name
            return self.entries[name]
        if not any(part.startswith("_") for part in api.split(".")) or not callable(value):
            return None
        self.resolved[api] = "the installed " + self.module
        return signature_entry(value)


def signature_entry(function):
    """A snapshot-style entry for a callable, from inspect.signature."""
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        return {"kind": "function", "sig_unknown": True}
    kinds = {inspect.Parameter.POSITIONAL_ONLY: "positional_only",
             inspect.Parameter.POSITIONAL_OR_KEYWORD: "positional_or_keyword",
             inspect.Parameter.KEYWORD_ONLY: "keyword_only"}
    params = [{"name": p.name, "kind": kinds[p.kind], "required": p.default is p.empty,
               "default": None if p.default is p.empty else repr(p.default)}
              for p in signature.parameters.values() if p.kind in kinds]
    return {"kind": "class" if inspect.isclass(function) else "function", "params": params,
            "varargs": any(p.kind == p.VAR_POSITIONAL for p in signature.parameters.values()),
            "varkw": any(p.kind == p.VAR_KEYWORD for p in signature.parameters.values())}


def mappings(op, framework):
    """The primary mapping of `op` in `framework` and its alternative spellings."""
    primary = op["mappings"].get(framework)
    if primary is None:
        return []
    return [primary] + primary.get("alternatives", [])
