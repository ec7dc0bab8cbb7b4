"""The worker of `swhost ci`: runs every case of a job in each framework and compares.

usage: PYTHON worker.py JOB_FILE
       PYTHON worker.py --describe NAME   (for `swhost suggest`: NAME is `a.b.f` or `a.b.*`)

The job (written by swhost, host/ci/ci_job.cpp) holds Python text only: per framework how an
array is made from Python data (`asarray`) and read back (`tolist`), and per hub op each case
written through each spelling exactly as a conversion writes it. This file knows no framework:
it imports the modules the texts name, binds tensors generated from the hub's domains to the
variables the texts use (`_input`), evaluates, and compares the results as Python lists.

Each case is run on several seeded draws: the canonical shape (4, 6) in float64, random shapes,
float32, edge values (zeros, halves, large and tiny numbers), a broadcast second operand, an
empty first axis, and special values (signed zeros, NaN and infinities where the domain allows).
A mismatch is shrunk to the smallest input that still disagrees; a disagreement on special
values only is noted in the record, not counted as a mismatch. One JSON object a line goes to standard output: the frameworks that
import, then one line per op.
"""
import ast
import importlib
import json
import math
import os
import random
import sys
import traceback
import types
import warnings

from ci_describe import describe

# (relative, absolute) tolerance of a comparison, by the loosest dtype among a draw's inputs.
TOLERANCES = {"float64": (1e-6, 1e-9), "float32": (1e-4, 1e-5), "int64": (1e-6, 1e-9),
              "bool": (1e-6, 1e-9)}
# What a draw without float inputs is compared with: frameworks differ in their default float.
DEFAULT_TOLERANCE = TOLERANCES["float32"]
STYLES = ("canonical", "random", "random", "float32", "edge", "broadcast", "empty", "special")
EDGE_VALUES = (0.0, 1.0, -1.0, 0.5, -0.5, 1.5, -2.5, 1e-8, 1e6, -1e6)
# Where frameworks may legitimately differ (the sign of a zero result, which NaN or infinity an
# algorithm ends with): disagreements on draws with these are noted, not failures.
SPECIAL_VALUES = (-0.0, float("nan"), float("inf"), float("-inf"))
SHRINK_BUDGET = 300


class Framework:
    """A framework as the job spells it: its modules imported (from its stand-in's folder where
    it has one), its array conversions compiled."""

    def __init__(self, name, entry, stand_ins):
        self.name = name
        self.problem = entry.get("unusable")
        self.stand_in = entry.get("stand_in")
        self.scope = {}
        if self.problem:
            return
        if self.stand_in and self.stand_in not in sys.path:
            sys.path.insert(0, self.stand_in)
        for api in entry["apis"]:
            self.problem = self.problem or import_for(api, self.scope)
        self.problem = self.problem or origin_problem(self.scope, self.stand_in, stand_ins)
        if self.problem:
            return
        self.asarray = {dtype: compile(text, "<asarray>", "eval")
                        for dtype, text in entry["asarray"].items()}
        self.tolist = compile(entry["tolist"], "<tolist>", "eval")
        self.widest_float = "float64"
        try:
            if self.plain(self.array([1 / 3], "float64")) != [1 / 3]:
                self.widest_float = "float32"  # 64-bit data is kept in 32 bits by default
        except Exception:  # noqa: BLE001 -- the ops' own runs report what fails
            pass

    def array(self, data, dtype):
        return eval(self.asarray[dtype], self.scope, {"_data": data})  # noqa: S307

    def plain(self, value, depth=0):
        """A result as Python numbers and lists."""
        if value is None or isinstance(value, (bool, int, float, complex, str)):
            return value
        if isinstance(value, (list, tuple)):
            return [self.plain(item, depth) for item in value]
        if depth > 2:
            raise TypeError("cannot read a %s as Python values" % type(value).__name__)
        return self.plain(eval(self.tolist, self.scope, {"_value": value}), depth + 1)  # noqa: S307


def import_for(api, scope):
    """Imports the modules a qualified name lies in; a message when its package is missing."""
    parts = api.split(".")
    try:
        scope[parts[0]] = importlib.import_module(parts[0])
    except Exception as error:  # noqa: BLE001 -- any failure makes the framework unusable
        return "cannot import '%s': %s" % (parts[0], error)
    for end in range(2, len(parts)):
        try:
            importlib.import_module(".".join(parts[:end]))
        except Exception:  # noqa: BLE001 -- an attribute, not a module: the rest is attributes
            break
    return None


def origin_problem(scope, stand_in, stand_ins):
    """Why the imported modules are not the ones meant: what a stand-in's folder holds must come
    from there, and no other framework's modules may."""
    for root, module in sorted(scope.items()):
        where = os.path.abspath(getattr(module, "__file__", None) or "")
        inside = [folder for folder in stand_ins if where.startswith(folder + os.sep)]
        provided = stand_in and any(os.path.exists(os.path.join(stand_in, name))
                                    for name in (root, root + ".py"))
        if provided and stand_in not in inside:
            return "'%s' was imported from %s, not from its stand-in in %s" % (root, where, stand_in)
        if not stand_in and inside:
            return "'%s' was imported from the stand-in in %s" % (root, inside[0])
    return None


def missing_name(text, scope):
    """The first qualified name of a call's text (`package.module.function`) that its modules
    lack."""
    for node in ast.walk(ast.parse(text, mode="eval")):
        parts = []
        while isinstance(node, ast.Attribute):
            parts.insert(0, node.attr)
            node = node.value
        if not parts or not isinstance(node, ast.Name) or node.id not in scope:
            continue
        value = scope[node.id]
        for index, part in enumerate(parts):
            if not isinstance(value, types.ModuleType):
                break
            if not hasattr(value, part):
                return ".".join([node.id] + parts[:index + 1])
            value = getattr(value, part)
    return None


# ---- inputs ----

def element(rng, domain, style):
    if domain in ("positive", "spd", "matrix", "vector", "vec3", "sorted", ""):
        if domain == "positive":
            return rng.uniform(0.5, 2.0) if style != "edge" else rng.choice((0.5, 1.0, 1.5, 2.0))
        if style == "special" and domain == "":
            return rng.choice(SPECIAL_VALUES if rng.random() < 0.3 else EDGE_VALUES)
        if style in ("edge", "special"):
            return rng.choice(EDGE_VALUES[:8])
        return rng.gauss(0.0, 1.0)
    if domain == "nonnegative":
        return rng.choice((0.0, 0.5, 1.0, 2.0)) if style == "edge" else rng.uniform(0.0, 2.0)
    if domain == "unit":
        return rng.choice((0.0, -0.5, 0.5, 0.9)) if style == "edge" else rng.uniform(-0.9, 0.9)
    if domain == "above1":
        return rng.uniform(1.1, 3.0)
    if domain == "nonzero":
        return rng.uniform(0.5, 2.0) * rng.choice((-1.0, 1.0))
    if domain == "probability":
        return rng.uniform(0.05, 0.95)
    if domain == "integer":
        return rng.randint(1, 19)
    if domain == "bool":
        return rng.random() > 0.5
    if domain == "complex":
        return complex(rng.gauss(0.0, 1.0), rng.gauss(0.0, 1.0))
    raise ValueError("no test values for domain '%s'" % domain)


def dtype_of(domain, style):
    if domain in ("integer", "index"):
        return "int64"
    if domain == "bool":
        return "bool"
    if domain == "complex":
        return "complex128"
    return "float32" if style == "float32" else "float64"


def filled(rng, shape, make):
    if not shape:
        return make()
    return [filled(rng, shape[1:], make) for _ in range(shape[0])]


def tensor(rng, domain, shape, style, index_bound):
    """(data, dtype) of one tensor of `shape` in `domain`."""
    if domain == "spd":
        size = shape[-1]
        a = [[rng.gauss(0.0, 1.0) for _ in range(size)] for _ in range(size)]
        data = [[sum(a[i][k] * a[j][k] for k in range(size)) + (4.0 if i == j else 0.0)
                 for j in range(size)] for i in range(size)]
        return data, "float64" if style != "float32" else "float32"
    if domain == "index":
        return filled(rng, shape, lambda: rng.randrange(max(index_bound, 1))), "int64"
    data = filled(rng, shape, lambda: element(rng, domain, style))
    if domain == "sorted":
        data.sort()
    return data, dtype_of(domain, style)


def domain_shape(domain, base):
    rows, columns = base[-2], base[-1]
    if domain in ("matrix", "spd"):
        return (max(columns, 1),) * 2
    if domain in ("vector", "sorted"):
        return (columns,)
    if domain == "vec3":
        return (rows, 3)
    return base


def base_shape(rng, style):
    if style == "canonical":
        return (4, 6)
    if style == "empty":
        return (0, rng.randint(1, 4))
    shape = (rng.randint(1, 5), rng.randint(1, 6))
    return (rng.randint(1, 3),) + shape if rng.random() < 0.25 else shape


def literal(text):
    return eval(text, {"__builtins__": {}}, {})  # noqa: S307 -- the hub's literal examples


def literal_data(data):
    """(data, dtype) of a tensor the hub's example gives as (nested) lists of numbers."""
    def numbers(item):
        return [n for part in item for n in numbers(part)] if isinstance(item, list) else [item]
    return data, "int64" if all(isinstance(n, int) for n in numbers(data)) else "float64"


def draw_inputs(slots, style, rng, broadcast):
    """Variable -> (data, dtype) for every tensor of a case."""
    base = base_shape(rng, style)
    style = style if broadcast or style != "broadcast" else "random"
    inputs = {}
    singles = [slot for slot in slots if slot["form"] == "single" and "example" not in slot]
    for slot in slots:
        domain = slot.get("domain", "")
        example = literal(slot["example"]) if "example" in slot else None
        shapes = []
        for position, variable in enumerate(slot["variables"]):
            if isinstance(example, list) and slot["form"] == "spread":
                shapes.append(tuple(example[position]))
            elif isinstance(example, tuple):
                shapes.append(example)
            elif slot["form"] == "spread" and position > 0:
                shapes.append((1,) + domain_shape(domain, base)[1:])
            elif style == "broadcast" and len(singles) > 1 and slot is singles[-1]:
                shapes.append((1,) + domain_shape(domain, base)[1:])
            else:
                shapes.append(domain_shape(domain, base))
        for position, (variable, shape) in enumerate(zip(slot["variables"], shapes)):
            if isinstance(example, list) and slot["form"] == "single":
                inputs[variable] = literal_data(example)
            elif isinstance(example, list) and slot["form"] == "list":
                inputs[variable] = literal_data(example[position])
            else:
                inputs[variable] = tensor(rng, domain, shape, style, base[-1])
    return inputs


# ---- running and comparing ----

class Spelling:
    def __init__(self, label, entry, framework):
        self.label = label
        self.framework = framework
        self.primary = entry["primary"]
        self.results = entry["results"]
        self.calls = []
        for call in entry["calls"]:
            missing = framework.stand_in and "text" in call and missing_name(call["text"],
                                                                              framework.scope)
            if missing:
                self.calls.append((None, None, "the stand-in in %s has no '%s'" % (
                    framework.stand_in, missing)))
            elif "text" in call:
                self.calls.append((call["text"], compile(call["text"], "<%s>" % label, "eval"),
                                   None))
            else:
                self.calls.append((None, None, call["skipped"]))

    def run(self, case, inputs):
        """The named results of one case on one draw (raises what the framework raises)."""
        framework = self.framework
        variables = {name: framework.array(data, dtype) for name, (data, dtype) in inputs.items()}
        value = eval(self.calls[case][1], framework.scope, variables)  # noqa: S307
        if self.results is None:
            return {"out": framework.plain(value)}
        return {name: framework.plain(part) for name, part in zip(self.results, value)
                if name != "_"}


def close(left, right, rtol, atol):
    if isinstance(left, list) or isinstance(right, list):
        return (isinstance(left, list) and isinstance(right, list) and len(left) == len(right)
                and all(close(a, b, rtol, atol) for a, b in zip(left, right)))
    if isinstance(left, str) or isinstance(right, str) or left is None or right is None:
        return left == right
    if isinstance(left, complex) or isinstance(right, complex):
        left, right = complex(left), complex(right)
        return (close(left.real, right.real, rtol, atol)
                and close(left.imag, right.imag, rtol, atol))
    left, right = float(left), float(right)
    if math.isnan(left) or math.isnan(right):
        return math.isnan(left) and math.isnan(right)
    if math.isinf(left) or math.isinf(right):
        return left == right
    return abs(left - right) <= atol + rtol * abs(right)


def tolerance(inputs, widest="float64"):
    """By the loosest float dtype among the inputs, where `widest` is the widest float both
    frameworks compute in (a framework that keeps 32 bits by default turns float64 data into
    float32 arrays)."""
    dtypes = {dtype for _, dtype in inputs.values() if dtype.startswith("float")}
    dtypes |= {"float64" for _, dtype in inputs.values() if dtype == "complex128"}
    if not dtypes:
        return DEFAULT_TOLERANCE
    return max(TOLERANCES[widest if dtype == "float64" else dtype] for dtype in dtypes)


def widest_float(*spellings):
    return min(spelling.framework.widest_float for spelling in spellings)


def differs(left, right, inputs, widest="float64"):
    """The first result name the two disagree on, or None."""
    shared = sorted(set(left) & set(right))
    if not shared:
        return "(no shared result)"
    rtol, atol = tolerance(inputs, widest)
    for name in shared:
        if not close(left[name], right[name], rtol, atol):
            return name
    return None


def outcome(spelling, case, inputs):
    try:
        return spelling.run(case, inputs), None
    except Exception as error:  # noqa: BLE001 -- what a framework raises is the outcome
        return None, "%s: %s" % (type(error).__name__, str(error).split("\n")[0][:300])


# ---- shrinking a mismatch ----

def shape_of(data):
    shape = []
    while isinstance(data, list):
        shape.append(len(data))
        data = data[0] if data else None
    return tuple(shape)


def cut(data, axis, length):
    if axis == 0:
        return data[:length]
    return [cut(item, axis - 1, length) for item in data]


def smaller_inputs(inputs, broadcast=True):
    """Candidate inputs one step smaller: an axis halved (in every tensor of that shape, then in
    one), then one element set to 0 or rounded."""
    shapes = {name: shape_of(data) for name, (data, _) in inputs.items()}
    for name, shape in shapes.items():
        for axis, length in enumerate(shape):
            if length > 1:
                together = {other: (cut(data, axis, (length + 1) // 2), dtype)
                            if shapes[other] == shape else (data, dtype)
                            for other, (data, dtype) in inputs.items()}
                yield together
                if not broadcast:
                    continue
                alone = dict(inputs)
                alone[name] = (cut(inputs[name][0], axis, (length + 1) // 2), inputs[name][1])
                yield alone
    for name, (data, dtype) in inputs.items():
        if not dtype.startswith("float"):
            continue
        flat_paths = list(paths(data))[:24]
        for path in flat_paths:
            value = get(data, path)
            for simpler in (0.0, float(round(value)) if math.isfinite(value) else 0.0):
                if simpler != value:
                    changed = dict(inputs)
                    changed[name] = (put(data, path, simpler), dtype)
                    yield changed


def paths(data, prefix=()):
    if not isinstance(data, list):
        yield prefix
        return
    for index, item in enumerate(data):
        yield from paths(item, prefix + (index,))


def get(data, path):
    for index in path:
        data = data[index]
    return data


def put(data, path, value):
    if not path:
        return value
    copy = list(data)
    copy[path[0]] = put(data[path[0]], path[1:], value)
    return copy


def shrink(left, right, case, inputs, broadcast):
    """The smallest inputs found on which the two spellings still both run and disagree."""
    budget = SHRINK_BUDGET
    progress = True
    while progress and budget > 0:
        progress = False
        for candidate in smaller_inputs(inputs, broadcast):
            budget -= 1
            if budget <= 0:
                break
            left_result, left_error = outcome(left, case, candidate)
            right_result, right_error = outcome(right, case, candidate)
            if left_error or right_error:
                continue
            if differs(left_result, right_result, candidate, widest_float(left, right)):
                inputs = candidate
                progress = True
                break
    return inputs


# ---- one op ----

class Pair:
    def __init__(self, left, right):
        self.left, self.right = left, right
        self.broadcast = True
        self.cases = self.draws = self.refused_draws = 0
        self.refused = []
        self.error = self.mismatch = self.skipped = self.special = None

    def record(self):
        entry = {"left": self.left.label, "right": self.right.label, "cases": self.cases,
                 "draws": self.draws}
        if self.mismatch:
            entry.update(status="mismatch", example=self.mismatch)
        elif self.error:
            entry.update(status="error", detail=self.error)
        elif self.cases == 0:
            entry.update(status="skipped", detail=self.skipped or (
                "no case ran: " + self.refused[0] if self.refused else "no case could be run"))
        else:
            entry["status"] = "verified"
        if self.refused:
            entry["refused"] = self.refused
        if self.refused_draws:
            entry["refused_draws"] = self.refused_draws
        if self.special and not self.mismatch:
            entry["differs_on_special_values"] = self.special
        return entry


def pairs_of(spellings):
    """Every two primaries, and each other spelling against another framework's primary."""
    primaries = [s for s in spellings if s.primary]
    pairs = [Pair(a, b) for i, a in enumerate(primaries) for b in primaries[i + 1:]]
    for spelling in spellings:
        if spelling.primary:
            continue
        partner = next((p for p in primaries if p.framework is not spelling.framework), None)
        if partner:
            pairs.append(Pair(partner, spelling))
    return pairs


def example_of(pair, case, label, inputs, results):
    return {"case": label, "inputs": {name: {"dtype": dtype, "data": data}
                                     for name, (data, dtype) in inputs.items()},
            "calls": {pair.left.label: pair.left.calls[case][0],
                      pair.right.label: pair.right.calls[case][0]},
            "results": {pair.left.label: results[0], pair.right.label: results[1]}}


def refusal(pair, case, label, style, left_error, right_error):
    """Where one side or both raised: an error of the pair on the required arguments of two
    primaries; otherwise a refusal noted (an input outside what one side accepts)."""
    if style != "canonical":
        pair.refused_draws += 1
        return
    who, why = ((pair.left.label, left_error) if left_error else (pair.right.label, right_error))
    if case == 0 and pair.right.primary:
        pair.error = "%s raised %s" % (who, why)
    elif not (left_error and right_error):
        pair.refused.append("%s: %s raised %s" % (label or "required arguments", who, why))


def compare(pair, case, label, style, inputs, left, right):
    name = differs(left, right, inputs, widest_float(pair.left, pair.right))
    if not name:
        pair.cases += style == "canonical"
        pair.draws += 1
        return
    small = shrink(pair.left, pair.right, case, inputs, pair.broadcast)
    results = (outcome(pair.left, case, small)[0], outcome(pair.right, case, small)[0])
    example = example_of(pair, case, label or "required arguments", small, results)
    example["result"] = name
    if style == "special":
        pair.special = pair.special or example
    else:
        pair.mismatch = example


def run_case(op, case, label, spellings, pairs, seed):
    rng = random.Random("%s:%s:%d" % (seed, op["op"], case))
    for style in STYLES:
        inputs = draw_inputs(op["tensors"], style, rng, op.get("broadcast", True))
        outcomes = {s.label: outcome(s, case, inputs) for s in spellings
                    if s.calls[case][1] is not None}
        for pair in pairs:
            if pair.mismatch or pair.error:
                continue
            if pair.left.label not in outcomes or pair.right.label not in outcomes:
                pair.skipped = pair.skipped or next(
                    s.calls[case][2] for s in (pair.left, pair.right) if s.calls[case][2])
                continue
            (left, left_error), (right, right_error) = (outcomes[pair.left.label],
                                                        outcomes[pair.right.label])
            if left_error or right_error:
                refusal(pair, case, label, style, left_error, right_error)
            else:
                compare(pair, case, label, style, inputs, left, right)


def run_op(op, frameworks, seed):
    spellings = []
    unusable = {}
    for label, entry in sorted(op["spellings"].items()):
        framework = frameworks[entry["framework"]]
        if framework.problem:
            unusable[entry["framework"]] = framework.problem
            continue
        spellings.append(Spelling(label, entry, framework))
    pairs = pairs_of(spellings)
    for pair in pairs:
        pair.broadcast = op.get("broadcast", True)
    if not pairs:
        reasons = "; ".join("%s: %s" % item for item in sorted(unusable.items()))
        return {"type": "op", "op": op["op"], "skipped": "fewer than two frameworks run here (%s)"
                % reasons}
    for case, label in enumerate(op["cases"]):
        run_case(op, case, label, spellings, pairs, seed)
    return {"type": "op", "op": op["op"], "pairs": [pair.record() for pair in pairs]}


def jsonable(value):
    """`value` with NaN and infinities as the strings 'nan', 'inf' and '-inf' (JSON has none)."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, complex):
        return str(value)
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(item) for item in value]
    return value


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--describe":
        warnings.simplefilter("ignore")
        try:
            print(json.dumps(describe(sys.argv[2], import_for)))
        except Exception as error:  # noqa: BLE001 -- said to swhost, which reports it
            print(json.dumps({"error": "%s: %s" % (type(error).__name__, error)}))
        return 0
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    warnings.simplefilter("ignore")  # the frameworks' warnings about edge values are expected
    with open(sys.argv[1], encoding="utf-8") as file:
        job = json.load(file)
    stand_ins = [entry["stand_in"] for entry in job["frameworks"].values() if "stand_in" in entry]
    frameworks = {name: Framework(name, entry, stand_ins)
                  for name, entry in job["frameworks"].items()}
    print(json.dumps({"type": "frameworks", "frameworks": {
        name: {"available": not f.problem, **({"why": f.problem} if f.problem else {}),
               **({"stand_in": f.stand_in} if f.stand_in else {})}
        for name, f in frameworks.items()}}), flush=True)
    for op in job["ops"]:
        try:
            line = run_op(op, frameworks, job["seed"])
        except Exception as error:  # noqa: BLE001 -- a broken op must not stop the run
            where = traceback.extract_tb(error.__traceback__)[-1]
            line = {"type": "op", "op": op["op"], "failed": "%s: %s (worker line %d)" % (
                type(error).__name__, error, where.lineno)}
        print(json.dumps(jsonable(line), allow_nan=False, default=str), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
