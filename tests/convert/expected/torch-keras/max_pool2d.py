"""Convolution followed by 2x2 max pooling, as a layer and as a function, then a 3x3 pool with
stride 2 that keeps the partial window at the edge (ceil_mode, as in GoogLeNet and SqueezeNet)."""
import torch.nn as nn
import keras


class ConvPool(keras.Model):
    def __init__(self, channels: int):
        super().__init__()
        self.conv = keras.layers.Conv2D(channels, 3, input_shape=(None, None, channels), padding='same')
        self.pool = keras.layers.MaxPooling2D(pool_size=2)
        # switcheroo: cannot convert 'torch.nn.MaxPool2d' to 'keras': 'keras.layers.MaxPooling2D' has no 'ceil_mode' (only its default converts)
        self.edge_pool = nn.MaxPool2d(3, stride=2, ceil_mode=True)

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        x = self.pool(keras.ops.relu(self.conv(x)))
        x = keras.ops.max_pool(x, 2, strides=1)
        return self.edge_pool(x)
