from flax import nnx
import jax


def classifier(features: int, classes: int, *, rngs: nnx.Rngs) -> nnx.Sequential:
    # the function flatten_range writes for nn.Flatten(): the layer again in PyTorch
    return nnx.Sequential(jax.nn.relu, lambda x: x.reshape(x.shape[0], -1), nnx.Linear(features, classes, rngs=rngs))


def tokens(x: jax.Array) -> jax.Array:
    # another reshape in a lambda stays a lambda
    merge = lambda y: y.reshape(y.shape[0], y.shape[1], -1)
    return merge(x)
