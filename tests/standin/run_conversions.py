#!/usr/bin/python3
"""PyTorch -> Flax NNX conversions, run: swhost converts the PyTorch test models (and, with
--torchvision, torchvision's classification models), the outputs run under the NumPy stand-in
of jax and flax.nnx (tests/standin) with the original's weights migrated by migrate.py, and
their results must agree with the PyTorch original's (eval mode, relative tolerance 1e-4).

Cases: every module and function of tests/convert/roundtrip_cases.py (TORCH_MODELS) and
numeric_files.py (TORCH_FILES); per torchvision family the smallest builder (all builders with
--all-builders). Image arrays (standin_cases.IMAGE_CASES) go in channels last and come back
channels first. Prints one line per case and the figures; exits 1 when a case not listed in
standin_cases.KNOWN_FAILURES fails, or a listed one passes (then the list must shrink).

usage: run_conversions.py SWHOST MODELS_DIR [--torchvision | --all-builders]
"""
import os
import subprocess
import sys
import tempfile
import time

STANDIN = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [STANDIN, os.path.join(STANDIN, "..", "convert")]

import numpy as np  # noqa: E402
import torch  # noqa: E402

import layer_check  # noqa: E402
import migrate  # noqa: E402
import numeric_files  # noqa: E402
import roundtrip_cases  # noqa: E402
import standin_cases  # noqa: E402
from flax import nnx  # noqa: E402

TOLERANCE = 1e-4
TORCHVISION = "/usr/lib/python3/dist-packages/torchvision"


def convert(swhost, source, out):
    """swhost convert torch -> flax (`source`: a path or a list of them, converted in one run);
    the summary line, or raises RuntimeError."""
    sources = [source] if isinstance(source, str) else source
    result = subprocess.run([swhost, "convert"] + sources + ["--source", "torch", "--target", "flax",
                             "--out", out], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError("swhost failed (%d): %s" % (result.returncode, result.stderr[-2000:]))
    notes = [line for line in result.stderr.splitlines() if line.startswith("note: ")]
    return notes[-1] if notes else ""


def to_flax(value, image):
    if isinstance(value, torch.Tensor):
        value = value.numpy()
    if isinstance(value, np.ndarray):
        if value.dtype == np.float64:
            value = value.astype(np.float32)
        if image and value.ndim == 4 and value.dtype.kind == "f":
            value = np.moveaxis(value, 1, -1)
    return value


def from_flax(value, image):
    if isinstance(value, (tuple, list)):
        return [from_flax(item, image) for item in value]
    value = np.asarray(value)
    return np.moveaxis(value, -1, 1) if image and value.ndim == 4 else value


def from_torch(value):
    if isinstance(value, (tuple, list)):
        return [from_torch(item) for item in value]
    return value.detach().numpy() if isinstance(value, torch.Tensor) else np.asarray(value)


def compare(expected, actual):
    if isinstance(expected, list) or isinstance(actual, list):
        if not (isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual)):
            return "result structure differs"
        return next((p for p in map(compare, expected, actual) if p), None)
    if expected.dtype == bool or actual.dtype == bool:
        return None if np.array_equal(expected, actual) else "boolean results differ"
    return layer_check.problem(expected, actual, TOLERANCE)


def reason(error):
    text = str(error).strip().splitlines()
    return "%s: %s" % (type(error).__name__, text[-1] if text else "")


def run_module(original, converted, case, image):
    """Builds the case's module from both files, migrates the weights, runs both."""
    name, arguments, input_specs = case
    generator = np.random.default_rng(0)
    values = [roundtrip_cases.make_input(spec, generator) for spec in input_specs]
    values = [v.float() if isinstance(v, torch.Tensor) and v.is_floating_point() else v for v in values]
    torch.manual_seed(0)
    torch_model = getattr(original, name)(*arguments).eval()
    flax_model = getattr(converted, name)(*arguments, rngs=nnx.Rngs(0))
    migrate.load(flax_model, torch_model, values if image else None)
    flax_model.eval()
    with torch.no_grad():
        expected = from_torch(torch_model(*values))
    return compare(expected, from_flax(flax_model(*[to_flax(v, image) for v in values]), image))


def run_function(original, converted, function, arguments, image):
    values = numeric_files.inputs(arguments, np.random.default_rng(7))
    expected = from_torch(getattr(original, function)(*[numeric_files.to_torch(v) for v in values]))
    actual = getattr(converted, function)(*[to_flax(v, image) for v in values])
    return compare(expected, from_flax(actual, image))


def run_file(original_path, converted_path, file_name, cases, outcomes):
    """Runs each (kind, case) of one file in both versions; a file that does not load fails all."""
    kind = file_name[:-3]
    try:
        original = numeric_files.load(original_path, "torch_" + kind)
        converted = numeric_files.load(converted_path, "flax_" + kind)
    except Exception as error:
        for what, case in cases:
            outcomes["%s.%s" % (kind, case[0])] = reason(error)
        return
    for what, case in cases:
        label = "%s.%s%s" % (kind, case[0], case[1] if what == "module" and case[1] else "")
        image = (file_name, case[0].split(":")[0]) in standin_cases.IMAGE_CASES
        try:
            if what == "module" and case[1] is not None:
                outcomes[label] = run_module(original, converted, case, image)
            elif what == "module":
                outcomes[label] = run_function(original, converted, case[0],
                                               [("n", s[1]) if s[0] == "n" else s for s in case[2]], image)
            else:
                outcomes[label] = run_function(original, converted, case[0].split(":")[0], case[1], image)
        except Exception as error:
            outcomes[label] = reason(error)


def check_test_models(swhost, models, temp, outcomes):
    """The PyTorch test models, and the golden cases' models standin_cases lists."""
    out = os.path.join(temp, "flax_test_models")
    summary = convert(swhost, os.path.join(models, "torch"), out)
    for file_name in sorted(set(roundtrip_cases.TORCH_MODELS) | set(numeric_files.TORCH_FILES)):
        cases = [("module", c) for c in roundtrip_cases.TORCH_MODELS.get(file_name, [])]
        cases += [("function", c) for c in sorted(numeric_files.TORCH_FILES.get(file_name, {}).items())]
        run_file(os.path.join(models, "torch", file_name), os.path.join(out, file_name), file_name,
                 cases, outcomes)
    tests = os.path.dirname(models)
    for path, cases in sorted(standin_cases.GOLDEN_MODELS.items()):
        converted = os.path.join(temp, path.replace("/", "_"))
        convert(swhost, os.path.join(tests, path), converted)
        run_file(os.path.join(tests, path), converted, path.split("/")[-2] + ".py", cases, outcomes)
    return summary


def check_torchvision(swhost, temp, all_builders, outcomes):
    import torchvision_standin
    # The model files and the shared layers in one run, so that the classes of ops/misc.py that
    # take rngs (SqueezeExcitation) get them where the model files import them.
    models = os.path.join(temp, "flax_models")
    shared = [os.path.join(TORCHVISION, path) for path in torchvision_standin.SHARED_LAYERS]
    summary = convert(swhost, [os.path.join(TORCHVISION, "models")] + shared, models)
    torchvision_standin.run(models, models, temp, all_builders, outcomes)
    return summary


def status(label, problem):
    """'ok', 'known' or 'FAILED', and what is wrong with the list of known failures, if anything."""
    known = standin_cases.known_failure(label)
    if problem is None:
        return "ok", "%s passes but is listed in KNOWN_FAILURES" % label if known else None
    if known:
        return "known", None
    return "FAILED", "%s: %s" % (label, problem)


def report(outcomes):
    """Prints a line per case; returns how many agree and the unexpected outcomes."""
    unexpected = []
    for label, problem in sorted(outcomes.items()):
        word, surprise = status(label, problem)
        line = "%-8s %s" % (word, label) + ("" if problem is None else ": " + problem)
        if word == "known":
            line += "\n         (listed: %s)" % standin_cases.known_failure(label)
        print(line)
        if surprise:
            unexpected.append(surprise)
    return sum(problem is None for problem in outcomes.values()), unexpected


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    swhost, models = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    option = sys.argv[3] if len(sys.argv) == 4 else None
    start = time.time()
    outcomes = {}
    with tempfile.TemporaryDirectory(prefix="swstandin-") as temp:
        summaries = [check_test_models(swhost, models, temp, outcomes)]
        test_models = len(outcomes)
        if option in ("--torchvision", "--all-builders"):
            summaries.append(check_torchvision(swhost, temp, option == "--all-builders", outcomes))
    passed, unexpected = report(outcomes)
    print("\n%d of %d cases agree with PyTorch under the stand-in (%d test-model cases, %d torchvision "
          "builders), %.0f s" % (passed, len(outcomes), test_models, len(outcomes) - test_models,
                                 time.time() - start))
    for summary in summaries:
        print(summary)
    if unexpected:
        print("\nunexpected:\n" + "\n".join(unexpected))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
