class Net:
    def __init__(self):
        super().__init__()  # first
        self.rngs = rngs
        if self.rngs is None:
            raise ValueError("no rngs")
        self.x = 1


import math
y = 2
