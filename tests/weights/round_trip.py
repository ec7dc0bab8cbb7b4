#!/usr/bin/python3
"""Weight migration, run: for each PyTorch test model (tests/convert/roundtrip_cases.py; with
--torchvision, every torchvision classification builder instead; with --class, one class of a
file), `swhost weights` writes the
scripts PyTorch -> Flax NNX, Flax NNX -> PyTorch, PyTorch -> Keras and Keras -> PyTorch, and a
checkpoint of random weights (every float tensor drawn anew) must come back bit-identical
through each pair: the same keys in the same order, dtypes and bytes. For the test models, the
Flax checkpoint must also hold, name for name and shape for shape, the variables of the model
`swhost convert` makes of the original, instantiated under the NumPy stand-in of flax.nnx
(tests/standin); loaded with them by the load_into of the script that wrote the checkpoint,
that model must compute what the original computes, and the save_from of the script back must
save the same tensors from it.

Cases that cannot be migrated yet are listed in KNOWN_FAILURES with the reason swhost gives; a
listed case that passes fails the test (the list must shrink).

usage: round_trip.py SWHOST MODELS_DIR [--torchvision [BUILDER...] | --only FILE_PATTERN...]
       round_trip.py SWHOST MODEL.py --class NAME
(--only: the test models of the files whose names match one of the fnmatch patterns)
"""
import copy
import fnmatch
import inspect
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [os.path.join(HERE, "..", "standin"), os.path.join(HERE, "..", "convert")]

import numpy as np  # noqa: E402
import torch  # noqa: E402

import numeric_files  # noqa: E402
import roundtrip  # noqa: E402
import roundtrip_cases  # noqa: E402
import run_conversions  # noqa: E402
import standin_cases  # noqa: E402
from flax import nnx  # noqa: E402

PYTHON = "/usr/bin/python3"
TORCHVISION = "/usr/lib/python3/dist-packages/torchvision/models"

# label pattern (fnmatch) -> the reason, a part of what swhost or the check says
KNOWN_FAILURES = {
    "keras weight_norm.*": "which the Keras 3 adapter has no place for (its traits' [weights.wrapper.weight_norm])",
}


class CaseError(Exception):
    pass


def run(command):
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise CaseError((result.stderr or result.stdout).strip().splitlines()[0])
    return result


def write_script(swhost, model, selector, arguments, source, target, out, shapes=()):
    """`shapes`: the forward's input shapes, which show the Linear layers fed an image flattened."""
    command = [swhost, "weights", model, "--source", source, "--target", target, "--out", out] + selector
    if arguments:
        command += ["--args", arguments]
    for shape in shapes:
        command += ["--input-shape", ",".join(str(size) for size in shape)]
    run(command)


def random_state(model, seed):
    """The model's state_dict with every float tensor drawn anew (variances positive); names of
    one tensor (tied parameters) keep sharing it."""
    generator = torch.Generator().manual_seed(seed)
    state = model.state_dict()
    drawn = {}  # the original's storage and shape -> the fresh tensor
    for key, value in state.items():
        if value.is_floating_point():
            storage = (value.data_ptr(), tuple(value.shape)) if value.numel() else key
            if storage not in drawn:
                fresh = torch.randn(value.shape, generator=generator, dtype=value.dtype)
                drawn[storage] = fresh.abs() + 0.5 if key.endswith("running_var") else fresh
            state[key] = drawn[storage]
    return state


def same_state(expected, actual):
    if list(expected) != list(actual):
        missing = [k for k in expected if k not in actual]
        extra = [k for k in actual if k not in expected]
        return "keys differ (missing %s, extra %s, or another order)" % (missing[:3], extra[:3])
    for key, value in expected.items():
        other = actual[key]
        if value.dtype != other.dtype or value.shape != other.shape or not torch.equal(value, other):
            return "%s differs" % key
    return None


def folded(state, model):
    """The state a Flax NNX LSTMCell or a Keras LSTM gives back: each keeps one bias, the sum of
    PyTorch's two, which comes back as bias_ih with bias_hh zeros (docs/weights.md)."""
    original, state = state, dict(state)
    for path, layer in model.named_modules():
        if isinstance(layer, torch.nn.LSTM) and layer.bias:
            prefix = path + "." if path else ""
            for suffix in ("_l%d%s" % (n, d) for n in range(layer.num_layers) for d in ("", "_reverse")):
                if prefix + "bias_ih" + suffix in state:
                    state[prefix + "bias_ih" + suffix] = state[prefix + "bias_ih" + suffix] + state[prefix + "bias_hh" + suffix]
                    state[prefix + "bias_hh" + suffix] = torch.zeros_like(state[prefix + "bias_hh" + suffix])
    return state if any(state[key] is not original[key] for key in state) else original


def read_archive(path):
    """The tensors of an .npz or a Keras .weights.h5 checkpoint, by name."""
    if path.endswith(".npz"):
        with np.load(path) as archive:
            return {key: archive[key] for key in archive.files}
    import h5py
    tensors = {}
    with h5py.File(path, "r") as handle:
        handle.visititems(lambda name, item: tensors.__setitem__(name, item[()]) if isinstance(item, h5py.Dataset)
                          else None)
    return tensors


def same_archive(first, second):
    """Two .npz or .weights.h5 checkpoints hold the same names, dtypes and bytes."""
    a, b = read_archive(first), read_archive(second)
    if sorted(a) != sorted(b):
        return "the names differ"
    for key, value in a.items():
        if value.dtype != b[key].dtype or value.shape != b[key].shape or value.tobytes() != b[key].tobytes():
            return "%s differs" % key
    return None


def same_values(expected, actual):
    """The same names and values, integers of the same kind (JAX keeps int64 as int32)."""
    if sorted(expected) != sorted(actual):
        return "the names differ: %s" % sorted(set(expected) ^ set(actual))[:4]
    for key, value in expected.items():
        other = actual[key]
        if value.dtype.kind != other.dtype.kind or value.shape != other.shape or not np.array_equal(value, other):
            return "%s differs" % key
    return None


def round_trip(scripts, temp, original_path, middle):
    """original -> middle -> back through two scripts; the state that comes back."""
    there, back = scripts
    middle_path = os.path.join(temp, middle)
    back_path = os.path.join(temp, "back.pt")
    run([PYTHON, there, original_path, middle_path])
    run([PYTHON, back, middle_path, back_path])
    return middle_path, torch.load(back_path, weights_only=True)


def checkpointed(value):
    """A Flax checkpoint holds the nnx.Param and nnx.BatchStat variables (docs/weights.md), not a
    plain nnx.Variable such as a call counter."""
    return isinstance(value, (nnx.Param, nnx.BatchStat))


def checkpointed_variables(module):
    """(nnx.state path '/'-joined, variable) of a stand-in Flax module: its modules' attributes,
    the items of an nnx.List or nnx.Dict of variables (`extras/0`), and the scales of an
    nnx.WeightNorm (`fc1/scales/kernel`, as the scripts' load_into and save_from spell them)."""
    def held(value, path):
        if checkpointed(value):
            yield "/".join(str(part) for part in path), value
        elif isinstance(value, (list, tuple)):
            for index, item in enumerate(value):
                yield from held(item, path + (index,))
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from held(item, path + (key,))
    for path, layer in module.iter_modules():
        for name, value in vars(layer).items():
            yield from held(value, path + (name,))
        if isinstance(layer, nnx.WeightNorm):  # its scales: plain arrays keyed by the kernel's path
            for key, scale in (layer.scales or {}).items():
                yield "/".join(str(part) for part in path + ("scales",) + key), nnx.Variable(scale)


def flax_variables(module):
    """nnx.state paths ('/'-joined) -> shape, of a stand-in Flax module."""
    return {path: tuple(variable.value.shape) for path, variable in checkpointed_variables(module)}


def check_flax(converted_file, case, arguments, checkpoint, torch_model, scripts):
    """The Flax checkpoint against the converted model: names, shapes, then its output, loaded
    by the load_into of the script that wrote it; the model saved by the save_from of the
    script back must hold the same tensors."""
    file_name, name, inputs = case
    converted = numeric_files.load(converted_file, "flax_" + file_name[:-3])
    flax_model = getattr(converted, name)(*arguments, rngs=nnx.Rngs(0))
    declared = flax_variables(flax_model)
    tensors = read_archive(checkpoint)
    if {k: v.shape for k, v in tensors.items()} != declared:
        differ = sorted(set(declared.items()) ^ {(k, v.shape) for k, v in tensors.items()})
        raise CaseError("the Flax checkpoint differs from the converted model's variables: %s" % differ[:4])
    numeric_files.load(scripts[0], "to_flax").load_into(flax_model, checkpoint)
    saved = os.path.join(os.path.dirname(checkpoint), "saved.npz")
    numeric_files.load(scripts[1], "from_flax").save_from(flax_model, saved)
    problem = same_values(tensors, read_archive(saved))
    if problem:
        raise CaseError("the Flax model loaded by load_into and saved by save_from: " + problem)
    flax_model.eval()
    image = (file_name, name) in standin_cases.IMAGE_CASES
    values = [roundtrip_cases.make_input(spec, np.random.default_rng(0)) for spec in inputs]
    values = [v.float() if v.is_floating_point() else v for v in values]
    with torch.no_grad():
        expected = run_conversions.from_torch(torch_model(*values))
    actual = flax_model(*[run_conversions.to_flax(v, image) for v in values])
    problem = run_conversions.compare(expected, run_conversions.from_flax(actual, image))
    if problem:
        raise CaseError("the Flax model with the migrated weights computes otherwise: " + problem)


def check_round_tripped_code(back_file, case, arguments, back_state, torch_model):
    """The model's code converted PyTorch -> Flax NNX -> PyTorch, loaded (strict) with the
    checkpoint migrated PyTorch -> Flax NNX -> PyTorch, computes the original's output (rtol
    1e-4, tests/convert/roundtrip.py)."""
    file_name, name, inputs = case
    module = numeric_files.load(back_file, "back_" + file_name[:-3])
    model = getattr(module, name)(*arguments)
    model.load_state_dict(back_state, strict=True)
    model.eval()
    values = [roundtrip_cases.make_input(spec, np.random.default_rng(0)) for spec in inputs]
    values = [v.float() if v.is_floating_point() else v for v in values]
    with torch.no_grad():
        problem = roundtrip.compare(roundtrip.as_numpy(torch_model(*values)), roundtrip.as_numpy(model(*values)))
    if problem:
        raise CaseError("the round-tripped code with the twice-migrated weights computes otherwise: " + problem)


def leaf_weights(model):
    """Recomputes the weight of each layer torch.nn.utils.weight_norm wraps without autograd: the
    one it computed when built is not a leaf tensor, which copy.deepcopy refuses."""
    from torch.nn.utils.weight_norm import WeightNorm
    with torch.no_grad():
        for layer in model.modules():
            for hook in layer._forward_pre_hooks.values():
                if isinstance(hook, WeightNorm):
                    hook(layer, None)


def check_model(swhost, model_file, selector, arguments, torch_model, temp, outcomes, label, flax_check=None,
                code_check=None, shapes=()):
    original = os.path.join(temp, "original.pt")
    state = random_state(torch_model, 0)
    torch.save(state, original)
    torch_model.load_state_dict(state)
    torch_model.eval()
    leaf_weights(torch_model)
    # each check runs its own copy: a forward pass may update the model's state (module_state)
    fresh = lambda: copy.deepcopy(torch_model)  # noqa: E731
    for target, middle in (("flax", "middle.npz"), ("keras", "middle.weights.h5")):
        case = label if target == "flax" else "keras " + label
        try:
            scripts = (os.path.join(temp, "to_%s.py" % target), os.path.join(temp, "from_%s.py" % target))
            write_script(swhost, model_file, selector, arguments, "torch", target, scripts[0], shapes)
            write_script(swhost, model_file, selector, arguments, target, "torch", scripts[1], shapes)
            middle_path, back = round_trip(scripts, temp, original, middle)
            expected = folded(state, torch_model)
            problem = same_state(expected, back)
            if problem is None and expected is not state:  # folded: Flax -> PyTorch -> Flax is exact
                again = os.path.join(temp, "again" + middle[middle.index("."):])
                run([PYTHON, scripts[0], os.path.join(temp, "back.pt"), again])
                problem = same_archive(middle_path, again)
            if problem is None and target == "flax" and flax_check is not None:
                flax_check(middle_path, fresh(), scripts)
            outcomes[case] = problem
            if target == "flax" and code_check is not None:
                outcomes["code " + label] = problem or code_check(back, fresh())
        except (CaseError, Exception) as error:  # a crash of the check is a failure too
            outcomes[case] = str(error) if isinstance(error, CaseError) else run_conversions.reason(error)


def test_models(swhost, models, temp, outcomes, only=()):
    converted_dir = os.path.join(temp, "flax_models")
    run_conversions.convert(swhost, os.path.join(models, "torch"), converted_dir)
    back_dir = os.path.join(temp, "back_models")  # the code's round trip
    roundtrip.convert(swhost, converted_dir, "flax", "torch", back_dir)
    for file_name, cases in sorted(roundtrip_cases.TORCH_MODELS.items()):
        if only and not any(fnmatch.fnmatchcase(file_name, pattern) for pattern in only):
            continue
        model_file = os.path.join(models, "torch", file_name)
        module = numeric_files.load(model_file, "torch_" + file_name[:-3])
        for name, arguments, inputs in cases:
            if arguments is None:
                continue  # a function: no weights
            label = "%s.%s%s" % (file_name[:-3], name, tuple(arguments))
            kind = "--class" if inspect.isclass(getattr(module, name)) else "--builder"
            torch.manual_seed(0)
            torch_model = getattr(module, name)(*arguments)
            text = ", ".join(repr(a) for a in arguments)

            def flax_check(checkpoint, model, scripts, case=(file_name, name, inputs), arguments=arguments):
                check_flax(os.path.join(converted_dir, file_name), case, arguments, checkpoint, model, scripts)
            def code_check(back_state, model, case=(file_name, name, inputs), arguments=arguments):
                try:
                    check_round_tripped_code(os.path.join(back_dir, file_name), case, arguments, back_state, model)
                except Exception as error:  # the round-tripped code may not load or run
                    return str(error) if isinstance(error, CaseError) else run_conversions.reason(error)
                return None
            check_model(swhost, model_file, [kind, name], text, torch_model, temp, outcomes, label, flax_check,
                        code_check, [spec[1] for spec in inputs])


def torchvision_builders(swhost, temp, outcomes, chosen):
    import torchvision.models as models
    for name in chosen or models.list_models(module=models):
        family = models.get_model_builder(name).__module__.split(".")[-1]
        model_file = os.path.join(TORCHVISION, family + ".py")
        label = "torchvision %s:%s" % (family, name)
        probe = os.path.join(temp, "probe.py")
        try:  # the cheap part first: builders swhost cannot read need no model built
            write_script(swhost, model_file, ["--builder", name], "", "torch", "flax", probe)
        except CaseError as error:
            outcomes[label] = str(error)
            continue
        torch.manual_seed(0)
        check_model(swhost, model_file, ["--builder", name], "", models.get_model(name), temp, outcomes, label)


def one_class(swhost, model_file, name, temp, outcomes):
    module = numeric_files.load(model_file, "torch_one_class")
    torch.manual_seed(0)
    label = "%s:%s" % (os.path.basename(os.path.dirname(model_file)), name)
    check_model(swhost, model_file, ["--class", name], "", getattr(module, name)(), temp, outcomes, label)


def known_failure(label):
    return next((reason for pattern, reason in KNOWN_FAILURES.items() if fnmatch.fnmatchcase(label, pattern)), None)


def report(outcomes):
    unexpected = []
    for label, problem in sorted(outcomes.items()):
        known = known_failure(label)
        if problem is None:
            print("ok       %s" % label)
            if known:
                unexpected.append("%s passes but is listed in KNOWN_FAILURES" % label)
        elif known and known in problem:
            print("known    %s: %s" % (label, problem))
        else:
            print("FAILED   %s: %s" % (label, problem))
            unexpected.append("%s: %s" % (label, problem))
    return unexpected


def main():
    one = len(sys.argv) == 5 and sys.argv[3] == "--class"
    only = sys.argv[4:] if len(sys.argv) > 4 and sys.argv[3] == "--only" else ()
    if len(sys.argv) < 3 or (len(sys.argv) > 3 and sys.argv[3] != "--torchvision" and not one and not only):
        sys.exit(__doc__)
    swhost, models = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    start = time.time()
    outcomes = {}
    with tempfile.TemporaryDirectory(prefix="swweights-") as temp:
        if one:
            one_class(swhost, models, sys.argv[4], temp, outcomes)
        elif len(sys.argv) > 3 and not only:
            torchvision_builders(swhost, temp, outcomes, sys.argv[4:])
        else:
            test_models(swhost, models, temp, outcomes, only)
    unexpected = report(outcomes)
    passed = sum(problem is None for problem in outcomes.values())
    print("\n%d of %d round trips bit-identical, %.0f s" % (passed, len(outcomes), time.time() - start))
    if unexpected:
        print("\nunexpected:\n" + "\n".join(unexpected))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
