@nnx.jit
def evaluate(model):
    return model


class A:
    @staticmethod
    def step(self):
        pass
