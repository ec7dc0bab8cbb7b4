def f(x):
    # a comment that stays
    x.cuda()
    return x


def g(x):
    x.detach()
