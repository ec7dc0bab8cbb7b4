import torch, os
from torch import nn, optim
import torch.nn.functional as F
x = 1
