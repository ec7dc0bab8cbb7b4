import minigrad as mg


def make_head(features: int, classes: int):
    return mg.nn.Sequential([mg.nn.Dense(features, 32), mg.nn.ReLU(), mg.nn.Dense(32, classes)])
