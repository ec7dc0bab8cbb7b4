"""Test-side weight migration: copies a PyTorch module's weights into the stand-in Flax NNX
module that a conversion (or a test) built for it, in Flax's names and layouts. Written from
what each PyTorch layer computes, not from the engine's tables, so that a test of the engine's
output cannot share the engine's mistakes.

load(flax_module, torch_module) walks the PyTorch modules that hold parameters or buffers and
finds each one's counterpart by the same attribute path (the n-th layer of an nn.Sequential is
the n-th of nnx.Sequential.layers, by position also where it is named; an nn.LSTM's
counterpart is the cell of an nnx.RNN). A path without a counterpart, a layer type without a
migration or a shape that differs raises MigrationError.
"""
import inspect

import numpy as np


class MigrationError(Exception):
    pass


def _numpy(tensor):
    return tensor.detach().cpu().numpy()


def _set(variable, value, where):
    if variable is None:
        raise MigrationError("%s: the Flax module has no such parameter" % where)
    value = np.asarray(value)
    # integer and boolean buffers (an index table) keep their kind: an array of floats cannot index
    value = np.ascontiguousarray(value, dtype=value.dtype if value.dtype.kind in "iub" else np.float32)
    if tuple(variable.value.shape) != value.shape:
        raise MigrationError("%s: PyTorch gives shape %s, the Flax module has %s"
                             % (where, value.shape, tuple(variable.value.shape)))
    variable.value = _as_array(value)


def _as_array(value):
    from jax.numpy import asarray
    return asarray(value)


def _bias(flax_layer, torch_bias, where):
    if torch_bias is not None:
        _set(flax_layer.bias, _numpy(torch_bias), where + ".bias")
    elif getattr(flax_layer, "bias", None) is not None:
        raise MigrationError("%s: PyTorch has no bias, the Flax module has one" % where)


def linear(torch_layer, flax_layer, where, image=None):
    """`image`: the (C, H, W) of a flattened image the layer is fed, whose features the
    converted code flattens channels last (H, W, C): the kernel's rows follow that order."""
    weight = _numpy(torch_layer.weight)
    if image is not None:
        weight = weight.reshape((-1,) + tuple(image)).transpose(0, 2, 3, 1).reshape(weight.shape[0], -1)
    _set(flax_layer.kernel, weight.T, where + ".kernel")
    _bias(flax_layer, torch_layer.bias, where)


def image_fed_linears(torch_module, inputs):
    """{path: (C, H, W)} of the Linear layers fed a flattened image: runs the module once and
    takes a Linear whose input rows hold as many features as the last four-dimensional output
    of a module before it (C * H * W, C > 1) to be fed that output flattened (torch.flatten(x,
    1) is a function, so the flatten itself is not seen)."""
    import torch
    last, found, handles = [None], {}, []
    paths = {module: path for path, module in torch_module.named_modules()}

    def output_hook(module, _inputs, output):
        if isinstance(output, torch.Tensor) and output.dim() == 4:
            last[0] = tuple(output.shape[1:])

    def linear_hook(module, args):
        x = args[0] if args else None
        if (isinstance(x, torch.Tensor) and x.dim() == 2 and last[0] is not None and last[0][0] > 1
                and x.shape[1] == int(np.prod(last[0])) and last[0][1:] != (1, 1)):
            found[paths[module]] = last[0]
        last[0] = None

    for module in paths:
        handles.append(module.register_forward_hook(output_hook))
        if type(module).__name__ == "Linear":
            handles.append(module.register_forward_pre_hook(linear_hook))
    try:
        with torch.no_grad():
            torch_module(*inputs)
    finally:
        for handle in handles:
            handle.remove()
    return found


def conv(torch_layer, flax_layer, where):
    weight = _numpy(torch_layer.weight)  # (out, in / groups, *kernel)
    spatial = tuple(range(2, weight.ndim))
    _set(flax_layer.kernel, weight.transpose(spatial + (1, 0)), where + ".kernel")
    _bias(flax_layer, torch_layer.bias, where)


def conv_transpose(torch_layer, flax_layer, where):
    """PyTorch's transposed convolution is the gradient of a convolution: Flax computes it with
    transpose_kernel=True from the kernel (*kernel, out, in), or without it from the spatially
    flipped kernel (*kernel, in, out)."""
    weight = _numpy(torch_layer.weight)  # (in, out / groups, *kernel)
    if torch_layer.groups != 1:
        raise MigrationError("%s: Flax's ConvTranspose has no feature groups" % where)
    spatial = tuple(range(2, weight.ndim))
    if flax_layer.transpose_kernel:
        kernel = weight.transpose(spatial + (1, 0))
    else:
        kernel = np.flip(weight, axis=spatial).transpose(spatial + (0, 1))
    _set(flax_layer.kernel, kernel, where + ".kernel")
    _bias(flax_layer, torch_layer.bias, where)


def norm(torch_layer, flax_layer, where):
    if getattr(torch_layer, "weight", None) is not None:
        _set(flax_layer.scale, _numpy(torch_layer.weight), where + ".scale")
    elif getattr(flax_layer, "scale", None) is not None:
        raise MigrationError("%s: PyTorch has no scale, the Flax module has one" % where)
    _bias(flax_layer, getattr(torch_layer, "bias", None), where)
    if getattr(torch_layer, "running_mean", None) is not None:
        _set(flax_layer.mean, _numpy(torch_layer.running_mean), where + ".mean")
        _set(flax_layer.var, _numpy(torch_layer.running_var), where + ".var")


def embedding(torch_layer, flax_layer, where):
    _set(flax_layer.embedding, _numpy(torch_layer.weight), where + ".embedding")


def _recurrent(torch_layer, flax_layer, where, gates):
    """nn.LSTM / nn.GRU / nn.RNN into an nnx.RNN's cell (or a cell into a cell). Several layers
    are an nnx.Sequential of them (layers[k]), two directions an nnx.Bidirectional in each layer
    (forward_rnn, backward_rnn). `gates`: per PyTorch gate (in its order), the Flax input and
    hidden Linear names and whether the two biases fold into the input one."""
    if not hasattr(torch_layer, "num_layers"):
        _recurrent_cell(torch_layer, flax_layer, "", where, gates)
        return
    for layer in range(torch_layer.num_layers):
        flax_stage = flax_layer.layers[layer] if torch_layer.num_layers > 1 else flax_layer
        stage_where = "%s.layers[%d]" % (where, layer) if torch_layer.num_layers > 1 else where
        if not torch_layer.bidirectional:
            _recurrent_cell(torch_layer, flax_stage.cell, "_l%d" % layer, stage_where, gates)
            continue
        for suffix, name in (("", "forward_rnn"), ("_reverse", "backward_rnn")):
            _recurrent_cell(torch_layer, getattr(flax_stage, name).cell, "_l%d%s" % (layer, suffix),
                            "%s.%s" % (stage_where, name), gates)


def _recurrent_cell(torch_layer, cell, suffix, where, gates):
    """One layer and direction of a PyTorch recurrent layer (its weights ending in `suffix`)
    into a Flax cell."""
    count = len(gates)
    w_ih = np.split(_numpy(getattr(torch_layer, "weight_ih" + suffix)), count)
    w_hh = np.split(_numpy(getattr(torch_layer, "weight_hh" + suffix)), count)
    if getattr(torch_layer, "bias_ih" + suffix, None) is None:
        raise MigrationError("%s: Flax's cells always have biases" % where)
    b_ih = np.split(_numpy(getattr(torch_layer, "bias_ih" + suffix)), count)
    b_hh = np.split(_numpy(getattr(torch_layer, "bias_hh" + suffix)), count)
    for index, (input_name, hidden_name, fold) in enumerate(gates):
        input_layer, hidden_layer = getattr(cell, input_name), getattr(cell, hidden_name)
        _set(input_layer.kernel, w_ih[index].T, "%s.cell.%s.kernel" % (where, input_name))
        _set(hidden_layer.kernel, w_hh[index].T, "%s.cell.%s.kernel" % (where, hidden_name))
        if fold == "sum_hidden":
            _set(hidden_layer.bias, b_ih[index] + b_hh[index], "%s.cell.%s.bias" % (where, hidden_name))
        elif fold == "sum_input":
            _set(input_layer.bias, b_ih[index] + b_hh[index], "%s.cell.%s.bias" % (where, input_name))
        else:  # GRU's candidate gate: r multiplies the hidden part with its bias
            _set(input_layer.bias, b_ih[index], "%s.cell.%s.bias" % (where, input_name))
            _set(hidden_layer.bias, b_hh[index], "%s.cell.%s.bias" % (where, hidden_name))


def lstm(torch_layer, flax_layer, where):
    _recurrent(torch_layer, flax_layer, where, [("ii", "hi", "sum_hidden"), ("if_", "hf", "sum_hidden"),
                                                ("ig", "hg", "sum_hidden"), ("io", "ho", "sum_hidden")])


def gru(torch_layer, flax_layer, where):
    _recurrent(torch_layer, flax_layer, where, [("ir", "hr", "sum_input"), ("iz", "hz", "sum_input"),
                                                ("in_", "hn", "separate")])


def simple_rnn(torch_layer, flax_layer, where):
    if getattr(torch_layer, "nonlinearity", "tanh") != "tanh":
        raise MigrationError("%s: only the tanh RNN is migrated" % where)
    _recurrent(torch_layer, flax_layer, where, [("i", "h", "sum_hidden")])


def multihead_attention(torch_layer, flax_layer, where):
    if not torch_layer._qkv_same_embed_dim or torch_layer.bias_k is not None:
        raise MigrationError("%s: only equal query, key and value sizes without bias_k" % where)
    heads, embed = torch_layer.num_heads, torch_layer.embed_dim
    head_dim = embed // heads
    weights = np.split(_numpy(torch_layer.in_proj_weight), 3)
    biases = np.split(_numpy(torch_layer.in_proj_bias), 3) if torch_layer.in_proj_bias is not None else None
    for index, name in enumerate(("query", "key", "value")):
        layer = getattr(flax_layer, name)
        _set(layer.kernel, weights[index].T.reshape(embed, heads, head_dim), "%s.%s.kernel" % (where, name))
        if biases is not None:
            _set(layer.bias, biases[index].reshape(heads, head_dim), "%s.%s.bias" % (where, name))
    out = torch_layer.out_proj
    _set(flax_layer.out.kernel, _numpy(out.weight).T.reshape(heads, head_dim, -1), where + ".out.kernel")
    _bias(flax_layer.out, out.bias, where + ".out")


MIGRATIONS = {
    "Linear": linear, "NonDynamicallyQuantizableLinear": linear, "LazyLinear": linear,
    "Conv1d": conv, "Conv2d": conv, "Conv3d": conv,
    "ConvTranspose1d": conv_transpose, "ConvTranspose2d": conv_transpose, "ConvTranspose3d": conv_transpose,
    "BatchNorm1d": norm, "BatchNorm2d": norm, "BatchNorm3d": norm, "LayerNorm": norm,
    "GroupNorm": norm, "InstanceNorm1d": norm, "InstanceNorm2d": norm, "InstanceNorm3d": norm,
    "Embedding": embedding, "LSTM": lstm, "LSTMCell": lstm, "GRU": gru, "GRUCell": gru,
    "RNN": simple_rnn, "RNNCell": simple_rnn, "MultiheadAttention": multihead_attention,
}


class _Direction:
    """A layer torch.nn.utils.weight_norm reparametrized, seen with its direction `weight_v` as
    its weight."""

    def __init__(self, layer):
        self._layer = layer

    def __getattr__(self, name):
        return getattr(self._layer, "weight_v" if name == "weight" else name)


def weight_normed(migration, torch_layer, flax_layer, where):
    """weight_norm's w = g * v / ||v|| (the norm over every axis but `dim`; weight_g holds g, 1
    on those axes) into nnx.WeightNorm: v as the wrapped layer's kernel, g as its scale."""
    if not hasattr(flax_layer, "layer_instance") or not flax_layer.scales:
        raise MigrationError("%s: PyTorch's weight_norm, but no nnx.WeightNorm with scales here" % where)
    migration(_Direction(torch_layer), flax_layer.layer_instance, where)
    g = _numpy(torch_layer.weight_g)
    for path, scale in flax_layer.scales.items():
        if g.size != np.size(scale):
            raise MigrationError("%s: weight_g has %d values, the scale of %s %d"
                                 % (where, g.size, "/".join(path), np.size(scale)))
        flax_layer.scales[path] = _as_array(np.ascontiguousarray(g.reshape(np.shape(scale)), dtype=np.float32))


def _migration(layer_class):
    """The migration of a PyTorch layer class, or of the framework layer a class of a model
    derives from and so computes as (torchvision's LayerNorm2d(nn.LayerNorm)); None for
    neither."""
    for base in layer_class.__mro__:
        if base.__module__.split(".")[0] == "torch":
            if base.__name__ in MIGRATIONS:
                return MIGRATIONS[base.__name__]
    return None


def _held_only(layer):
    """A module of the model's own (not a framework layer) holding tensors by name: its
    nn.Parameter attributes, registered parameters and buffers, or a ParameterList's items."""
    return type(layer).__module__.split(".")[0] != "torch" or type(layer).__name__ in (
        "ParameterList", "ParameterDict")


def held(torch_layer, flax_layer, where):
    """Copies each tensor a module holds itself into the variable of the same name (an
    nnx.Param, nnx.BatchStat or nnx.Variable), or of the same index in an nnx.List."""
    tensors = list(torch_layer.named_parameters(recurse=False)) + list(
        torch_layer.named_buffers(recurse=False))
    for name, tensor in tensors:
        if name.isdigit() and isinstance(flax_layer, (list, tuple)):
            variable = flax_layer[int(name)]
        elif isinstance(flax_layer, dict):
            variable = flax_layer.get(name)
        else:
            variable = getattr(flax_layer, name, None)
        if not getattr(variable, "__standin_variable__", False):
            raise MigrationError("%s.%s: the Flax module holds no variable by that name"
                                 % (where, name))
        _set(variable, _channels_last(_numpy(tensor), variable), where + "." + name)


def _channels_last(value, variable):
    """A held tensor shaped to broadcast against a channels-first image, (C, 1, 1) or (C, 1),
    which the converted code holds shaped for the channels-last image, (1, 1, C) or (1, C)."""
    moved = np.moveaxis(value, 0, -1)
    if (value.ndim >= 2 and all(size == 1 for size in value.shape[1:])
            and tuple(variable.value.shape) == moved.shape != value.shape):
        return moved
    return value


def counterpart(flax_module, path, torch_module=None):
    """The object at a PyTorch attribute path ('features.0.conv') inside the Flax module. With
    `torch_module`, a named layer of an nn.Sequential ('stage.a', an OrderedDict's key) is the
    layer at its position in the nnx.Sequential, which keeps no names."""
    current, original = flax_module, torch_module
    for part in path.split(".") if path else []:
        # nnx.Sequential and its subclasses (ConvNormActivation) keep their layers in `layers`
        sequential = any(c.__name__ == "Sequential" for c in type(current).__mro__)
        layers = getattr(current, "layers", None) if sequential else None
        named = list(getattr(original, "_modules", {}))
        if not part.isdigit() and isinstance(layers, list) and part in named and any(
                c.__name__ == "Sequential" for c in type(original).__mro__):
            current = layers[named.index(part)]
        elif part.isdigit() and isinstance(layers, list):
            current = layers[int(part)]
        elif part.isdigit() and isinstance(current, (list, tuple)):
            current = current[int(part)]
        elif hasattr(current, part):
            current = getattr(current, part)
        elif isinstance(current, dict) and part in current:
            current = current[part]
        else:
            raise MigrationError("'%s': the Flax module has no '%s' here" % (path, part))
        original = getattr(original, "_modules", {}).get(part)
    return current


def load(flax_module, torch_module, example=None):
    """Copies every parameter and buffer of `torch_module` into `flax_module`; returns how many
    PyTorch layers were migrated. With `example` (the inputs of one call, for images-in-NHWC
    conversions), Linear layers fed a flattened image take its features channels last."""
    images = image_fed_linears(torch_module, example) if example is not None else {}
    handled = []
    seen = set()  # the tensors of the layers before, by id
    count = 0
    for path, layer in torch_module.named_modules():
        if any(done == "" or path.startswith(done + ".") for done in handled):
            continue  # inside a layer migrated as a whole (an attention's out_proj)
        own = list(layer.named_parameters(recurse=False)) + [
            (n, b) for n, b in layer.named_buffers(recurse=False) if n != "num_batches_tracked"]
        if not own:
            continue
        migration = _migration(type(layer))
        if migration is None and not _held_only(layer):
            raise MigrationError("'%s': no migration for PyTorch's %s" % (path, type(layer).__name__))
        flax_layer = counterpart(flax_module, path, torch_module)
        if inspect.ismethod(flax_layer) and all(id(t) in seen for _, t in own):
            continue  # a layer tied to another's tensors, a method calling that layer in Flax
        seen.update(id(t) for _, t in own)
        if hasattr(layer, "weight_v") and hasattr(layer, "weight_g") and migration is not None:
            weight_normed(migration, layer, flax_layer, path or "<root>")
        elif path in images:
            linear(layer, flax_layer, path or "<root>", images[path])
        else:
            (migration or held)(layer, flax_layer, path or "<root>")
        if migration is not None:  # a framework layer is migrated whole, its children with it
            handled.append(path)
        count += 1
    return count
