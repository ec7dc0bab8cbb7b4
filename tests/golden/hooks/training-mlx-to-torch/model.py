import mlx.core as mx
import mlx.nn as nn
import mlx.optimizers as optim


class Regressor(nn.Module):
    def __init__(self, features: int):
        super().__init__()
        self.linear = nn.Linear(features, 1)

    def __call__(self, x: mx.array) -> mx.array:
        return self.linear(x)


def make_optimizer(model: Regressor):
    # MLX optimizers hold no parameters: the model the file's updates train gives them
    return optim.AdamW(learning_rate=1e-3, betas=[0.9, 0.98], bias_correction=True)


def clipped_step(model: Regressor, optimizer, x: mx.array, y: mx.array):
    def loss_fn(model):
        return nn.losses.mse_loss(model(x), y)

    loss, grads = nn.value_and_grad(model, loss_fn)(model)
    grads, _ = optim.clip_grad_norm(grads, 0.5)
    optimizer.update(model, grads)
    mx.eval(model.parameters(), optimizer.state)
    return loss


def train(model: Regressor, batches, epochs: int = 2):
    optimizer = optim.SGD(learning_rate=0.1, momentum=0.9)
    for _ in range(epochs):
        for x, y in batches:
            def loss_fn(model):
                return nn.losses.mse_loss(model(x), y)

            loss, grads = nn.value_and_grad(model, loss_fn)(model)
            optimizer.update(model, grads)
            mx.eval(model.parameters(), optimizer.state)
    return model


def logged_step(model: Regressor, optimizer, x: mx.array, y: mx.array):
    def loss_fn(model):
        return nn.losses.mse_loss(model(x), y)

    loss, grads = nn.value_and_grad(model, loss_fn)(model)
    print(grads)
    optimizer.update(model, grads)
    return loss
