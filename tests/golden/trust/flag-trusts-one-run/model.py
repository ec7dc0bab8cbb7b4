y = f(x)  # a model
