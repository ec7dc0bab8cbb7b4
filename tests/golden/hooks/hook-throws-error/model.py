import alpha

y = alpha.relu(x)
