"""Masking scores before a softmax."""
import keras


def masked_softmax(scores, mask):
    scores = keras.ops.where(mask, -1e9, scores)
    return keras.ops.softmax(scores, axis=-1)


def zero_padding(x, pad_mask):
    return keras.ops.where(pad_mask, 0.0, x)
