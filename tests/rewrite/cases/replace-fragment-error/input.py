y = f(x)
