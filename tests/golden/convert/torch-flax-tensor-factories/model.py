import torch


def factories(h):
    # new tensors in h's dtype, casts and broadcasts by another tensor
    b, t, d = h.shape
    z = h.new_zeros(b, t, d).type_as(h)
    o = h.new_ones((b, d))
    f = h.new_full((2, d), 3.0)
    e = h.mean(1, keepdim=True).expand_as(h)
    return z + e, o, f, h.new_zeros(b, dtype=torch.int64)
