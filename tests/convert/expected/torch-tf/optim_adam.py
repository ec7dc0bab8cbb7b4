"""Adam on a small regressor: one training step."""
import tensorflow as tf


class Regressor(tf.keras.Model):
    def __init__(self, features: int):
        super().__init__()
        self.linear = tf.keras.layers.Dense(1, input_dim=features)

    def call(self, x: tf.Tensor) -> tf.Tensor:
        return self.linear(x)


def make_optimizer(model: Regressor, lr: float = 1e-3):
    return tf.keras.optimizers.Adam(learning_rate=lr, epsilon=1e-08)


def train_step(model: Regressor, optimizer, x: tf.Tensor, y: tf.Tensor):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(((model(x) - y) ** 2))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss
