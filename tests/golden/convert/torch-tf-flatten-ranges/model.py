"""TensorFlow's flatten: the batch axis kept is tf.reshape to (batch, -1); another range joins the
sizes before and after it, as a list of tf.shape's elements, around -1."""
import torch


def features(x):
    return torch.flatten(x, 1)


def everything(x):
    return x.flatten()


def middle(x):
    return torch.flatten(x, start_dim=1, end_dim=2)
