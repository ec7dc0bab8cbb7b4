from torch import nn

a = nn.Linear(4, 2, rngs=rngs)
b = nn.ReLU(inplace=True)
c = nn.Linear(
    8, 4,
    2,
)
