"""Keras training read back as PyTorch: compile + train_on_batch is one step, compile + fit a
loop, and an optimizer's global_clipnorm a clip before each update."""
import keras


class Regressor(keras.Model):
    def __init__(self, features: int):
        super().__init__()
        self.linear = keras.layers.Dense(1, input_dim=features)

    def call(self, x):
        return self.linear(x)


def squared_error(y_true, y_pred):
    return keras.ops.mean(keras.ops.square(y_pred - y_true))


def make_optimizer(model: Regressor):
    # Keras optimizers hold no parameters: the model compiled in the file gives them
    return keras.optimizers.Adam(learning_rate=1e-3, global_clipnorm=0.5)


def train_step(model: Regressor, optimizer, x, y):
    model.compile(optimizer=optimizer, loss=squared_error)
    loss = model.train_on_batch(x, y)
    return loss


def quiet_step(model: Regressor, optimizer, inputs, targets):
    model.compile(optimizer=optimizer, loss=squared_error)
    model.train_on_batch(inputs, targets)


def train(model: Regressor, optimizer, batches, epochs: int):
    model.compile(optimizer=optimizer, loss=squared_error)
    model.fit(batches, epochs=epochs)


def logged_step(model: Regressor, optimizer, x, y):
    model.compile(optimizer=optimizer, loss=squared_error)
    logs = model.train_on_batch(x, y, return_dict=True)
    return logs
