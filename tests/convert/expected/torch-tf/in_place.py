"""In-place updates (issue 21): methods, functions, stores on views, item and masked
assignment, and updates whose value is used."""
import tensorflow as tf


def masked_scores(q: tf.Tensor, k: tf.Tensor, pad: tf.Tensor):
    scores = tf.matmul(q, (lambda x, a, b: tf.transpose(x, perm=(lambda n: [b % n if d == a % n else a % n if d == b % n else d for d in range(n)])(len(x.shape))))(k, -2, -1))
    scores = tf.math.divide(scores, q.shape[-1] ** 0.5)
    scores = tf.where(pad[:, None, :], -1e9, scores)
    # switcheroo: 'scores' is updated at an index in place, and 'tensorflow' updates at one index of the first axis only, counted from the start: it cannot be made functional
    scores[:, :, 0] = 0.0
    return tf.nn.softmax(scores, -1)


def clipped(x: tf.Tensor):
    y = tf.math.tanh(x)
    y = tf.math.add(tf.math.multiply(y, 2.0), 1.0)
    y = tf.clip_by_value(y, clip_value_min=-0.5, clip_value_max=2.5)
    y = tf.where(y < 0, 0.0, y)
    y = tf.nn.relu(y)
    # switcheroo: 'y' is updated at an index in place, and 'tensorflow' updates at one index of the first axis only, counted from the start: it cannot be made functional
    y[:, 0] += 1.0
    # switcheroo: 'y' is updated at an index in place, and 'tensorflow' updates at one index of the first axis only, counted from the start: it cannot be made functional
    y[:, 1] -= 0.25
    # switcheroo: 'y' is updated at an index in place, and 'tensorflow' updates at one index of the first axis only, counted from the start: it cannot be made functional
    y[:, 2] *= 3.0
    return y


def activated(x: tf.Tensor):
    y = x * 1.5
    y = tf.nn.relu(y)
    z = tf.math.sigmoid(x - 0.5)
    w = (y := tf.math.tanh(tf.math.multiply(y, 0.5)))
    return y + z + w + tf.nn.relu(y - 0.25)


class InPlaceBlock(tf.keras.Model):
    def __init__(self, d):
        super().__init__()
        self.proj = tf.keras.layers.Dense(d, input_dim=d)

    def call(self, x):
        h = self.proj(x)
        h = tf.math.multiply(h, 0.5)
        # switcheroo: 'h' is updated at an index in place, and 'tensorflow' updates at one index of the first axis only, counted from the start: it cannot be made functional
        h[:, -1].zero_()
        # switcheroo: 'h' is updated at an index in place, and 'tensorflow' updates at one index of the first axis only, counted from the start: it cannot be made functional
        h[:, 0].fill_(0.25)
        h = tf.where(h > 0.3, h * 2.0, h)
        out = tf.math.sigmoid(h)
        # switcheroo: 'out' is updated at an index in place, and 'tensorflow' updates at one index of the first axis only, counted from the start: it cannot be made functional
        out[:, 1] = 1.0
        return out
