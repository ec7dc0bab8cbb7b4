import torch


def normalize_rows(x: torch.Tensor):
    torch._assert(x.dim() == 2, "rows of a matrix")
    norms = x.norm(dim=1, keepdim=True)
    torch._assert((norms > 0).all(), "no zero row")
    return x / norms
