"""1-D pools built for functional pools (golden torch-mlx-hoisted-pools-1d) read back as
nn.MaxPool1d / nn.AvgPool1d layers of PyTorch, on (N, C, W) again."""
import mlx.core as mx
from mlx import nn


class SequencePool(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.conv = nn.Conv1d(channels, channels, 3, padding=1)
        self.max_pool1d = nn.MaxPool1d(2)
        self.avg_pool1d = nn.AvgPool1d(kernel_size=3, stride=1)

    def __call__(self, x: mx.array) -> mx.array:
        h = self.max_pool1d(nn.relu(self.conv(x)))
        return self.avg_pool1d(h)
