"""Python side effects in a forward pass and a training step, reported towards a framework whose
functions are traced once: printing, file I/O, Python's random module, writes to globals."""
import random

import torch
import torch.nn as nn

STEPS = 0
HISTORY = {}


class Noisy(nn.Module):
    def __init__(self, d: int):
        super().__init__()
        self.fc = nn.Linear(d, d)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        print("shape", x.shape)
        global STEPS
        STEPS += 1
        HISTORY["last"] = x
        jitter = random.random()
        return self.fc(x) * jitter

    def describe(self) -> str:
        print("a layer")  # not traced: no report
        return "noisy"


def train_step(model, optimizer, x, y):
    optimizer.zero_grad()
    loss = ((model(x) - y) ** 2).mean()
    loss.backward()
    optimizer.step()
    with open("loss.txt", "a") as log:
        log.write(str(loss.item()))
    return loss
