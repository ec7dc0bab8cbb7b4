"""Masking scores before a softmax."""
import jax
import numpy as np


def masked_softmax(scores, mask):
    scores = np.where(mask, -1e9, scores)
    # switcheroo: no mapping for 'jax.nn.softmax' to 'numpy'
    return jax.nn.softmax(scores, axis=-1)
