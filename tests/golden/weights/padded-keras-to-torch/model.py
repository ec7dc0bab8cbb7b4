import keras


class Net(keras.Model):
    def __init__(self, pad: int = 1):
        super().__init__()
        # a ZeroPadding2D and a 'valid' convolution alone: swhost convert writes the convolution
        # with the padding, its weights the Sequential's own in PyTorch
        self.stem = keras.Sequential([keras.layers.ZeroPadding2D(padding=pad), keras.layers.Conv2D(4, 3, strides=2, input_shape=(None, None, 3))])
        # with a third layer, or a convolution that pads 'same' itself: kept as they are
        self.three = keras.Sequential([keras.layers.ZeroPadding2D(padding=1), keras.layers.Conv2D(4, 3, input_shape=(None, None, 4)), keras.layers.ReLU()])
        self.same = keras.Sequential([keras.layers.ZeroPadding2D(padding=1), keras.layers.Conv2D(4, 3, padding='same', input_shape=(None, None, 4))])

    def call(self, x):
        return self.same(self.three(self.stem(x)))
