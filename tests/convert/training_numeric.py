#!/usr/bin/python3
"""Training steps converted, then trained: a Flax NNX (or Keras, TensorFlow, MLX) training model
converted to PyTorch (and a PyTorch one converted to Flax NNX, Keras, TensorFlow or MLX, and
back) must train exactly as the
PyTorch model written by hand. Each version builds the same module from the same seed, trains it on the same batches
with its own optimizer and step code, and the losses and final parameters are compared.

usage: training_numeric.py SWHOST MODELS_DIR
"""
import importlib.util
import os
import subprocess
import sys
import tempfile

import torch

# Frameworks besides Flax NNX whose training form converts both ways, with the model files
# they can express: each is converted there and back, and their hand-written file (where
# tests/models/<framework> has one) to PyTorch.
OTHER_FORMS = {
    # model.compile + model.fit, or model.train_on_batch; an optimizer's global_clipnorm
    "keras": ["optim_adam.py", "gradient_clipping.py", "training_loop.py"],
    # tf.GradientTape + apply_gradients; an optimizer's global_clipnorm
    "tf": ["optim_adam.py", "gradient_clipping.py", "training_loop.py"],
    # nn.value_and_grad + optimizer.update + mx.eval, optim.clip_grad_norm
    "mlx": ["optim_adam.py", "gradient_clipping.py", "training_loop.py"],
}
# model file -> how to build the module and what to train it on
MODELS = {
    "optim_adam.py": ("Regressor", (4,), 1),
    "gradient_clipping.py": ("Classifier", (4, 3), 3),
    "training_loop.py": ("Net", (4,), 1),
}


def convert(swhost, path, source, target, out):
    result = subprocess.run([swhost, "convert", path, "--source", source, "--target", target,
                             "--out", out], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{path}: swhost convert {source} -> {target} failed:\n{result.stderr}")
    return out


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def batches(outputs):
    generator = torch.Generator().manual_seed(7)
    # Large targets: the gradients are big enough for a clip at norm 1 to act.
    return [(torch.randn(8, 4, generator=generator),
             10 * torch.randn(8, outputs, generator=generator)) for _ in range(5)]


def train(module, model_file, class_name, sizes, outputs):
    torch.manual_seed(0)
    model = getattr(module, class_name)(*sizes)
    data = batches(outputs)
    if model_file == "training_loop.py":
        module.train(model, data, epochs=2)
        losses = [float(module.evaluate(model, x, y)) for x, y in data]
    else:
        optimizer = module.make_optimizer(model)
        losses = [float(module.train_step(model, optimizer, x, y)) for x, y in data * 2]
    return losses, [p.detach().clone() for p in model.parameters()]


def main():
    swhost, models = sys.argv[1], sys.argv[2]
    checked = 0
    with tempfile.TemporaryDirectory() as work:
        for model_file, (class_name, sizes, outputs) in MODELS.items():
            written = os.path.join(models, "torch", model_file)
            versions = {
                "flax -> torch": convert(swhost, os.path.join(models, "flax", model_file), "flax",
                                         "torch", os.path.join(work, "from_flax_" + model_file)),
            }
            there = convert(swhost, written, "torch", "flax",
                            os.path.join(work, "flax_" + model_file))
            versions["torch -> flax -> torch"] = convert(
                swhost, there, "flax", "torch", os.path.join(work, "back_" + model_file))
            for framework, files in OTHER_FORMS.items():
                if model_file not in files:
                    continue
                hand_written = os.path.join(models, framework, model_file)
                if os.path.exists(hand_written):
                    versions[f"{framework} -> torch"] = convert(
                        swhost, hand_written, framework, "torch",
                        os.path.join(work, f"from_{framework}_" + model_file))
                there = convert(swhost, written, "torch", framework,
                                os.path.join(work, f"{framework}_" + model_file))
                versions[f"torch -> {framework} -> torch"] = convert(
                    swhost, there, framework, "torch",
                    os.path.join(work, f"back_{framework}_" + model_file))
            expected_losses, expected_params = train(load(written, "written"), model_file,
                                                     class_name, sizes, outputs)
            for label, path in versions.items():
                losses, params = train(load(path, label.replace(" ", "_")), model_file,
                                       class_name, sizes, outputs)
                if len(losses) != len(expected_losses) or not torch.allclose(
                        torch.tensor(losses), torch.tensor(expected_losses), rtol=1e-6):
                    sys.exit(f"{model_file} ({label}): losses {losses} != {expected_losses}")
                for got, want in zip(params, expected_params):
                    if not torch.allclose(got, want, rtol=1e-6, atol=1e-7):
                        sys.exit(f"{model_file} ({label}): trained parameters differ")
                checked += 1
    print(f"training: {checked} converted training files train as the PyTorch originals")


if __name__ == "__main__":
    main()
