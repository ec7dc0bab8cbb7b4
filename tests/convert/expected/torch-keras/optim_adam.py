"""Adam on a small regressor: one training step."""
import keras


class Regressor(keras.Model):
    def __init__(self, features: int):
        super().__init__()
        self.linear = keras.layers.Dense(1, input_dim=features)

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        return self.linear(x)


def make_optimizer(model: Regressor, lr: float = 1e-3):
    return keras.optimizers.Adam(learning_rate=lr, epsilon=1e-08)


def train_step(model: Regressor, optimizer, x: keras.KerasTensor, y: keras.KerasTensor):
    def loss_fn(y, y_pred):
        loss = keras.ops.mean(((y_pred - y) ** 2))
        return loss
    model.compile(optimizer=optimizer, loss=loss_fn)
    loss = model.train_on_batch(x, y)
    return loss
