x = torch.relu(x)
