y = f(g(x))
