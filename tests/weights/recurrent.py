#!/usr/bin/python3
"""Stacked, bidirectional and GRU recurrent layers, run: `swhost weights` writes the scripts
PyTorch -> Flax NNX and back for tests/golden/weights/lstm-stacked-torch-to-flax/model.py, and
PyTorch -> Keras and back for tests/golden/weights/recurrent-torch-to-keras/model.py and
lstm-state-torch-to-keras/model.py (whose stacks' final state is read: a plain list of Keras
layers in the model `swhost convert` writes, checked, and in the script's names). A checkpoint
of random weights must come back as it went, its LSTM biases folded (bias_ih + bias_hh, zeros),
and each migrated layer must compute what PyTorch's computes (rtol 1e-5):
- Flax NNX: under the NumPy stand-in of flax.nnx (tests/standin), the structure docs/weights.md
  gives, an nnx.Sequential of layers, each an nnx.RNN(nnx.LSTMCell) or an nnx.Bidirectional of
  two, loaded name for name and shape for shape;
- Keras 3 (not installed here): Keras's LSTM (gates i, f, c, o; one bias) and GRU
  (reset_after=True: gates z, r, h; the input's and the recurrent bias stacked) written out in
  NumPy from the `.weights.h5` paths, a Sequential's layers and a Bidirectional's two.

usage: recurrent.py SWHOST
"""
import importlib.util
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.join(HERE, "..", "standin")]

import numpy as np  # noqa: E402
import torch  # noqa: E402

import round_trip  # noqa: E402
from flax import nnx  # noqa: E402

GOLDEN = os.path.join(HERE, "..", "golden", "weights")
PYTHON = "/usr/bin/python3"


def load_model(case, name):
    spec = importlib.util.spec_from_file_location(name.lower(), os.path.join(GOLDEN, case, "model.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    torch.manual_seed(0)
    return getattr(module, name)().eval()


def migrate(swhost, case, model, target, middle_name, temp, fold=round_trip.folded):
    """original -> target -> back; the target's tensors. The state that comes back must be
    `fold(state, model)`."""
    state = round_trip.random_state(model, 1)
    model.load_state_dict(state)
    original, middle = os.path.join(temp, "original.pt"), os.path.join(temp, middle_name)
    torch.save(state, original)
    scripts = (os.path.join(temp, "to.py"), os.path.join(temp, "back.py"))
    model_file = os.path.join(GOLDEN, case, "model.py")
    for (source, destination), script in zip((("torch", target), (target, "torch")), scripts):
        round_trip.run([swhost, "weights", model_file, "--source", source, "--target", destination,
                        "--out", script])
    round_trip.run([PYTHON, scripts[0], original, middle])
    round_trip.run([PYTHON, scripts[1], middle, os.path.join(temp, "back.pt")])
    problem = round_trip.same_state(fold(state, model),
                                     torch.load(os.path.join(temp, "back.pt"), weights_only=True))
    if problem:
        raise SystemExit("%s: the checkpoint does not come back through %s: %s" % (case, target, problem))
    return round_trip.read_archive(middle)


def compare(what, actual, expected):
    if not np.allclose(actual, expected, rtol=1e-5, atol=1e-6):
        raise SystemExit("%s computes otherwise with the migrated weights: max |diff| %.3g"
                         % (what, np.abs(actual - expected).max()))
    return float(np.abs(actual - expected).max())


def flax_lstm(features, hidden, layers, bidirectional):
    rngs = nnx.Rngs(0)

    def rnn(inputs, **options):
        return nnx.RNN(nnx.LSTMCell(inputs, hidden, rngs=rngs), **options)

    def layer(inputs):
        if not bidirectional:
            return rnn(inputs)
        return nnx.Bidirectional(rnn(inputs), rnn(inputs, reverse=True, keep_order=True))
    width = hidden * (2 if bidirectional else 1)
    stack = [layer(features if index == 0 else width) for index in range(layers)]
    return stack[0] if layers == 1 else nnx.Sequential(*stack)


def load_flax(modules, tensors):
    """Sets the stand-in modules' variables; the checkpoint's names under them must match exactly."""
    declared = {}
    for prefix, module in modules.items():
        for path, variable in round_trip.checkpointed_variables(module):
            declared[prefix + "/" + path] = variable
            variable.value = tensors.get(prefix + "/" + path, variable.value)
    found = {k: v.shape for k, v in tensors.items() if k.split("/")[0] in modules}
    if found != {k: tuple(v.value.shape) for k, v in declared.items()}:
        raise SystemExit("the Flax checkpoint differs from the Flax layers' variables: %s"
                         % sorted(set(found.items()) ^ {(k, tuple(v.value.shape)) for k, v in declared.items()}))


def check_flax(swhost, temp):
    model = load_model("lstm-stacked-torch-to-flax", "Encoder")
    tensors = migrate(swhost, "lstm-stacked-torch-to-flax", model, "flax", "middle.npz", temp)
    layers = {"both": flax_lstm(4, 3, 2, True), "stacked": flax_lstm(6, 2, 2, False),
              "reverse": flax_lstm(2, 2, 1, True)}
    load_flax(layers, tensors)
    x = model.embed(torch.tensor([[1, 4, 2, 9, 0], [3, 3, 7, 5, 8]]))
    worst = 0.0
    for name, layer in layers.items():
        with torch.no_grad():
            expected = getattr(model, name)(x)[0]
        worst = max(worst, compare("Flax NNX's '%s'" % name, np.asarray(layer(x.detach().numpy())), expected.numpy()))
        x = expected
    return worst


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def keras_lstm(kernel, recurrent, bias, xs):
    """keras.layers.LSTM over xs (time, batch, features): gates i, f, c, o."""
    h = c = np.zeros((xs.shape[1], recurrent.shape[0]), np.float32)
    outputs = []
    for x in xs:
        i, f, g, o = np.split(x @ kernel + h @ recurrent + bias, 4, axis=-1)
        c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
        h = sigmoid(o) * np.tanh(c)
        outputs.append(h)
    return np.stack(outputs)


def keras_gru(kernel, recurrent, bias, xs):
    """keras.layers.GRU (reset_after=True) over xs: gates z, r, h; bias (input's, recurrent's)."""
    h = np.zeros((xs.shape[1], recurrent.shape[0]), np.float32)
    outputs = []
    for x in xs:
        xz, xr, xh = np.split(x @ kernel + bias[0], 3, axis=-1)
        hz, hr, hh = np.split(h @ recurrent + bias[1], 3, axis=-1)
        z, r = sigmoid(xz + hz), sigmoid(xr + hr)
        h = z * h + (1 - z) * np.tanh(xh + r * hh)
        outputs.append(h)
    return np.stack(outputs)


def keras_layer(run, tensors, path, xs, bidirectional):
    cell = lambda prefix: [tensors[prefix + "/cell/vars/%d" % n] for n in range(3)]  # noqa: E731
    if not bidirectional:
        return run(*cell(path), xs)
    backward = run(*cell(path + "/backward_layer"), xs[::-1])[::-1]
    return np.concatenate([run(*cell(path + "/forward_layer"), xs), backward], axis=-1)


def check_keras(swhost, temp):
    model = load_model("recurrent-torch-to-keras", "Tagger")
    tensors = migrate(swhost, "recurrent-torch-to-keras", model, "keras", "middle.weights.h5", temp)
    x = torch.randn(5, 2, 4, generator=torch.Generator().manual_seed(2))  # time, batch, features
    with torch.no_grad():
        lstm = model.lstm(x)[0]
        gru = model.gru(lstm)[0]
        last = model.last(gru)[0]
    xs = x.numpy()
    for name in ("bidirectional", "bidirectional_1"):  # a Sequential's layers, named by class
        xs = keras_layer(keras_lstm, tensors, "lstm/layers/" + name, xs, True)
    worst = compare("Keras's stacked bidirectional LSTM", xs, lstm.numpy())
    xs = lstm.numpy()
    for name in ("gru", "gru_1"):
        xs = keras_layer(keras_gru, tensors, "gru/layers/" + name, xs, False)
    worst = max(worst, compare("Keras's stacked GRU", xs, gru.numpy()))
    xs = keras_layer(keras_gru, tensors, "last", gru.numpy(), True)
    return max(worst, compare("Keras's bidirectional GRU", xs, last.numpy()))


def converted_containers(swhost, case):
    """`swhost convert`'s Keras construction of each recurrent layer of the case's model."""
    text = round_trip.run([swhost, "convert", os.path.join(GOLDEN, case, "model.py"), "--source", "torch",
                           "--target", "keras"]).stdout
    built = {}
    for line in text.splitlines():
        name, _, value = line.strip().partition(" = ")
        if name.startswith("self.") and "keras.layers." in value:
            built[name[5:]] = "list" if value.startswith("[") else value.split("(")[0]
    return built


def check_keras_state(swhost, temp):
    """Layers whose final state is read: a stack is a plain list of layers in the converted
    model (not a Sequential), and the script writes its cells by a list's names."""
    case = "lstm-state-torch-to-keras"
    built = converted_containers(swhost, case)
    expected = {"embed": "keras.layers.Embedding", "stacked": "list", "single": "keras.layers.LSTM",
                "gated": "list", "tail": "keras.Sequential"}
    if built != expected:
        raise SystemExit("swhost convert builds the layers otherwise than the script names them: %s" % built)
    model = load_model(case, "Summarizer")
    tensors = migrate(swhost, case, model, "keras", "middle.weights.h5", temp)
    with torch.no_grad():
        x = model.embed(torch.tensor([[1, 4, 2, 9, 0], [3, 3, 7, 5, 8]]))
        runs = {}
        for name in ("stacked", "single", "gated", "tail"):
            out, state = getattr(model, name)(x)
            runs[name] = (x.transpose(0, 1).numpy(), out.transpose(0, 1).numpy(),
                          (state[0] if isinstance(state, tuple) else state).numpy())
            x = out
    worst = 0.0
    paths = {"stacked": ["stacked/lstm", "stacked/lstm_1"], "single": ["single"],
             "gated": ["gated/gru", "gated/gru_1"], "tail": ["tail/layers/gru", "tail/layers/gru_1"]}
    for name, layers in paths.items():
        xs, outputs, final = runs[name]
        run = keras_lstm if isinstance(getattr(model, name), torch.nn.LSTM) else keras_gru
        for index, path in enumerate(layers):
            xs = keras_layer(run, tensors, path, xs, False)
            worst = max(worst, compare("Keras's '%s' layer %d, its final state" % (path, index), xs[-1], final[index]))
        worst = max(worst, compare("Keras's '%s'" % name, xs, outputs))
    return worst


def mlx_folded(state, model):
    """What MLX's GRUs give back: `b` (bias_ih plus bias_hh's reset and update blocks) as bias_ih,
    `bhn` as bias_hh's candidate block, its first two blocks zeros."""
    state = dict(state)
    for path, layer in model.named_modules():
        if not isinstance(layer, torch.nn.GRU) or not layer.bias:
            continue
        suffixes = ["_l%d" % n for n in range(layer.num_layers)]
        if layer.bidirectional:
            suffixes += [suffix + "_reverse" for suffix in suffixes]
        for suffix in suffixes:
            ih, hh = "%s.bias_ih%s" % (path, suffix), "%s.bias_hh%s" % (path, suffix)
            rz = 2 * layer.hidden_size
            state[ih] = state[ih] + torch.cat([state[hh][:rz], torch.zeros_like(state[hh][rz:])])
            state[hh] = torch.cat([torch.zeros_like(state[hh][:rz]), state[hh][rz:]])
    return state


def mlx_gru(tensors, path, xs):
    """mlx.nn.GRU over xs (time, batch, features) from MLX's equations, h starting at zeros: gates
    r, z, n; `b` added to the input's projection, `bhn` to the hidden one's candidate block."""
    wx, wh = tensors[path + ".Wx"], tensors[path + ".Wh"]
    hidden = wh.shape[1]
    b = tensors.get(path + ".b", np.zeros(3 * hidden, np.float32))
    bhn = tensors.get(path + ".bhn", np.zeros(hidden, np.float32))
    h = np.zeros((xs.shape[1], hidden), np.float32)
    outputs = []
    for x in xs:
        projected = x @ wx.T + b
        recurrent = h @ wh.T
        r, z = np.split(sigmoid(projected[:, :2 * hidden] + recurrent[:, :2 * hidden]), 2, axis=-1)
        n = np.tanh(projected[:, 2 * hidden:] + r * (recurrent[:, 2 * hidden:] + bhn))
        h = (1 - z) * n + z * h
        outputs.append(h)
    return np.stack(outputs)


def check_mlx(swhost, temp):
    case = "gru-torch-to-mlx"
    model = load_model(case, "Encoder")
    tensors = migrate(swhost, case, model, "mlx", "middle.npz", temp, fold=mlx_folded)
    # each layer's paths, in order; a pair for a layer of two directions (forward, backward)
    names = {"gru": ["gru"], "stacked": ["stacked.0", "stacked.1"], "plain": ["plain"],
             "both": [("both.0", "both.1")]}
    flat = {name: [p for path in paths for p in (path if isinstance(path, tuple) else (path,))]
            for name, paths in names.items()}
    expected = {prefix + suffix for paths in flat.values() for prefix in paths
                for suffix in (".Wx", ".Wh", ".b", ".bhn")
                if not (prefix == "plain" and suffix in (".b", ".bhn"))} | {"embed.weight"}
    if set(tensors) != expected:
        raise SystemExit("the MLX checkpoint's names differ from mlx.nn.GRU's: %s" % sorted(set(tensors) ^ expected))
    worst = 0.0
    with torch.no_grad():
        x = model.embed(torch.tensor([[1, 4, 2, 9, 0], [3, 3, 7, 5, 8]]))
        for name, paths in names.items():
            out = getattr(model, name)(x)[0]
            xs = x.transpose(0, 1).numpy()
            for path in paths:
                if isinstance(path, tuple):  # MLX runs the backward layer on the reversed steps
                    forward, backward = path
                    xs = np.concatenate([mlx_gru(tensors, forward, xs),
                                         mlx_gru(tensors, backward, xs[::-1])[::-1]], axis=-1)
                else:
                    xs = mlx_gru(tensors, path, xs)
            worst = max(worst, compare("MLX's '%s'" % name, xs, out.transpose(0, 1).numpy()))
            x = out
    return worst


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    swhost = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory(prefix="swrecurrent-") as temp:
        flax = check_flax(swhost, temp)
        keras = max(check_keras(swhost, temp), check_keras_state(swhost, temp))
        mlx = check_mlx(swhost, temp)
    print("back through Flax NNX and Keras (LSTM biases folded); Flax NNX computes PyTorch's outputs "
          "(max |diff| %.3g), Keras's cells in NumPy too (max |diff| %.3g); MLX's GRU in NumPy too "
          "(max |diff| %.3g)" % (flax, keras, mlx))
    return 0


if __name__ == "__main__":
    sys.exit(main())
