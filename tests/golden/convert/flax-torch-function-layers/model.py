from flax import nnx
import jax
import jax.numpy as jnp


class Fire(nnx.Module):
    """SqueezeNet's block: activations held as functions, called like layers."""

    def __init__(self, inplanes: int, squeeze: int, expand: int, *, rngs: nnx.Rngs):
        self.squeeze = nnx.Conv(inplanes, squeeze, (1, 1), rngs=rngs)
        self.squeeze_activation = jax.nn.relu
        self.expand1x1 = nnx.Conv(squeeze, expand, (1, 1), rngs=rngs)
        self.expand3x3 = nnx.Conv(squeeze, expand, (3, 3), padding=1, rngs=rngs)
        self.expand_activation = jax.nn.relu

    def __call__(self, x: jax.Array) -> jax.Array:
        x = self.squeeze_activation(self.squeeze(x))
        # channels are axis 3 here, axis 1 in PyTorch
        return jnp.concatenate(
            [self.expand_activation(self.expand1x1(x)), self.expand_activation(self.expand3x3(x))], axis=3
        )
