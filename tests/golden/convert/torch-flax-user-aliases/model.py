import numpy as np
import torch as th
import torch.nn.functional as fn
import jax.numpy as xp


def pool(x, table):
    weights = fn.softmax(th.matmul(x, xp.asarray(table)), dim=-1)
    return th.sum(weights, dim=0), np.zeros(3)
