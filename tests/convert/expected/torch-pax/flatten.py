"""Flattening feature maps before a classifier."""


def flatten_features(x):
    return x.reshape(x.shape[0], -1)


def flatten_all(x):
    return x.reshape(-1)


def merge_middle(x):
    return x.reshape(x.shape[:1] + (-1,) + x.shape[3:])


def view_batch(x):
    return x.reshape(x.shape[0], -1)
