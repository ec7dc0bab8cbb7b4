import alpha
from alpha import legacy, nn
from alpha import relu, seed


class Net(alpha.Module, metaclass=alpha.Meta):
    """A network."""

    def __init__(self, width):
        super().__init__()
        seed(0)
        self.width = width

    @alpha.jit
    def forward(self, x, unused, *, scale=1.0):
        def inner(y):
            return y
        x = relu(x)  # activation
        return inner(x) * scale


@staticmethod
@alpha.jit
def helper(a, /, b):
    alpha.seed(1)
