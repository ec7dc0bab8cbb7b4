def f(x):
    # a comment that stays
    return x


def g(x):
    pass
