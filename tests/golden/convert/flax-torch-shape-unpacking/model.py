import jax
from flax import nnx


class Patches(nnx.Module):
    # ViT's _process_input: the sizes of an image unpacked from its shape take the converted
    # array's order (`n, h, w, c = x.shape` against NHWC).
    def __init__(self, c: int, d: int, p: int, *, rngs: nnx.Rngs):
        self.p = p
        self.proj = nnx.Conv(c, d, kernel_size=(p, p) if isinstance(p, int) else p, strides=p, padding=0, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        n, h, w, c = x.shape
        y = self.proj(x)
        b, rows, cols, d = y.shape
        return y.transpose(0, 3, 1, 2).reshape(b, d, rows * cols) * (h * 10 + w + c)
