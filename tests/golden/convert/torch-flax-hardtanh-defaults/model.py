import torch.nn.functional as F


def clipped(x):
    # jnp.clip without min and max clips nothing: the hub's -1 and 1 must be written out
    return F.hardtanh(x, min_val=-2.0) + F.hardtanh(x, max_val=0.5)
