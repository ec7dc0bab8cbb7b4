#!/usr/bin/python3
"""The static model graph against real PyTorch runs.

For each PyTorch test model (tests/models/torch, with the constructor arguments and inputs of
tests/convert/roundtrip_cases.py) and each torchvision builder named on the command line,
`swhost draw --emitter json` builds the graph; then the real model is built and run once with
forward hooks on every module. Compared, per module path:

- the parameter count: the graph's against `sum(p.numel() for p in m.parameters())`;
- the output shapes of the module's calls, in call order: the graph's nodes for that module
  against what the hooks saw (the first tensor of a tuple output);
- the shapes of what the model returns.

A count or shape the graph marks unknown is counted as unknown; a known one that differs is a
disagreement and fails the test. `--markdown` prints the table docs/diagrams.md shows.

usage: compare_with_torch.py SWHOST REPO [--markdown] [--torchvision BUILDER...]
"""
import importlib.util
import json
import os
import re
import subprocess
import sys

import torch
from torch.overrides import TorchFunctionMode

TORCHVISION = "/usr/lib/python3/dist-packages/torchvision/models"


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def draw(swhost, path, shapes, extra):
    command = [swhost, "draw", path, "--source", "torch", "--emitter", "json"] + extra
    for shape in shapes:
        command += ["--input-shape", ",".join(str(d) for d in shape)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return None, result.stderr.strip()
    return json.loads(result.stdout), None


TORCH_DIR = os.path.dirname(os.path.realpath(torch.__file__))
# Where PyTorch's own functions hand a call on to the function mode: frames in these files
# between the mode and the model's code are dispatch, not a caller.
DISPATCH_FILES = {os.path.join(TORCH_DIR, name) for name in
                  ("overrides.py", "_tensor.py", "functional.py", "_jit_internal.py",
                   os.path.join("nn", "functional.py"))}


class FunctionalShapes(TorchFunctionMode):
    """The output shapes of the tensor functions the model's own code calls (torch.cat,
    torch.flatten, x + y, x[i], F.relu, ...), per (file, line) in call order; calls made inside
    PyTorch (a layer's forward calling F.conv2d) are not the model's and are left out."""

    def __init__(self):
        super().__init__()
        self.seen = {}

    def __torch_function__(self, func, types, args=(), kwargs=None):
        result = func(*args, **(kwargs or {}))
        frame = sys._getframe(1)
        while frame and os.path.realpath(frame.f_code.co_filename) in DISPATCH_FILES:
            frame = frame.f_back
        path = os.path.realpath(frame.f_code.co_filename) if frame else TORCH_DIR
        tensors = [result] if isinstance(result, torch.Tensor) else \
            [item for item in result if isinstance(item, torch.Tensor)] \
            if isinstance(result, (tuple, list)) else []
        if tensors and not path.startswith(TORCH_DIR + os.sep):
            self.seen.setdefault((path, frame.f_lineno), []).append(list(tensors[0].shape))
        return result


def real_run(model, inputs):
    """Output shapes per module path (in call order), parameters per module path, and the
    shapes of the model's own tensor functions per (file, line)."""
    seen = {}
    hooks = []
    for path, module in model.named_modules():
        def hook(_, __, output, path=path):
            while isinstance(output, (tuple, list)) and output:
                output = output[0]
            if isinstance(output, torch.Tensor):
                seen.setdefault(path, []).append(list(output.shape))
        hooks.append(module.register_forward_hook(hook))
    model.eval()
    functional = FunctionalShapes()
    with torch.no_grad(), functional:
        result = model(*inputs)
    for handle in hooks:
        handle.remove()
    parameters = {path: sum(p.numel() for p in module.parameters())
                  for path, module in model.named_modules()}
    outputs = []
    pending = [result]
    while pending:
        value = pending.pop(0)
        if isinstance(value, torch.Tensor):
            outputs.append(list(value.shape))
        elif isinstance(value, (tuple, list)):
            pending = list(value) + pending
    return seen, parameters, outputs, functional.seen


class Tally:
    def __init__(self):
        self.agree = self.unknown = 0
        self.disagreements = []
        self.unknown_reasons = []
        self.unaligned = 0
        self.inner = 0

    def check(self, what, graph_value, real, reason=None):
        if graph_value is None:
            self.unknown += 1
            self.unknown_reasons.append("%s: %s" % (what, reason))
        elif graph_value == real:
            self.agree += 1
        else:
            self.disagreements.append("%s: graph %s, PyTorch %s" % (what, graph_value, real))


def compare_functional(graph, real, tally):
    """The graph's nodes of functions and operators (no module) against what PyTorch's
    function mode saw at the same file and line. A line where the two count a different number
    of calls is not aligned (the graph makes no node for a function of constants only, such as
    `self.class_token.expand(n, -1, -1)`, PyTorch sees no call for `x.shape`): counted apart."""
    mine = {}
    for node in graph["nodes"]:
        if node["module"] is not None or node["op"] in ("input", "output") or not node["location"]:
            continue
        path, line, _ = node["location"].rsplit(":", 2)
        mine.setdefault((os.path.realpath(path), int(line)), []).append(node)
    unaligned = 0
    for key, nodes in sorted(mine.items()):
        shapes = real.get(key, [])
        if len(shapes) != len(nodes):
            unaligned += len(nodes)
            continue
        for node, shape in zip(nodes, shapes):
            output = node["outputs"][0] if node["outputs"] else {"shape": None, "unknown": "none"}
            tally.check("%s at %s:%d" % (node["op"], os.path.basename(key[0]), key[1]),
                        output["shape"], shape, output.get("unknown"))
    return unaligned


def inside_layer(path, by_path):
    """Whether `path` is a part of one framework layer of the graph (nn.MultiheadAttention's
    `out_proj`): the graph has the layer as one node whose parameter count, known, holds the
    part's."""
    parts = path.split(".")
    for end in range(len(parts) - 1, 0, -1):
        outer = by_path.get(".".join(parts[:end]))
        if outer is not None:
            return outer["api"] is not None and outer["parameters"] is not None
    return False


def compare(graph, model, inputs):
    seen, parameters, outputs, functional = real_run(model, inputs)
    by_path = {module["path"]: module for module in graph["modules"]}
    counts, shapes, edges = Tally(), Tally(), Tally()
    for path, count in parameters.items():
        module = by_path.get(path)
        if module is None and inside_layer(path, by_path):
            counts.inner += 1  # counted in its layer's total, which is compared
            continue
        if module is None:
            counts.check("parameters of '%s'" % path, None, count, "not in the graph")
            continue
        counts.check("parameters of '%s'" % (path or "<model>"), module["parameters"], count,
                     module.get("parameters_unknown"))
    calls = {}
    for node in graph["nodes"]:
        if node["module"] is not None:
            calls.setdefault(graph["modules"][node["module"]]["path"], []).append(node)
    for path, nodes in calls.items():
        real = seen.get(path, [])
        if len(real) != len(nodes):
            shapes.disagreements.append("'%s' called %d times in the graph, %d in PyTorch"
                                        % (path, len(nodes), len(real)))
            continue
        for node, shape in zip(nodes, real):
            output = node["outputs"][0] if node["outputs"] else {"shape": None, "unknown": "none"}
            shapes.check("output of '%s'" % path, output["shape"], shape, output.get("unknown"))
    returned = [graph["nodes"][edge["node"]]["outputs"][edge["output"]] for edge in graph["results"]]
    unknown_results = graph["nodes"][-1]["outputs"]  # the output node: what was not known
    if len(returned) != len(outputs) and unknown_results:
        for output in unknown_results:
            shapes.check("model output", None, None, output["unknown"])
    elif len(returned) != len(outputs):
        shapes.disagreements.append("the graph returns %d tensors, PyTorch %d"
                                    % (len(returned), len(outputs)))
    else:
        for output, shape in zip(returned, outputs):
            shapes.check("model output", output["shape"], shape, output.get("unknown"))
    edges.unaligned = compare_functional(graph, functional, edges)
    return counts, shapes, edges


def make_input(spec):
    torch.manual_seed(0)
    if spec[0] == "f":
        return torch.randn(*spec[1])
    if spec[0] == "i":
        return torch.randint(0, spec[2], spec[1])
    return torch.rand(*spec[1]) > 0.5


def test_model_cases(repo):
    sys.path.insert(0, os.path.join(repo, "tests", "convert"))
    import roundtrip_cases
    for file_name, entries in sorted(roundtrip_cases.TORCH_MODELS.items()):
        for name, arguments, specs in entries:
            if arguments is None or any(spec[0] in "bn" for spec in specs):
                continue
            path = os.path.join(repo, "tests", "models", "torch", file_name)
            module = load(path, "model_" + file_name[:-3])
            target = getattr(module, name)
            is_class = isinstance(target, type)
            extra = ["--class" if is_class else "--builder", name,
                     "--args", ", ".join(repr(value) for value in arguments)]
            yield ("%s %s%s" % (file_name, name, arguments), path, extra,
                   lambda target=target, arguments=arguments: target(*arguments),
                   [spec[1] for spec in specs], [make_input(spec) for spec in specs])


def torchvision_cases(builders):
    files = {}
    for name in sorted(os.listdir(TORCHVISION)):
        if name.endswith(".py"):
            with open(os.path.join(TORCHVISION, name)) as handle:
                for builder in re.findall(r"^def (\w+)\(", handle.read(), re.M):
                    files.setdefault(builder, name)
    for builder in builders:
        size = 299 if builder == "inception_v3" else 224
        shape = (1, 3, size, size)
        path = os.path.join(TORCHVISION, files[builder])

        def build(builder=builder):
            import torchvision.models
            return getattr(torchvision.models, builder)()
        yield ("torchvision %s" % builder, path, ["--builder", builder], build, [shape],
               [torch.randn(*shape)])


def main():
    arguments = sys.argv[1:]
    if len(arguments) < 2:
        sys.exit(__doc__)
    swhost, repo = arguments[0], arguments[1]
    markdown = "--markdown" in arguments
    builders = arguments[arguments.index("--torchvision") + 1:] if "--torchvision" in arguments else []
    cases = list(test_model_cases(repo)) + list(torchvision_cases(builders))
    failed = False
    if markdown:
        print("| model | parameter counts: agree / unknown (inside a layer) | module output shapes: agree / unknown "
              "| function shapes: agree / unknown / not aligned | disagreements |")
        print("|---|---|---|---|---|")
    for label, path, extra, build, shapes, inputs in cases:
        graph, error = draw(swhost, path, shapes, extra)
        if graph is None:
            print("%s: swhost draw failed: %s" % (label, error))
            failed = True
            continue
        counts, outputs, edges = compare(graph, build(), inputs)
        wrong = counts.disagreements + outputs.disagreements + edges.disagreements
        failed = failed or bool(wrong)
        if markdown:
            inner = " (%d)" % counts.inner if counts.inner else ""
            print("| %s | %d / %d%s | %d / %d | %d / %d / %d | %s |"
                  % (label, counts.agree, counts.unknown, inner, outputs.agree, outputs.unknown, edges.agree,
                     edges.unknown, edges.unaligned, "; ".join(wrong) or "none"))
        else:
            print("%s %s: parameters %d agree, %d unknown, %d inside a layer; shapes %d agree, "
                  "%d unknown; functions %d agree, %d unknown, %d not aligned"
                  % ("FAIL" if wrong else "ok", label, counts.agree, counts.unknown, counts.inner,
                     outputs.agree, outputs.unknown, edges.agree, edges.unknown, edges.unaligned))
            for line in wrong:
                print("    disagreement: " + line)
            for line in (counts.unknown_reasons + outputs.unknown_reasons + edges.unknown_reasons)[:3]:
                print("    unknown: " + line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
