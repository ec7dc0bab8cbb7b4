"""Convolution followed by 2x2 max pooling, as a layer and as a function, then a 3x3 pool with
stride 2 that keeps the partial window at the edge (ceil_mode, as in GoogLeNet and SqueezeNet)."""
import keras


class ConvPool(keras.Model):
    def __init__(self, channels: int):
        super().__init__()
        self.conv = keras.layers.Conv2D(channels, 3, input_shape=(None, None, channels), padding='same')
        self.pool = keras.layers.MaxPooling2D(pool_size=2)
        self.edge_pool = keras.layers.MaxPooling2D(3, strides=2)

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        x = self.pool(keras.ops.relu(self.conv(x)))
        x = keras.ops.max_pool(x, 2, strides=1)
        return self.edge_pool(keras.ops.pad(x, pad_width=((0, 0), (0, 1), (0, 1), (0, 0)), constant_values=float('-inf')))
