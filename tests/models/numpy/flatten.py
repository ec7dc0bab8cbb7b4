"""Flattening feature maps before a classifier."""
import numpy as np


def flatten_features(x):
    return x.reshape(x.shape[0], -1)


def flatten_all(x):
    return np.ravel(x)
