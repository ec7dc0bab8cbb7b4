"""Python side effects in a forward pass and a training step, reported towards a framework whose
functions are traced once: printing, file I/O, Python's random module, writes to globals. Only
the traced part of a training step counts: its loss computation, not the logging after it."""
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


def train(model, optimizer, batches):
    for x, y in batches:
        print("before the step")  # not traced
        optimizer.zero_grad()
        loss = ((model(x) - y) ** 2).mean()
        print("loss", loss)
        loss.backward()
        optimizer.step()
        with open("loss.txt", "a") as log:  # not traced
            log.write(str(loss.item()))
