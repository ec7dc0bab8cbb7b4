#!/usr/bin/python3
"""Round trips, run: a conversion there and back must compute what the original computes. One
driver and one case list (roundtrip_cases.py) for every framework a round trip goes through:

- flax: every model file of Debian's python3-torchvision is converted PyTorch -> Flax ->
  PyTorch; in a copy of the package, one family's file at a time is replaced by its round trip,
  and each classification builder of that family is called with random initialisation (nothing
  is downloaded). The round-tripped module must take the original's `state_dict` unchanged
  (strict) and give the original's output on the same input in eval mode (rtol 1e-4). Then the
  PyTorch test models (tests/models/torch), the same way, per module and function listed; a
  test model's buffers must come back as buffers (not as parameters).
- numpy: NumPy functional code, NumPy -> PyTorch -> NumPy and PyTorch -> NumPy -> PyTorch, per
  function of tests/convert/numeric_files.py.
- mlx, pax, keras, tf (frameworks that cannot run here): the PyTorch test models through them
  and back, as for flax, and each hand-written model of tests/models/<framework> converted to
  PyTorch must build and run.

A round trip that passes although the way there left calls unconverted (PyTorch code kept in
place) is reported as `partial`, and counted apart; for the cases of REQUIRE_COMPLETE it fails,
and so does a partial case without the reason PARTIAL_REASONS must give for its framework.
Prints one line per case (`ok`, `partial`, `skipped` or the reason) and a figure per family; exits 1 when a case not listed in
KNOWN_FAILURES fails, or a listed one passes (then the list must shrink).

usage: roundtrip.py SWHOST MODELS_DIR [--via FW[,FW...]] [--all-builders]
--via names the frameworks (default flax,numpy). Without --all-builders only the smallest
builder of each torchvision family runs (CI time).
"""
import os
import shutil
import subprocess
import sys
import tempfile
import types

import numpy as np
import torch

import numeric_files
import roundtrip_cases

TORCHVISION = "/usr/lib/python3/dist-packages/torchvision"
RTOL = 1e-4


def convert(swhost, source_path, source, target, out):
    """swhost convert; returns the number of calls left unconverted, or raises RuntimeError with
    the reason it failed."""
    result = subprocess.run([swhost, "convert", source_path, "--source", source, "--target",
                             target, "--out", out], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        errors = [line for line in result.stderr.splitlines() if ": error: " in line]
        raise RuntimeError("%s -> %s failed: %s" % (
            source, target, (errors or ["exit %d" % result.returncode])[0]))
    return sum(": warning: " in line for line in result.stderr.splitlines())


def round_trip(swhost, source_path, frameworks, temp):
    """Converts a file or folder through `frameworks` (first is the source); returns the path of
    the last conversion and the calls the first conversion left unconverted."""
    path, unconverted = source_path, None
    for index, (source, target) in enumerate(zip(frameworks, frameworks[1:])):
        out = os.path.join(temp, "%d_%s_%s" % (index, target, os.path.basename(source_path)))
        left = convert(swhost, path, source, target, out)
        unconverted = left if unconverted is None else unconverted
        path = out
    return path, unconverted


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
        # state that is not trained must come back as buffers, not as parameters
        buffers = [sorted(name for name, _ in module.named_buffers()) for module in (first, second)]
        if buffers[0] != buffers[1]:
            return "buffers %s, expected %s" % (buffers[1], buffers[0])
    with torch.no_grad():
        expected = as_numpy(first(*values))
        actual = as_numpy(second(*values))
    return compare(expected, actual)


def check_test_models(swhost, models, via, temp, outcomes):
    route = "torch->%s->torch" % via
    for file_name, cases in sorted(roundtrip_cases.TORCH_MODELS.items()):
        original_path = os.path.join(models, "torch", file_name)
        kind = file_name[:-3]
        labels = ["%s %s.%s%s" % (route, kind, case[0], case[1] or "") for case in cases]
        skipped = [roundtrip_cases.not_expressible(via, label) for label in labels]
        if all(skipped):
            outcomes.update({label: SKIPPED + why for label, why in zip(labels, skipped)})
            continue
        try:
            back_path, unconverted = round_trip(swhost, original_path, ("torch", via, "torch"),
                                                temp)
            original = numeric_files.load(original_path, "%s_original_%s" % (via, kind))
            back = numeric_files.load(back_path, "%s_back_%s" % (via, kind))
        except Exception as error:  # a round trip that does not load fails every case
            outcomes.update({label: why and SKIPPED + why or reason(error)
                             for label, why in zip(labels, skipped)})
            continue
        for case, label, why in zip(cases, labels, skipped):
            if why:
                outcomes[label] = SKIPPED + why
                continue
            try:
                problem = module_case(original, back, case)
            except Exception as error:
                problem = reason(error)
            outcomes[label] = problem or partial_outcome(via, label, unconverted)


SKIPPED = "skipped: "
PARTIAL = "partial: "


def partial_outcome(via, label, unconverted):
    """What a round trip that computed the same tells: None when its way there converted
    everything; a failure where the case must be complete, or is partial without the reason
    its framework must give (PARTIAL_REASONS); else partial, with the listed reason. A listed
    case that converts completely fails: the list only shrinks."""
    listed = roundtrip_cases.partial_reason(via, label)
    if not unconverted:
        return listed and "converts completely but PARTIAL_REASONS lists it" or None
    left = "%d calls left unconverted there" % unconverted
    if roundtrip_cases.must_be_complete(via, label):
        return left
    if listed is None:
        return left + ", and PARTIAL_REASONS['%s'] gives no reason" % via
    return PARTIAL + left + (" (%s)" % listed if listed else "")


def check_hand_written(swhost, models, framework, temp, outcomes):
    """Hand-written models of `framework` converted to PyTorch must build and run."""
    folder = os.path.join(models, framework)
    cases = roundtrip_cases.HAND_WRITTEN[framework]
    not_run = roundtrip_cases.NOT_RUN.get(framework, {})
    for file_name in sorted(set(os.listdir(folder)) - set(cases) - set(not_run)):
        if file_name.endswith(".py"):
            outcomes["%s->torch %s" % (framework, file_name)] = "no case in HAND_WRITTEN"
    for file_name, reason_not_run in sorted(not_run.items()):
        outcomes["%s->torch %s" % (framework, file_name)] = SKIPPED + reason_not_run
    for file_name, file_cases in sorted(cases.items()):
        out = os.path.join(temp, "hand_%s_%s" % (framework, file_name))
        labels = ["%s->torch %s.%s" % (framework, file_name[:-3], case[0]) for case in file_cases]
        try:
            convert(swhost, os.path.join(folder, file_name), framework, "torch", out)
            module = numeric_files.load(out, "hand_%s_%s" % (framework, file_name[:-3]))
        except Exception as error:
            outcomes.update({label: reason(error) for label in labels})
            continue
        for (name, arguments, inputs), label in zip(file_cases, labels):
            generator = np.random.default_rng(7)
            values = [roundtrip_cases.make_input(spec, generator) for spec in inputs]
            try:
                torch.manual_seed(0)
                target = getattr(module, name)
                with torch.no_grad():
                    result = (target(*arguments).eval()(*values) if arguments is not None
                              else target(*values))
                finite = all(np.isfinite(part).all() for part in flat(as_numpy(result)))
                outcomes[label] = None if finite else "computes values that are not finite"
            except Exception as error:
                outcomes[label] = reason(error)


def flat(value):
    return [part for item in value for part in flat(item)] if isinstance(value, list) else [value]


def stand_in_praxis():
    """Praxis is not installed: the names a converted file still imports from it (the layers the
    converter reported, the JTensor alias) are placeholders, so that its functions, which no
    longer use Praxis, can run."""
    praxis = types.ModuleType("praxis")
    praxis.base_layer = types.SimpleNamespace(BaseLayer=object, JTensor=object)
    praxis.layers = types.SimpleNamespace()
    praxis.pax_fiddle = types.SimpleNamespace()
    sys.modules.setdefault("praxis", praxis)


# --- NumPy functional code ---------------------------------------------------------------------

def check_functions(swhost, models, frameworks, files, temp, outcomes):
    source = frameworks[0]
    wrap = numeric_files.to_torch if source == "torch" else (lambda value: value)
    for file_name, functions in sorted(files.items()):
        original_path = os.path.join(models, source, file_name)
        kind = file_name[:-3]
        label = "->".join(frameworks)
        try:
            back_path, _ = round_trip(swhost, original_path, frameworks, temp)
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
            back, _ = round_trip(swhost, replaced, ("torch", "flax", "torch"), temp)
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
            print("%s: %s" % (label, problem), flush=True)  # progress: --all-builders is long


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
        counts = families.setdefault(family, [0, 0, 0, 0])  # passed, partial, skipped, total
        if problem and problem.startswith(SKIPPED):
            counts[2] += 1
            print("skipped  %s: %s" % (label, problem[len(SKIPPED):]))
            continue
        counts[3] += 1
        partial = problem and problem.startswith(PARTIAL)
        if partial:
            counts[1] += 1
            print("partial  %s: %s" % (label, problem[len(PARTIAL):]))
            problem = None
        counts[0] += problem is None
        if problem is None:
            if not partial:
                print("ok       %s" % label)
            if known:
                unexpected.append("%s passes but is listed in KNOWN_FAILURES" % label)
        else:
            print("%s %s: %s" % ("known   " if known else "FAILED  ", label, problem))
            if known:
                print("         (listed: %s)" % known)
            if not known:
                unexpected.append("%s: %s" % (label, problem))
    print("\nround trips per family (passed/total, of the passed partial; skipped):")
    for family, (passed, partial, skipped, total) in sorted(families.items()):
        print("  %-40s %d/%d%s%s" % (family, passed, total,
                                     ", %d partial" % partial if partial else "",
                                     "; %d skipped" % skipped if skipped else ""))
    return unexpected


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "--worker":
        worker(sys.argv[2], sys.argv[3:])
        return 0
    arguments = sys.argv[1:]
    all_builders = "--all-builders" in arguments
    arguments = [a for a in arguments if a != "--all-builders"]
    via = ["flax", "numpy"]
    if len(arguments) == 4 and arguments[2] == "--via":
        via = arguments[3].split(",")
    elif len(arguments) != 2:
        sys.exit(__doc__)
    swhost, models = os.path.abspath(arguments[0]), os.path.abspath(arguments[1])
    only = os.environ.get("SWITCHEROO_ROUNDTRIP_ONLY")  # a comma-separated list of families
    outcomes = {}
    with tempfile.TemporaryDirectory(prefix="swroundtrip-") as temp:
        if "flax" in via:
            families = torchvision_families(all_builders)
            if only:
                families = {f: b for f, b in families.items() if f[:-3] in only.split(",")}
            check_torchvision(swhost, families, temp, outcomes)
        torch.set_default_dtype(torch.float64)
        if "pax" in via:
            stand_in_praxis()
        for framework in via:
            if framework == "numpy":
                check_functions(swhost, models, ("torch", "numpy", "torch"),
                                numeric_files.TORCH_FILES, temp, outcomes)
                check_functions(swhost, models, ("numpy", "torch", "numpy"),
                                numeric_files.NUMPY_FILES, temp, outcomes)
                continue
            check_test_models(swhost, models, framework, temp, outcomes)
            if framework in roundtrip_cases.HAND_WRITTEN:
                check_hand_written(swhost, models, framework, temp, outcomes)
    unexpected = report(outcomes)
    if unexpected:
        print("\nunexpected:\n" + "\n".join(unexpected))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
