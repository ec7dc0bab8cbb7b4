"""Data-dependent choices: elementwise with torch.where, whole values with if."""
import keras


def soft_clip(x: keras.KerasTensor, limit: float) -> keras.KerasTensor:
    return keras.ops.where(keras.ops.absolute(x) > limit, keras.ops.sign(x) * limit, x)


def leaky(x: keras.KerasTensor) -> keras.KerasTensor:
    return keras.ops.where(x > 0, x, 0.01 * x)


def normalize_if_large(x: keras.KerasTensor) -> keras.KerasTensor:
    norm = keras.ops.sqrt(keras.ops.sum(x * x))
    if norm > 1.0:
        return x / norm
    return x
