"""In-place updates (issue 21): methods, functions, stores on views, item and masked
assignment, and updates whose value is used."""
import keras


def masked_scores(q: keras.KerasTensor, k: keras.KerasTensor, pad: keras.KerasTensor):
    scores = keras.ops.matmul(q, keras.ops.swapaxes(k, -2, -1))
    scores = keras.ops.divide(scores, q.shape[-1] ** 0.5)
    scores = keras.ops.where(pad[:, None, :], -1e9, scores)
    scores = keras.ops.where(keras.ops.reshape(keras.ops.arange(keras.ops.shape(scores)[2]) == 0 % keras.ops.shape(scores)[2], (-1,) + (1,) * (len(keras.ops.shape(scores)) - 2 - 1)), keras.ops.expand_dims(keras.ops.zeros_like(scores[:, :, 0]) + (0.0), 2), scores)
    return keras.ops.softmax(scores, -1)


def clipped(x: keras.KerasTensor):
    y = keras.ops.tanh(x)
    y = keras.ops.add(keras.ops.multiply(y, 2.0), 1.0)
    y = keras.ops.clip(y, x_min=-0.5, x_max=2.5)
    y = keras.ops.where(y < 0, 0.0, y)
    y = keras.ops.relu(y)
    y = keras.ops.where(keras.ops.reshape(keras.ops.arange(keras.ops.shape(y)[1]) == 0 % keras.ops.shape(y)[1], (-1,) + (1,) * (len(keras.ops.shape(y)) - 1 - 1)), keras.ops.expand_dims(keras.ops.zeros_like(y[:, 0]) + (y[:, 0] + 1.0), 1), y)
    y = keras.ops.where(keras.ops.reshape(keras.ops.arange(keras.ops.shape(y)[1]) == 1 % keras.ops.shape(y)[1], (-1,) + (1,) * (len(keras.ops.shape(y)) - 1 - 1)), keras.ops.expand_dims(keras.ops.zeros_like(y[:, 1]) + (y[:, 1] - 0.25), 1), y)
    y = keras.ops.where(keras.ops.reshape(keras.ops.arange(keras.ops.shape(y)[1]) == 2 % keras.ops.shape(y)[1], (-1,) + (1,) * (len(keras.ops.shape(y)) - 1 - 1)), keras.ops.expand_dims(keras.ops.zeros_like(y[:, 2]) + (y[:, 2] * 3.0), 1), y)
    return y


def activated(x: keras.KerasTensor):
    y = x * 1.5
    y = keras.ops.relu(y)
    z = keras.ops.sigmoid(x - 0.5)
    w = (y := keras.ops.tanh(keras.ops.multiply(y, 0.5)))
    return y + z + w + keras.ops.relu(y - 0.25)


class InPlaceBlock(keras.Model):
    def __init__(self, d):
        super().__init__()
        self.proj = keras.layers.Dense(d, input_dim=d)

    def call(self, x):
        h = self.proj(x)
        h = keras.ops.multiply(h, 0.5)
        h = keras.ops.where(keras.ops.reshape(keras.ops.arange(keras.ops.shape(h)[1]) == (-1) % keras.ops.shape(h)[1], (-1,) + (1,) * (len(keras.ops.shape(h)) - 1 - 1)), keras.ops.expand_dims(keras.ops.zeros_like(h[:, -1]) + (0), 1), h)
        h = keras.ops.where(keras.ops.reshape(keras.ops.arange(keras.ops.shape(h)[1]) == 0 % keras.ops.shape(h)[1], (-1,) + (1,) * (len(keras.ops.shape(h)) - 1 - 1)), keras.ops.expand_dims(keras.ops.zeros_like(h[:, 0]) + (0.25), 1), h)
        h = keras.ops.where(h > 0.3, h * 2.0, h)
        out = keras.ops.sigmoid(h)
        out = keras.ops.where(keras.ops.reshape(keras.ops.arange(keras.ops.shape(out)[1]) == 1 % keras.ops.shape(out)[1], (-1,) + (1,) * (len(keras.ops.shape(out)) - 1 - 1)), keras.ops.expand_dims(keras.ops.zeros_like(out[:, 1]) + (1.0), 1), out)
        return out
