import numpy as np


def augment(x):
    noise = np.random.normal(0.0, 0.1, x.shape)
    flip = np.random.random_sample(x.shape[0]) < 0.5
    return np.where(flip[:, None], -x, x) + noise


def shuffled(data):
    return data[np.random.permutation(data.shape[0])]


np.random.seed(7)
batch = augment(np.random.randn(4, 3))
