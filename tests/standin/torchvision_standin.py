"""torchvision's classification models converted to Flax NNX, run under the stand-in. A copy
of the installed torchvision is imported as the package `flaxvision` (its __init__ files are not
run, so that the compiled operators do not load twice) with each model family's file
(torchvision/models/<family>.py) and the layers they share (ops/misc.py,
ops/stochastic_depth.py) replaced by their conversions. Each builder is called in both versions
with random initialisation (nothing is downloaded), the PyTorch weights are migrated, and the
logits of one image must agree. A model file that imports torchvision's models or shared layers
by absolute name (maxvit.py, efficientnet.py) imports them from `flaxvision` instead, as a
relative import would: the converted package is one whole, and the original's model registry
refuses the same builder names twice."""
import ast
import importlib
import os
import shutil
import sys
import time
import types

import numpy as np
import torch

import migrate
import roundtrip_cases
from flax import nnx


PACKAGE = "/usr/lib/python3/dist-packages/torchvision"
SHARED_LAYERS = ("ops/misc.py", "ops/stochastic_depth.py")


def families():
    """family file name ('resnet.py') -> its builders' names."""
    import torchvision.models as models
    found = {}
    for name in models.list_models(module=models):
        family = models.get_model_builder(name).__module__.split(".")[-1] + ".py"
        found.setdefault(family, []).append(name)
    return found


def defined_names(path):
    """The names a module file binds at its top level."""
    names = set()
    for node in ast.parse(open(path).read()).body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def package_module(statement, root):
    """Where `from torchvision.X import ...` is taken in the converted package: flaxvision.X
    for a module of models/ or ops/; for the package torchvision.ops itself (whose __init__ is
    not run), the shared layer that defines every imported name; None for the rest."""
    parts = statement.module.split(".")
    if parts[0] != "torchvision" or len(parts) < 2 or parts[1] not in ("models", "ops"):
        return None
    if len(parts) > 2:
        return "flaxvision." + ".".join(parts[1:])
    wanted = {alias.name for alias in statement.names}
    for layer in SHARED_LAYERS:
        if parts[1] == "ops" and wanted <= defined_names(os.path.join(root, layer)):
            return "flaxvision.ops." + os.path.basename(layer)[:-3]
    return None


def import_from_package(path, root):
    """Rewrites the file's absolute imports of torchvision's models and shared layers."""
    lines = open(path).read().splitlines(keepends=True)
    for statement in ast.parse("".join(lines)).body:
        if not isinstance(statement, ast.ImportFrom) or statement.level or not statement.module:
            continue
        module = package_module(statement, root)
        if module is not None:
            line = statement.lineno - 1
            lines[line] = lines[line].replace(statement.module, module, 1)
    open(path, "w").write("".join(lines))


def prepare(converted_models, converted_ops, temp):
    """The `flaxvision` package: torchvision with the converted families and shared layers."""
    root = os.path.join(temp, "flaxvision")
    shutil.copytree(PACKAGE, root, ignore=shutil.ignore_patterns("__pycache__"))
    for family in families():
        shutil.copyfile(os.path.join(converted_models, family), os.path.join(root, "models", family))
    for path in SHARED_LAYERS:
        shutil.copyfile(os.path.join(converted_ops, os.path.basename(path)), os.path.join(root, path))
    for family in families():
        import_from_package(os.path.join(root, "models", family), root)
    for name, folder in (("flaxvision", ""), ("flaxvision.models", "models"), ("flaxvision.ops", "ops")):
        package = types.ModuleType(name)
        package.__path__ = [os.path.join(root, folder)]
        sys.modules[name] = package
    import torchvision.transforms
    sys.modules["flaxvision.transforms"] = torchvision.transforms  # presets only, not model code


def run_builder(converted, name):
    import torchvision.models as models
    import run_conversions
    size = roundtrip_cases.INPUT_SIZES.get(name, 224)
    image = torch.randn(1, 3, size, size, generator=torch.Generator().manual_seed(1))
    torch.manual_seed(0)
    torch_model = models.get_model(name).eval()
    flax_model = getattr(converted, name)(rngs=nnx.Rngs(0))
    migrate.load(flax_model, torch_model, (image,))
    flax_model.eval()
    with torch.no_grad():
        expected = torch_model(image).numpy()
    actual = flax_model(np.moveaxis(image.numpy(), 1, -1))
    return run_conversions.compare(expected, np.asarray(actual))


def run(converted_models, converted_ops, temp, all_builders, outcomes):
    import run_conversions
    prepare(converted_models, converted_ops, temp)
    for family, builders in sorted(families().items()):
        if not all_builders:
            builders = [roundtrip_cases.smallest_builder(builders)]
        labels = ["torchvision %s:%s" % (family, name) for name in builders]
        try:
            converted = importlib.import_module("flaxvision.models." + family[:-3])
        except Exception as error:
            outcomes.update({label: run_conversions.reason(error) for label in labels})
            continue
        for name, label in zip(builders, labels):
            start = time.time()
            try:
                outcomes[label] = run_builder(converted, name)
            except Exception as error:
                outcomes[label] = run_conversions.reason(error)
            print("%-50s %.1f s" % (label, time.time() - start), flush=True)
