def f(self, x, y=2, *, z):
    pass


def g(only):
    pass
