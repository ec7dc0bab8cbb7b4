"""Keras loss objects read back as PyTorch's: loss(target, prediction) becomes
loss(prediction, target). Cross-entropy from logits reads as nn.CrossEntropyLoss with its
reduction; from probabilities (from_logits=False) it is reported."""
import tensorflow as tf


class Objective(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.classify = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
        self.summed = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True, reduction="sum")
        self.regress = tf.keras.losses.MeanSquaredError()
        self.probabilities = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=False)

    def call(self, logits, labels, guess, truth):
        total = self.classify(labels, logits) + self.summed(labels, logits)
        total = total + self.regress(truth, guess)
        return total + self.probabilities(labels, logits)
