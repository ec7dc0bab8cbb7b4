"""`nn` names mlx.nn here and torch.nn in the output: a hook writing after the import fixer
spells the name in full."""
from mlx import nn


def make_head(features: int, classes: int) -> nn.Sequential:
    return nn.Sequential(lambda x: x.reshape(x.shape[0], -1), nn.Linear(features, classes))
