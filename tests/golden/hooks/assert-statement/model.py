import torch


def check_width(x: torch.Tensor, width: int):
    torch._assert(x.shape[-1] == width, f"expected width {width}, got {x.shape[-1]}")
    torch._assert(
        x.dim() == 2,
        "a matrix",
    )
    ok = torch._assert(width > 0, "positive")  # its value is used: left, with a warning
    return torch.relu(x)
