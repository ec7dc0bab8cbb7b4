def f(self, y=2, *, z):
    pass


def g():
    pass
