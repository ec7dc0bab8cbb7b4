#!/usr/bin/python3
"""Round trips, run: a conversion there and back must compute what the original computes.

- torchvision: every model file of Debian's python3-torchvision is converted PyTorch -> Flax ->
  PyTorch; in a copy of the package, one family's file at a time is replaced by its round trip,
  and each classification builder of that family is called with random initialisation (nothing
  is downloaded). The round-tripped module must take the original's `state_dict` unchanged
  (strict) and give the original's output on the same input in eval mode (rtol 1e-4).
- the PyTorch test models (tests/models/torch): the same, per module and function listed below.
- NumPy functional code: NumPy -> PyTorch -> NumPy and PyTorch -> NumPy -> PyTorch, per function
  of tests/convert/numeric_files.py.

Prints one line per case (`ok` or the reason) and a figure per family; exits 1 when a case not
listed in KNOWN_FAILURES fails, or a listed one passes (then the list must shrink).

usage: roundtrip.py SWHOST MODELS_DIR [--all-builders]
Without --all-builders only the smallest builder of each torchvision family runs (CI time).
"""
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np
import torch

import numeric_files
import roundtrip_cases

TORCHVISION = "/usr/lib/python3/dist-packages/torchvision"
RTOL = 1e-4


def convert(swhost, source_path, source, target, out):
    """swhost convert; returns None or the reason it failed."""
    result = subprocess.run([swhost, "convert", source_path, "--source", source, "--target",
                             target, "--out", out], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        errors = [line for line in result.stderr.splitlines() if ": error: " in line]
        return "%s -> %s failed: %s" % (source, target, (errors or ["exit %d" % result.returncode])[0])
    return None


def round_trip(swhost, source_path, frameworks, temp):
    """Converts a file or folder through `frameworks` (first is the source); returns the path of
    the last conversion, or raises RuntimeError with the reason."""
    path = source_path
    for index, (source, target) in enumerate(zip(frameworks, frameworks[1:])):
        out = os.path.join(temp, "%d_%s_%s" % (index, target, os.path.basename(source_path)))
        problem = convert(swhost, path, source, target, out)
        if problem:
            raise RuntimeError(problem)
        path = out
    return path


def close(expected, actual):
    expected = np.asarray(expected, dtype=np.float64)
    actual = np.asarray(actual, dtype=np.float64)
    if expected.shape != actual.shape:
        return "shape %s, expected %s" % (actual.shape, expected.shape)
    error = float(np.abs(expected - actual).max()) if expected.size else 0.0
    bound = RTOL * max(1.0, float(np.abs(expected).max()) if expected.size else 0.0)
    return None if error <= bound else "max error %.2e above %.1e" % (error, bound)


def as_numpy(value):
    if isinstance(value, torch.Tensor):
        return value.detach().numpy()
    if isinstance(value, (tuple, list)):
        return [as_numpy(item) for item in value]
    return np.asarray(value)


def compare(expected, actual):
    if isinstance(expected, list) or isinstance(actual, list):
        if not (isinstance(expected, list) and isinstance(actual, list)
                and len(expected) == len(actual)):
            return "result structure differs"
        return next((p for p in map(compare, expected, actual) if p), None)
    return close(expected, actual)


# --- the PyTorch test models -------------------------------------------------------------------

def module_case(original, back, case):
    """Builds the case's module from both files with the original's weights, runs both."""
    name, arguments, inputs = case
    generator = np.random.default_rng(0)
    values = [roundtrip_cases.make_input(spec, generator) for spec in inputs]
    if arguments is None:
        first, second = getattr(original, name), getattr(back, name)
    else:
        torch.manual_seed(0)
        first = getattr(original, name)(*arguments).eval()
        second = getattr(back, name)(*arguments)
        second.load_state_dict(first.state_dict(), strict=True)
        second.eval()
    with torch.no_grad():
        expected = as_numpy(first(*values))
        actual = as_numpy(second(*values))
    return compare(expected, actual)


def check_test_models(swhost, models, temp, outcomes):
    for file_name, cases in sorted(roundtrip_cases.TORCH_MODELS.items()):
        original_path = os.path.join(models, "torch", file_name)
        kind = file_name[:-3]
        try:
            back_path = round_trip(swhost, original_path, ("torch", "flax", "torch"), temp)
            original = numeric_files.load(original_path, "original_" + kind)
            back = numeric_files.load(back_path, "back_" + kind)
        except Exception as error:  # a round trip that does not load fails every case
            for case in cases:
                outcomes["torch->flax->torch %s.%s" % (kind, case[0])] = reason(error)
            continue
        for case in cases:
            label = "torch->flax->torch %s.%s%s" % (kind, case[0], case[1] or "")
            try:
                outcomes[label] = module_case(original, back, case)
            except Exception as error:
                outcomes[label] = reason(error)


# --- NumPy functional code ---------------------------------------------------------------------

def check_functions(swhost, models, frameworks, files, temp, outcomes):
    source = frameworks[0]
    wrap = numeric_files.to_torch if source == "torch" else (lambda value: value)
    for file_name, functions in sorted(files.items()):
        original_path = os.path.join(models, source, file_name)
        kind = file_name[:-3]
        label = "->".join(frameworks)
        try:
            back_path = round_trip(swhost, original_path, frameworks, temp)
            original = numeric_files.load(original_path, "%s_original_%s" % (source, kind))
            back = numeric_files.load(back_path, "%s_back_%s" % (source, kind))
        except Exception as error:
            for case in functions:
                outcomes["%s %s.%s" % (label, kind, case)] = reason(error)
            continue
        for case, arguments in sorted(functions.items()):
            function = case.split(":")[0]
            values = [wrap(v) for v in numeric_files.inputs(arguments, np.random.default_rng(7))]
            try:
                expected = as_numpy(getattr(original, function)(*values))
                outcomes["%s %s.%s" % (label, kind, case)] = compare(
                    expected, as_numpy(getattr(back, function)(*values)))
            except Exception as error:
                outcomes["%s %s.%s" % (label, kind, case)] = reason(error)


def reason(error):
    text = str(error).strip().splitlines()
    return "%s: %s" % (type(error).__name__, text[-1] if text else "")


# --- torchvision -------------------------------------------------------------------------------

def torchvision_families(all_builders):
    """family (the model file, e.g. 'resnet.py') -> builders to run."""
    import torchvision.models as models  # the installed package, as the reference
    families = {}
    for name in models.list_models(module=models):
        builder = models.get_model_builder(name)
        family = builder.__module__.split(".")[-1] + ".py"
        families.setdefault(family, []).append(name)
    if not all_builders:
        families = {family: [roundtrip_cases.smallest_builder(names)]
                    for family, names in families.items()}
    return families


def reference(builders, temp):
    """Runs each builder of the installed torchvision; saves its state and output."""
    import torchvision.models as models
    saved = {}
    for name in builders:
        torch.manual_seed(0)
        model = models.get_model(name).eval()
        size = roundtrip_cases.INPUT_SIZES.get(name, 224)
        image = torch.randn(1, 3, size, size, generator=torch.Generator().manual_seed(1))
        with torch.no_grad():
            output = model(image)
        path = os.path.join(temp, "reference_%s.pt" % name)
        torch.save({"state": model.state_dict(), "image": image, "output": output}, path)
        saved[name] = path
        del model
    return saved


def check_torchvision(swhost, families, temp, outcomes):
    package = os.path.join(temp, "package", "torchvision")
    shutil.copytree(TORCHVISION, package, ignore=shutil.ignore_patterns("__pycache__"))
    for family, builders in sorted(families.items()):
        labels = ["torchvision %s:%s" % (family, name) for name in builders]
        replaced = os.path.join(package, "models", family)
        try:
            back = round_trip(swhost, replaced, ("torch", "flax", "torch"), temp)
        except RuntimeError as error:
            outcomes.update({label: str(error) for label in labels})
            continue
        original_text = open(replaced).read()
        shutil.copyfile(back, replaced)
        # A round trip that does not import fails every builder: no reference is built for it.
        result = worker_run(package, [])
        if result.returncode == 0:
            saved = reference(builders, temp)
            result = worker_run(package, [saved[b] + "=" + b for b in builders])
        with open(replaced, "w") as handle:
            handle.write(original_text)
        lines = dict(line.split("\t", 1) for line in result.stdout.splitlines() if "\t" in line)
        for name, label in zip(builders, labels):
            problem = lines.get(name, "worker failed: %s" % (
                result.stderr.strip().splitlines() or ["no output"])[-1])
            outcomes[label] = None if problem == "ok" else problem


def worker_run(package, jobs):
    return subprocess.run([sys.executable, os.path.abspath(__file__), "--worker",
                           os.path.dirname(package)] + jobs,
                          capture_output=True, text=True, check=False)


def worker(package_root, jobs):
    """In a fresh process: the copied package, one family replaced by its round trip."""
    sys.path.insert(0, package_root)
    import torchvision.models as models
    assert models.__file__.startswith(package_root), models.__file__
    for job in jobs:
        path, name = job.rsplit("=", 1)
        try:
            saved = torch.load(path)
            torch.manual_seed(0)
            model = models.get_model(name)
            model.load_state_dict(saved["state"], strict=True)
            with torch.no_grad():
                output = model.eval()(saved["image"])
            problem = close(saved["output"].numpy(), as_numpy(output))
        except Exception as error:
            problem = reason(error)
        print("%s\t%s" % (name, problem or "ok"), flush=True)


# --- report ------------------------------------------------------------------------------------

def report(outcomes):
    unexpected = []
    families = {}
    for label, problem in sorted(outcomes.items()):
        known = roundtrip_cases.known_failure(label)
        family = roundtrip_cases.family_of(label)
        passed, total = families.get(family, (0, 0))
        families[family] = (passed + (problem is None), total + 1)
        if problem is None:
            print("ok       %s" % label)
            if known:
                unexpected.append("%s passes but is listed in KNOWN_FAILURES" % label)
        else:
            print("%s %s: %s" % ("known   " if known else "FAILED  ", label, problem))
            if known:
                print("         (listed: %s)" % known)
            if not known:
                unexpected.append("%s: %s" % (label, problem))
    print("\nround trips per family (passed/total):")
    for family, (passed, total) in sorted(families.items()):
        print("  %-40s %d/%d" % (family, passed, total))
    return unexpected


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "--worker":
        worker(sys.argv[2], sys.argv[3:])
        return 0
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    swhost, models = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    only = os.environ.get("SWITCHEROO_ROUNDTRIP_ONLY")  # a comma-separated list of families
    outcomes = {}
    with tempfile.TemporaryDirectory(prefix="swroundtrip-") as temp:
        families = torchvision_families(len(sys.argv) == 4 and sys.argv[3] == "--all-builders")
        if only:
            families = {f: b for f, b in families.items() if f[:-3] in only.split(",")}
        check_torchvision(swhost, families, temp, outcomes)
        torch.set_default_dtype(torch.float64)
        check_test_models(swhost, models, temp, outcomes)
        check_functions(swhost, models, ("torch", "numpy", "torch"), numeric_files.TORCH_FILES,
                        temp, outcomes)
        check_functions(swhost, models, ("numpy", "torch", "numpy"), numeric_files.NUMPY_FILES,
                        temp, outcomes)
    unexpected = report(outcomes)
    if unexpected:
        print("\nunexpected:\n" + "\n".join(unexpected))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
