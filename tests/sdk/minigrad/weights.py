"""Weights between a PyTorch model and the same model written in MiniGrad: the test harness's
side of a conversion, which moves trained weights (the converted code only has to build the
same layers). A PyTorch layer at path `a.b.0` is the MiniGrad layer at `a.b[0]`.

PyTorch keeps Linear weights (out, in) and Conv2d kernels OIHW; MiniGrad keeps Dense kernels
(in, out) and Conv2d kernels HWIO."""
import numpy as np
import torch

# PyTorch layer class -> (PyTorch parameter or buffer, MiniGrad attribute, axes of the
# PyTorch array in MiniGrad's order, or None when they are the same).
PARAMETERS = {
    "Linear": [("weight", "kernel", (1, 0)), ("bias", "bias", None)],
    "Conv2d": [("weight", "kernel", (2, 3, 1, 0)), ("bias", "bias", None)],
    "LayerNorm": [("weight", "scale", None), ("bias", "offset", None)],
    "BatchNorm2d": [("weight", "scale", None), ("bias", "offset", None),
                    ("running_mean", "mean", None), ("running_var", "var", None)],
}


def minigrad_layer(root, path):
    """The MiniGrad layer at a PyTorch module path (`shortcut.0`)."""
    layer = root
    for part in path.split(".") if path else []:
        layer = layer[int(part)] if part.isdigit() else getattr(layer, part)
    return layer


def layers_with_weights(torch_model):
    """(path, PyTorch layer, its parameter table) for each layer that holds weights."""
    for path, layer in torch_model.named_modules():
        own = list(layer.parameters(recurse=False)) + list(layer.buffers(recurse=False))
        if not own:
            continue
        name = type(layer).__name__
        if name not in PARAMETERS:
            raise SystemExit(f"no weight mapping for PyTorch layer {name} at '{path}'")
        yield path, layer, PARAMETERS[name]


def weight_pairs(torch_model, minigrad_model):
    """(PyTorch layer, parameter name, MiniGrad layer, attribute, axes) for every weight both
    hold; a weight absent from one (no bias) must be absent from the other."""
    for path, layer, table in layers_with_weights(torch_model):
        other = minigrad_layer(minigrad_model, path)
        for torch_name, minigrad_name, axes in table:
            absent = (getattr(layer, torch_name) is None, getattr(other, minigrad_name) is None)
            assert absent[0] == absent[1], (path, torch_name, minigrad_name)
            if not absent[0]:
                yield layer, torch_name, other, minigrad_name, axes


def torch_to_minigrad(torch_model, minigrad_model):
    for layer, torch_name, other, minigrad_name, axes in weight_pairs(torch_model,
                                                                      minigrad_model):
        array = getattr(layer, torch_name).detach().numpy()
        array = array if axes is None else array.transpose(axes)
        setattr(other, minigrad_name, np.ascontiguousarray(array))


def minigrad_to_torch(minigrad_model, torch_model):
    for layer, torch_name, other, minigrad_name, axes in weight_pairs(torch_model,
                                                                      minigrad_model):
        array = np.asarray(getattr(other, minigrad_name))
        array = array if axes is None else array.transpose(np.argsort(axes))
        with torch.no_grad():
            getattr(layer, torch_name).copy_(torch.from_numpy(np.ascontiguousarray(array)))


def vary_running_statistics(torch_model, generator):
    """Running statistics away from their initial 0 and 1, so that eval mode uses them."""
    for _, layer, _ in layers_with_weights(torch_model):
        if isinstance(layer, torch.nn.BatchNorm2d):
            with torch.no_grad():
                layer.running_mean.copy_(torch.from_numpy(
                    generator.standard_normal(layer.num_features).astype(np.float32)))
                layer.running_var.copy_(torch.from_numpy(
                    generator.uniform(0.5, 1.5, layer.num_features).astype(np.float32)))
