import torch
from torch import nn
import jax.numpy as jnp
from flax import nnx

x = 1
