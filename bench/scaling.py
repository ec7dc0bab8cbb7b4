#!/usr/bin/python3
"""Conversion cost against file size: generates PyTorch model files of about N lines (module
classes with layers built in __init__ and called in forward, helper functions, functional
calls), converts each to Flax NNX with whole swhost processes under /usr/bin/time -v, and prints
the median CPU time, the cost per line and the peak memory of each size. A linear conversion
shows a flat cost per line.

usage: scaling.py SWHOST [LINES...] [--runs N]      (default: 1000 10000 50000, 3 runs)
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile

BLOCK = """class Block{i}(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.fc = nn.Linear(width, width)
        self.norm = nn.LayerNorm(width)
        self.drop = nn.Dropout(0.1)

    def forward(self, x):
        y = self.fc(x)
        y = torch.relu(y)
        y = self.drop(self.norm(y + x))
        return F.softmax(y, dim=-1)


def helper{i}(x, w):
    z = torch.matmul(x, w)
    z = torch.tanh(z) + torch.sigmoid(z)
    return torch.sum(z * z, dim=0)


"""
HEADER = "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\n\n"


def model_source(lines):
    block_lines = BLOCK.count("\n")
    blocks = max(1, (lines - HEADER.count("\n")) // block_lines)
    return HEADER + "".join(BLOCK.format(i=i) for i in range(blocks))


def measure(swhost, path):
    result = subprocess.run(["/usr/bin/time", "-v", swhost, "convert", path, "--source", "torch",
                             "--target", "flax"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, check=True)
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", result.stderr).group(1))
    system = float(re.search(r"System time \(seconds\): ([\d.]+)", result.stderr).group(1))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1))
    return user + system, rss / 1024


def main():
    arguments = sys.argv[1:]
    runs = 3
    if "--runs" in arguments:
        at = arguments.index("--runs")
        runs = int(arguments[at + 1])
        del arguments[at:at + 2]
    if not arguments:
        sys.exit(__doc__)
    swhost = os.path.abspath(arguments[0])
    sizes = [int(size) for size in arguments[1:]] or [1000, 10000, 50000]
    print(f"{'lines':>7} {'median CPU s':>13} {'us per line':>12} {'peak MB':>8}")
    with tempfile.TemporaryDirectory(prefix="swscaling-") as work:
        for size in sizes:
            path = os.path.join(work, f"model{size}.py")
            source = model_source(size)
            with open(path, "w") as handle:
                handle.write(source)
            lines = source.count("\n")
            samples = [measure(swhost, path) for _ in range(runs)]
            cpu = statistics.median(sample[0] for sample in samples)
            rss = statistics.median(sample[1] for sample in samples)
            print(f"{lines:>7} {cpu:>13.2f} {cpu / lines * 1e6:>12.1f} {rss:>8.0f}")


if __name__ == "__main__":
    main()
