import torch
import numpy as np
from torch import nn
import jax.numpy as jnp

x = torch.zeros(3)
layer = nn.Linear(2, 2)
y = jnp.asarray(np.ones(2))
