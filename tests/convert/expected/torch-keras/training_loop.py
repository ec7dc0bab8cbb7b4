"""A whole training loop: epochs of Adam steps, then an evaluation without gradients."""
import torch
import keras


class Net(keras.Layer):
    def __init__(self, features: int):
        super().__init__()
        self.hidden = keras.layers.Dense(16, input_dim=features)
        self.out = keras.layers.Dense(1, input_dim=16)

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        return self.out(keras.ops.relu(self.hidden(x)))


def train(model: Net, batches, epochs: int = 3):
    # switcheroo: cannot convert 'torch.optim.Adam' to 'keras': Keras optimizers take no parameters: training is model.compile(optimizer, loss) + model.fit, not converted yet
    # switcheroo: no mapping for 'torch.nn.Module.parameters' to 'keras'
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    for _ in range(epochs):
        for x, y in batches:
            # switcheroo: no mapping for 'torch.optim.Optimizer.zero_grad' to 'keras'
            optimizer.zero_grad()
            loss = keras.ops.mean(((model(x) - y) ** 2))
            # switcheroo: no mapping for 'torch.Tensor.backward' to 'keras'
            loss.backward()
            # switcheroo: no mapping for 'torch.optim.Optimizer.step' to 'keras'
            optimizer.step()
    return model


def evaluate(model: Net, x: keras.KerasTensor, y: keras.KerasTensor):
    # switcheroo: no mapping for 'torch.no_grad' to 'keras'
    with torch.no_grad():
        error = keras.ops.mean(((model(x) - y) ** 2))
    return error
