import torch
import torch.nn.functional as F


def noise_like(x, scale=1.0):
    return scale * torch.randn_like(x)


def perturb(x):
    # one draw per call of noise_like, one of its own
    shifted = x + noise_like(x)
    mask = torch.bernoulli(torch.full(x.shape, 0.5))
    return shifted * mask


def walk(steps, width):
    position = torch.zeros(width)
    for _ in range(steps):
        position = position + torch.normal(0.0, 1.0, size=(width,))
    return position


def pick(probs, data):
    index = torch.multinomial(probs, 2)
    order = torch.randperm(data.shape[0])
    labels = torch.randint(0, 10, (4,))
    return data[order][index], labels


def regularize(x, rate, training):
    return F.dropout(x, rate, training)


def run():
    torch.manual_seed(42)
    x = torch.rand(3, 4)
    return perturb(x), walk(5, 2)


def with_helper(x):
    def jitter(y):
        return y + torch.rand(y.shape)

    return jitter(x)
