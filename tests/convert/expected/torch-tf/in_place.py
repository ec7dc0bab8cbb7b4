"""In-place updates (issue 21): methods, functions, stores on views, item and masked
assignment, and updates whose value is used."""
import tensorflow as tf


def masked_scores(q: tf.Tensor, k: tf.Tensor, pad: tf.Tensor):
    scores = tf.matmul(q, (lambda x, a, b: tf.transpose(x, perm=(lambda n: [b % n if d == a % n else a % n if d == b % n else d for d in range(n)])(len(x.shape))))(k, -2, -1))
    scores = tf.math.divide(scores, q.shape[-1] ** 0.5)
    scores = tf.where(pad[:, None, :], -1e9, scores)
    scores = tf.where(tf.reshape(tf.range(tf.shape(scores)[2]) == 0 % tf.shape(scores)[2], [-1] + [1] * (len(scores.shape) - 2 - 1)), tf.expand_dims(tf.zeros_like(scores[:, :, 0]) + (0.0), 2), scores)
    return tf.nn.softmax(scores, -1)


def clipped(x: tf.Tensor):
    y = tf.math.tanh(x)
    y = tf.math.add(tf.math.multiply(y, 2.0), 1.0)
    y = tf.clip_by_value(y, clip_value_min=-0.5, clip_value_max=2.5)
    y = tf.where(y < 0, 0.0, y)
    y = tf.nn.relu(y)
    y = tf.where(tf.reshape(tf.range(tf.shape(y)[1]) == 0 % tf.shape(y)[1], [-1] + [1] * (len(y.shape) - 1 - 1)), tf.expand_dims(tf.zeros_like(y[:, 0]) + (y[:, 0] + 1.0), 1), y)
    y = tf.where(tf.reshape(tf.range(tf.shape(y)[1]) == 1 % tf.shape(y)[1], [-1] + [1] * (len(y.shape) - 1 - 1)), tf.expand_dims(tf.zeros_like(y[:, 1]) + (y[:, 1] - 0.25), 1), y)
    y = tf.where(tf.reshape(tf.range(tf.shape(y)[1]) == 2 % tf.shape(y)[1], [-1] + [1] * (len(y.shape) - 1 - 1)), tf.expand_dims(tf.zeros_like(y[:, 2]) + (y[:, 2] * 3.0), 1), y)
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
        h = tf.where(tf.reshape(tf.range(tf.shape(h)[1]) == (-1) % tf.shape(h)[1], [-1] + [1] * (len(h.shape) - 1 - 1)), tf.expand_dims(tf.zeros_like(h[:, -1]) + (0), 1), h)
        h = tf.where(tf.reshape(tf.range(tf.shape(h)[1]) == 0 % tf.shape(h)[1], [-1] + [1] * (len(h.shape) - 1 - 1)), tf.expand_dims(tf.zeros_like(h[:, 0]) + (0.25), 1), h)
        h = tf.where(h > 0.3, h * 2.0, h)
        out = tf.math.sigmoid(h)
        out = tf.where(tf.reshape(tf.range(tf.shape(out)[1]) == 1 % tf.shape(out)[1], [-1] + [1] * (len(out.shape) - 1 - 1)), tf.expand_dims(tf.zeros_like(out[:, 1]) + (1.0), 1), out)
        return out
