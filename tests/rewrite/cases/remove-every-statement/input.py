def f(self, a, b):
    super().__init__()
    self.a = a
    self.b = b


def g(x):
    x.cuda()
    return x
