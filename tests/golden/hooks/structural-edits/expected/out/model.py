import alpha
from alpha import nn
from alpha import relu, seed


class Net(alpha.Module, metaclass=alpha.Meta):
    """A network."""

    def __init__(self, width):
        super().__init__()
        self.width = width

    @alpha.compile(fullgraph=True)
    def forward(self, x, *, scale=1.0, training=False):
        def inner(y):
            return y
        alpha.check(x)
        x = relu(x)  # activation
        return inner(x) * scale


@alpha.compile(fullgraph=True)
@staticmethod
def helper(a, /, b):
    pass
