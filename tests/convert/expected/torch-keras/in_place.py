"""In-place updates (issue 21): methods, functions, stores on views, item and masked
assignment, and updates whose value is used."""
import keras


def masked_scores(q: keras.KerasTensor, k: keras.KerasTensor, pad: keras.KerasTensor):
    scores = keras.ops.matmul(q, keras.ops.swapaxes(k, -2, -1))
    scores = keras.ops.divide(scores, q.shape[-1] ** 0.5)
    scores = keras.ops.where(pad[:, None, :], -1e9, scores)
    # switcheroo: 'scores' is updated at an index in place, and 'keras' updates at one index of the first axis only, counted from the start: it cannot be made functional
    scores[:, :, 0] = 0.0
    return keras.ops.softmax(scores, -1)


def clipped(x: keras.KerasTensor):
    y = keras.ops.tanh(x)
    y = keras.ops.add(keras.ops.multiply(y, 2.0), 1.0)
    y = keras.ops.clip(y, x_min=-0.5, x_max=2.5)
    y = keras.ops.where(y < 0, 0.0, y)
    y = keras.ops.relu(y)
    # switcheroo: 'y' is updated at an index in place, and 'keras' updates at one index of the first axis only, counted from the start: it cannot be made functional
    y[:, 0] += 1.0
    # switcheroo: 'y' is updated at an index in place, and 'keras' updates at one index of the first axis only, counted from the start: it cannot be made functional
    y[:, 1] -= 0.25
    # switcheroo: 'y' is updated at an index in place, and 'keras' updates at one index of the first axis only, counted from the start: it cannot be made functional
    y[:, 2] *= 3.0
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
        # switcheroo: 'h' is updated at an index in place, and 'keras' updates at one index of the first axis only, counted from the start: it cannot be made functional
        h[:, -1].zero_()
        # switcheroo: 'h' is updated at an index in place, and 'keras' updates at one index of the first axis only, counted from the start: it cannot be made functional
        h[:, 0].fill_(0.25)
        h = keras.ops.where(h > 0.3, h * 2.0, h)
        out = keras.ops.sigmoid(h)
        # switcheroo: 'out' is updated at an index in place, and 'keras' updates at one index of the first axis only, counted from the start: it cannot be made functional
        out[:, 1] = 1.0
        return out
