#!/usr/bin/python3
"""Numeric equivalence of the torch and numpy spokes: for every abstract op that both map with
verify = "numeric", build random inputs from the hub's argument kinds and domains, call PyTorch
and NumPy through their mappings exactly as the host read them (renames, positional arguments,
*args, value remaps, injected arguments, defaults made explicit, result selection), and compare
the results. Each op runs with its required arguments only, again with its optional axis
arguments set (axis=1, keepdims=True) where it has them, and once more for each optional bool,
number or axis argument changed from its default (NOT_VARIED lists the few left out, and why).

usage: numeric_equivalence.py SWHOST BUILD_DIR
Prints one line per failure and, last, the number of ops verified.
"""
import ast
import importlib
import sys

import numpy
import torch

from kb_common import load_matrix

RTOL, ATOL = 1e-5, 1e-6
BASE = (4, 6)


class Skip(Exception):
    """The case cannot be expressed through this mapping (e.g. a dropped argument is set)."""


def make_tensor(rng, domain):
    if domain == "positive":
        return rng.uniform(0.5, 2.0, BASE)
    if domain == "nonnegative":
        return rng.uniform(0.0, 2.0, BASE)
    if domain == "unit":
        return rng.uniform(-0.9, 0.9, BASE)
    if domain == "above1":
        return rng.uniform(1.1, 3.0, BASE)
    if domain == "nonzero":
        return rng.uniform(0.5, 2.0, BASE) * rng.choice([-1.0, 1.0], BASE)
    if domain == "probability":
        return rng.uniform(0.05, 0.95, BASE)
    if domain == "integer":
        return rng.integers(1, 20, BASE)
    if domain == "bool":
        return rng.random(BASE) > 0.5
    if domain == "index":
        return rng.integers(0, BASE[1], BASE)
    if domain == "matrix":
        return rng.normal(size=(4, 4))
    if domain == "spd":
        a = rng.normal(size=(4, 4))
        return a @ a.T + 4 * numpy.eye(4)
    if domain == "vector":
        return rng.normal(size=(6,))
    if domain == "vec3":
        return rng.normal(size=(4, 3))
    if domain == "sorted":
        return numpy.sort(rng.normal(size=(8,)))
    if domain:
        raise ValueError("no test values for domain '%s'" % domain)
    return rng.normal(size=BASE)


# Required non-tensor arguments get values that fit BASE-shaped tensors.
REQUIRED_VALUES = {
    "axis": 1, "axes": (1,), "int": 2, "float": 0.3, "number": 1.5, "bool": True,
    "shape": (2, 4, 6), "ints": (2, 1), "any": [[1.0, 2.0], [3.0, 4.0]], "dtype": "float32",
}
# Arguments whose value depends on the op, not only on its kind.
SPECIAL_VALUES = {
    ("einsum", "subscripts"): "ij,jk->ik",
    ("unflatten", "sizes"): (2, 3),
    ("split_sizes", "sizes"): [1, 3],
    ("moveaxis", "destination"): (0,),
    ("clip", "min"): -0.5,
    ("roll", "shift"): 1,
    ("linspace", "num"): 5,
    ("logspace", "num"): 5,
    ("fftfreq", "n"): 8,
    ("rfftfreq", "n"): 8,
    ("eye", "n"): 3,
    ("index_select", "indices"): numpy.array([0, 2, 1]),
    ("bincount", "input"): numpy.array([0, 1, 1, 3, 2, 1, 7]),
    ("squeeze", "input"): numpy.arange(24.0).reshape(4, 1, 6),
    ("identity_matrix", "n"): 3,
}


def make_values(op, rng, with_axis):
    values = {}
    for argument in op["args"]:
        name, kind = argument["name"], argument["kind"]
        special = SPECIAL_VALUES.get((op["op"], name))
        if argument.get("variadic"):
            if kind == "tensor" and op["op"] == "einsum":
                values[name] = [rng.normal(size=(4, 3)), rng.normal(size=(3, 5))]
            elif kind == "tensor" and op["op"] == "meshgrid":
                values[name] = [rng.normal(size=(3,)), rng.normal(size=(4,))]
            elif kind == "tensor":
                values[name] = [make_tensor(rng, None), make_tensor(rng, None)[:1]]
            else:
                values[name] = [4, 6] if op["op"] != "permute" else [1, 0]
            continue
        if special is not None:
            values[name] = special
        elif "default" in argument:
            if with_axis and name == "axis" and argument["default"] in ("None", "0", "-1"):
                values[name] = 1
            elif with_axis and name == "keepdims":
                values[name] = True
        elif kind == "tensor":
            values[name] = make_tensor(rng, argument.get("domain"))
        elif kind == "tensors":
            values[name] = [make_tensor(rng, None), make_tensor(rng, None)]
        else:
            values[name] = REQUIRED_VALUES[kind]
    return values


def resolve(api):
    parts = api.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            target = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for part in parts[cut:]:
            target = getattr(target, part)
        return target
    raise Skip("cannot import '%s'" % api)


def literal(text):
    return eval(text, {"numpy": numpy, "torch": torch, "inf": float("inf")})  # noqa: S307


def convert(value, kind, framework):
    def one(item):
        if isinstance(item, numpy.ndarray) and framework == "torch":
            return torch.from_numpy(item)
        return item
    if kind == "dtype":
        return getattr(torch if framework == "torch" else numpy, value)
    if kind == "tensors" or (isinstance(value, list) and value and isinstance(value[0], numpy.ndarray)):
        return [one(item) for item in value]
    return one(value)


def call(op, mapping, values, framework):
    kinds = {argument["name"]: argument for argument in op["args"]}

    def framework_value(name, value):
        transform = mapping.get("transform", {}).get(name)
        if transform and not isinstance(value, numpy.ndarray):
            return literal(transform["write"].replace("{}", repr(value)))
        remap = mapping.get("values", {}).get(name, {})
        for hub_text, framework_text in remap.items():
            if not isinstance(value, numpy.ndarray) and literal(hub_text) == value:
                return literal(framework_text)
        return convert(value, kinds[name]["kind"], framework)

    present = dict(values)
    for name, text in mapping.get("defaults", {}).items():
        if name not in present and "default" in kinds[name]:
            present[name] = literal(kinds[name]["default"])  # make the hub default explicit
    for name in mapping.get("required", []):
        present.setdefault(name, literal(kinds[name]["default"]))  # the API has no default
    for name, needed in mapping.get("needs", {}).items():
        if name in present:
            for other in needed:
                present.setdefault(other, literal(kinds[other]["default"]))
    for name in mapping.get("drop", []):
        if name in present and present[name] != literal(kinds[name]["default"]):
            raise Skip("'%s' is dropped by the %s mapping" % (name, framework))
    receiver = mapping.get("self")
    if mapping["kind"] == "identity":
        return framework_value(receiver, present[receiver])
    args, kwargs = [], {}
    for name in mapping.get("positional", []):
        if name not in present:
            break
        args.append(framework_value(name, present[name]))
    varargs = mapping.get("varargs")
    if varargs and varargs in present:
        args.extend(framework_value(varargs, item) if kinds[varargs]["kind"] != "tensor"
                    else convert(item, "tensor", framework) for item in present[varargs])
    packed = {m for members in mapping.get("pack", {}).values() for m in members}
    skip = set(mapping.get("positional", [])) | {receiver, varargs} | set(mapping.get("drop", []))
    skip |= packed | set(mapping.get("fixed", {}))
    for name, value in present.items():
        if name not in skip:
            kwargs[mapping.get("args", {}).get(name, name)] = framework_value(name, value)
    for name, parameters in mapping.get("also", {}).items():
        if name in present:
            kwargs.update((parameter, framework_value(name, present[name])) for parameter in parameters)
    for parameter, members in mapping.get("pack", {}).items():
        kwargs[parameter] = tuple(present[m] for m in members)
    for parameter, expression in mapping.get("inject", {}).items():
        scope = {"numpy": numpy, "torch": torch}
        for name, value in present.items():
            scope["_" + name] = framework_value(name, value)
            expression = expression.replace("{%s}" % name, "_" + name)
        kwargs[parameter] = eval(expression, scope)  # noqa: S307
    short = mapping["api"].rsplit(".", 1)[1]
    if mapping["kind"] == "property":
        return getattr(framework_value(receiver, present[receiver]), short)
    if mapping["kind"] == "method":
        return getattr(framework_value(receiver, present[receiver]), short)(*args, **kwargs)
    return resolve(mapping["api"])(*args, **kwargs)


def to_numpy(value):
    if isinstance(value, torch.Tensor):
        return value.detach().resolve_conj().resolve_neg().numpy()
    if isinstance(value, (list, tuple)) and not hasattr(value, "_fields"):
        return [to_numpy(item) for item in value]
    return numpy.asarray(value)


def results_of(op, mapping, value):
    names = [result["name"] for result in op["results"]]
    selected = mapping.get("results") or names[:1]
    if len(selected) == 1 and len(names) <= 1:
        return {selected[0]: to_numpy(value)}
    return {name: to_numpy(part) for name, part in zip(selected, value) if name != "_"}


def same(left, right):
    if isinstance(left, list) or isinstance(right, list):
        return (isinstance(left, list) and isinstance(right, list) and len(left) == len(right)
                and all(same(a, b) for a, b in zip(left, right)))
    left, right = numpy.asarray(left), numpy.asarray(right)
    if left.shape != right.shape:
        return False
    if left.dtype == bool or right.dtype == bool:
        return bool(numpy.array_equal(left, right))
    return bool(numpy.allclose(left.astype(complex), right.astype(complex), RTOL, ATOL,
                               equal_nan=True))


# (op, argument) pairs whose changed value the optional-argument case does not try, and why.
NOT_VARIED = {
    ("arange", "stop"): "the changed stop lies below the generated start",
    ("cross", "axis"): "only the last axis of the generated inputs has 3 components",
    ("diagonal", "axis1"): "the changed axis equals axis2",
    ("diagonal", "axis2"): "the changed axis equals axis1",
    ("squeeze", "axis"): "axis 0 of the generated input is not of size 1",
    ("matrix_norm", "axis"): "the hub takes a pair of axes here",
    ("vector_norm", "ord"): "numpy.linalg.norm takes a 2-D input as a matrix (the mapping's note)",
    ("prod", "keepdims"): "PyTorch 1.13 takes keepdim only with an int dim (the mapping's note)",
    ("all", "keepdims"): "PyTorch 1.13 takes keepdim only with an int dim (the mapping's note)",
    ("any", "keepdims"): "PyTorch 1.13 takes keepdim only with an int dim (the mapping's note)",
}


def changed_value(argument):
    """A value other than the hub default for an optional bool, number or axis argument."""
    try:
        default = ast.literal_eval(argument["default"])
    except (ValueError, SyntaxError):
        return None
    kind = argument["kind"]
    if kind == "bool":
        return True if default is None else not default
    if kind == "int":
        return default + 1 if isinstance(default, int) else 1
    if kind in ("float", "number"):
        return default * 0.5 + 0.25 if isinstance(default, (int, float)) else 0.5
    if kind in ("axis", "axes"):
        return 1 if default in (0, (0,)) else 0
    return None


def cases(op, rng):
    """(description, hub values): required arguments only; axis=1 and keepdims=True; then each
    optional bool, number or axis argument changed from its default on its own."""
    yield "", make_values(op, rng, False)
    if any(a["name"] in ("axis", "keepdims") and "default" in a for a in op["args"]):
        yield " with axis arguments", make_values(op, rng, True)
    for argument in op["args"]:
        if "default" not in argument or argument.get("variadic"):
            continue
        if (op["op"], argument["name"]) in NOT_VARIED:
            continue
        value = changed_value(argument)
        if value is not None:
            values = make_values(op, rng, False)
            values[argument["name"]] = value
            yield " with %s=%r" % (argument["name"], value), values


def verify(op, torch_mapping, numpy_mapping, rng):
    """None when every case that both mappings can express agrees, else what differs."""
    ran = 0
    for description, values in cases(op, rng):
        try:
            expected = results_of(op, numpy_mapping, call(op, numpy_mapping, values, "numpy"))
            actual = results_of(op, torch_mapping, call(op, torch_mapping, values, "torch"))
        except Skip:
            continue
        shared = set(expected) & set(actual)
        if not shared:
            return "the mappings share no result"
        for name in sorted(shared):
            if not same(expected[name], actual[name]):
                return "result '%s' differs%s:\n  numpy: %r\n  torch: %r" % (
                    name, description, expected[name], actual[name])
        ran += 1
    CASES_RUN[0] += ran
    return None if ran else "no case could be run"


CASES_RUN = [0]


def run(op, torch_mapping, numpy_mapping):
    try:
        return verify(op, torch_mapping, numpy_mapping, numpy.random.default_rng(7))
    except Exception as error:  # a mapping that raises is a failed mapping
        return "%s: %s" % (type(error).__name__, error)


def numeric_claims(mappings):
    """(label, framework, mapping) of every spelling that says verify = "numeric"."""
    claims = []
    for framework in ("torch", "numpy"):
        primary = mappings.get(framework)
        if primary is None:
            continue
        for mapping in [primary] + primary.get("alternatives", []):
            if mapping["verify"] == "numeric":
                label = framework + ("/" + mapping["form"] if mapping.get("form") else "")
                claims.append((label, framework, mapping))
    return claims


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    matrix = load_matrix(*sys.argv[1:])
    torch.set_default_dtype(torch.float64)
    failures, verified, alternatives = [], [], 0
    for op in matrix["ops"]:
        claims = numeric_claims(op["mappings"])
        if not claims:
            continue
        primaries = {framework: mapping for label, framework, mapping in claims
                     if label == framework}
        if len(primaries) < 2:
            for label, framework, mapping in claims:
                other = "numpy" if framework == "torch" else "torch"
                failures.append("%s: the %s mapping says verify = \"numeric\", but there is no "
                                "numeric %s mapping to run it against" % (op["op"], label, other))
            continue
        problem = run(op, primaries["torch"], primaries["numpy"])
        if problem:
            failures.append("%s: %s" % (op["op"], problem))
            continue
        verified.append(op["op"])
        for label, framework, mapping in claims:
            if label == framework:
                continue
            pair = ((mapping, primaries["numpy"]) if framework == "torch"
                    else (primaries["torch"], mapping))
            problem = run(op, *pair)
            if problem:
                failures.append("%s (%s): %s" % (op["op"], label, problem))
            else:
                alternatives += 1
    for failure in failures:
        print("FAIL " + failure)
    print("numeric: %d ops verified torch <-> numpy, and %d alternative spellings (%d cases); "
          "%d failed" % (len(verified), alternatives, CASES_RUN[0], len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
