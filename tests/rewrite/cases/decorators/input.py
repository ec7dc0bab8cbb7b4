@torch.no_grad()
def evaluate(model):
    return model


class A:
    def step(self):
        pass
