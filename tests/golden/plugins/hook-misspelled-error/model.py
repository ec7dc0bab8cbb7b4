import torch

x = torch.relu(y)
