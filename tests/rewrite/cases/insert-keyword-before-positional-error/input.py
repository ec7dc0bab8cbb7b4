from torch import nn

a = nn.Linear(4, 2)
b = nn.ReLU()
c = nn.Linear(
    4,
    2,
)
