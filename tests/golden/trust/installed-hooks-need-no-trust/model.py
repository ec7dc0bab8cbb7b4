x = torch.flatten(x, 1)
