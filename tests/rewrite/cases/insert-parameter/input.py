class Net:
    def __init__(self, features: int):
        pass

    def forward(self):
        pass


def empty():
    pass
