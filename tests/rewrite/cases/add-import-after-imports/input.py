import torch
from torch import nn

x = 1
