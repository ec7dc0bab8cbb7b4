def f(self, a, b):
    pass


def g(x):
    pass
