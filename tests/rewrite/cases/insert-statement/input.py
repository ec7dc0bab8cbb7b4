class Net:
    def __init__(self):
        super().__init__()  # first
        self.x = 1


y = 2
