import torch.nn as nn


# Layers built and called in one expression: each becomes a function called in place, which
# must be parenthesized, or it would swallow the rest of the expression.
class Scored(nn.Module):
    def __init__(self, width: int):
        super().__init__()
        self.fc = nn.Linear(width, width)
        self.loss = nn.CrossEntropyLoss()

    def forward(self, x, y, img):
        z = self.fc(x)
        pooled = nn.AdaptiveAvgPool2d((2, 3))(img).sum()
        kept = nn.Identity()(z) * 2
        chosen = nn.Identity()(z) if pooled > 0 else z
        flat = nn.Flatten()(img).mean() * 3
        return nn.CrossEntropyLoss()(z, y) + self.loss(kept, y) + pooled + chosen.mean() + flat
