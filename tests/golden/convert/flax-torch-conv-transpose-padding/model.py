from flax import nnx


class Upsample(nnx.Module):
    # Flax pads the stride-dilated input with (low, high) per axis; PyTorch crops
    # d * (k - 1) - low and adds high - low as output_padding.
    def __init__(self, c: int, *, rngs: nnx.Rngs):
        self.twice = nnx.ConvTranspose(c, 4, (2, 2), strides=2, rngs=rngs)
        self.cropped = nnx.ConvTranspose(4, 4, (3, 3), strides=2, padding=((1, 2), (1, 2)), rngs=rngs)
        self.uneven = nnx.ConvTranspose(4, 4, (3, 3), strides=2, padding=((1, 2), (2, 2)), rngs=rngs)
        self.valid = nnx.ConvTranspose(4, 4, (3,), strides=2, padding="VALID", kernel_dilation=2, rngs=rngs)
        self.quadruple = nnx.ConvTranspose(4, 2, (4, 4), strides=4, padding="SAME", rngs=rngs)

    def __call__(self, x):
        return self.quadruple(self.uneven(self.cropped(self.twice(x))))


class Reported(nnx.Module):
    # 'SAME' with an odd window pads more before than after, which PyTorch cannot; a padding
    # held in a name is not known.
    def __init__(self, pads, *, rngs: nnx.Rngs):
        self.same = nnx.ConvTranspose(4, 4, (3, 3), strides=2, rngs=rngs)
        self.named = nnx.ConvTranspose(4, 4, (3, 3), strides=2, padding=pads, rngs=rngs)
        self.shifted = nnx.ConvTranspose(4, 4, (3, 3), strides=2, padding=((2, 1), (2, 1)), rngs=rngs)
