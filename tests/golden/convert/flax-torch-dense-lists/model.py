import jax
import jax.numpy as jnp
from flax import nnx


class DenseLayer(nnx.Module):
    # The images it is given, a list, are concatenated along the channels and a norm takes
    # the result: the parameter holds images in the target's layout, channels first.
    def __init__(self, c_in: int, growth: int, *, rngs: nnx.Rngs):
        self.norm = nnx.BatchNorm(c_in, rngs=rngs)
        self.conv = nnx.Conv(c_in, growth, kernel_size=(3, 3), padding=1, use_bias=False, rngs=rngs)

    def bn_function(self, inputs):
        concated = jnp.concatenate(inputs, axis=-1)
        return self.conv(jax.nn.relu(self.norm(concated)))

    def __call__(self, inputs):
        return self.bn_function(inputs)


class DenseBlock(nnx.Dict):
    # Every child is a DenseLayer, called in the loop with the list the block grows by append.
    def __init__(self, layers: int, c_in: int, growth: int, *, rngs: nnx.Rngs):
        super().__init__()
        for i in range(layers):
            self["denselayer%d" % (i + 1)] = DenseLayer(c_in + i * growth, growth, rngs=rngs)

    def __call__(self, init_features):
        features = [init_features]
        for name, layer in self.items():
            features.append(layer(features))
        return jnp.concatenate(features, axis=-1)


class Net(nnx.Module):
    def __init__(self, c: int, *, rngs: nnx.Rngs):
        self.stem = nnx.Conv(c, 4, kernel_size=(3, 3), padding=1, rngs=rngs)
        self.block = DenseBlock(2, 4, 3, rngs=rngs)

    def __call__(self, x):
        y = self.block(self.stem(x))
        pooled = []
        pooled.append(jnp.max(y, axis=(1, 2)))
        pooled.append(y.mean(axis=(1, 2)))
        return jnp.concatenate(pooled, axis=-1)
