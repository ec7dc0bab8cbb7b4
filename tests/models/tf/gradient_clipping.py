"""A training step whose gradients are clipped to a global norm before Adam, recorded on a tape:
the optimizer clips (global_clipnorm) when it applies the gradients."""
import tensorflow as tf


class Classifier(tf.keras.Model):
    def __init__(self, features: int, classes: int):
        super().__init__()
        self.linear = tf.keras.layers.Dense(classes, input_dim=features)

    def call(self, x):
        return self.linear(x)


def make_optimizer(model: Classifier):
    return tf.keras.optimizers.Adam(learning_rate=3e-4, epsilon=1e-08, global_clipnorm=1.0)


def train_step(model: Classifier, optimizer, x, y):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.math.square(model(x) - y))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss
