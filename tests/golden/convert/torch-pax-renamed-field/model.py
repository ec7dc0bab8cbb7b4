"""A hyper-parameter and an attribute of the same name (`dropout`, `blocks`): a Praxis field
cannot be assigned in setup(), so the field is `<name>_hparam` (traits `renamed-field`) and
the child keeps its name, which is its variables' path; calls of the class pass the field."""
import torch.nn as nn


class Head(nn.Module):
    def __init__(self, width: int, dropout: float = 0.1, blocks: int = 2):
        super().__init__()
        self.dropout = nn.Dropout(p=dropout)
        self.blocks = nn.Sequential(*[nn.Linear(width, width) for _ in range(blocks)])
        self.width = width

    def forward(self, x):
        return self.blocks(self.dropout(x)) * self.width


def make_head():
    return Head(4, dropout=0.2, blocks=3)
