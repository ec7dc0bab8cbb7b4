import torch
import torch.nn as nn


def fit(model: nn.Module, data, steps: int):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    for step in range(steps):
        x, y = data[step]
        prediction = model(x)
        loss = ((prediction - y) ** 2).sum()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return model.parameters()


def adamw(model: nn.Module):
    return torch.optim.AdamW(model.parameters(), lr=1e-3, betas=(0.8, 0.99), weight_decay=0.05)


def unsupported(model: nn.Module):
    # amsgrad has no optax form: left as it was
    return torch.optim.Adam(model.parameters(), amsgrad=True)
