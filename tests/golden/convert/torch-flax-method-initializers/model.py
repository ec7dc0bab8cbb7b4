import torch
from torch import nn


class Table(nn.Module):
    # swin's attention: methods the constructor calls draw the initial values (rngs is passed to
    # them), and a subclass overrides one of them.
    def __init__(self, d: int):
        super().__init__()
        self.fc = nn.Linear(d, d)
        self.define_table(d)
        self.register_buffer("index", self.define_index(d))
        self._init_weights()

    def define_table(self, d: int):
        self.table = nn.Parameter(torch.zeros(d, d))
        nn.init.trunc_normal_(self.table, std=0.02)

    def define_index(self, d: int):
        return torch.arange(d).flip(0)

    def _init_weights(self):
        for m in self.modules():
            if isinstance(m, nn.Linear):
                nn.init.normal_(m.weight, std=0.02)
                nn.init.zeros_(m.bias)

    def forward(self, x):
        return self.fc(x) @ self.table[self.index]


class ScaledTable(Table):
    def define_table(self, d: int):
        self.table = nn.Parameter(torch.ones(d, d))
        nn.init.uniform_(self.table, -0.1, 0.1)
