from collections import OrderedDict
from typing import List, Optional

from torch import Tensor
import jax.numpy as jnp
import jax
from flax import nnx


class Layer(nnx.Module):
    # Takes one tensor or the list of those before it (DenseNet's _DenseLayer).
    def __init__(self, c: int, growth: int, *, rngs: nnx.Rngs) -> None:
        self.fc = nnx.Linear(c, growth, rngs=rngs)

    def __call__(self, input: Tensor) -> Tensor:
        if isinstance(input, jax.Array):
            features = [input]
        else:
            features = input
        return jnp.tanh(self.fc(jnp.concatenate(features, 1)))


class Block(nnx.Dict):
    # Children added by name to a dict of modules; its forward runs them.
    def __init__(self, layers: int, c: int, growth: int) -> None:
        super().__init__()
        for i in range(layers):
            self["layer%d" % (i + 1)] = Layer(c + i * growth, growth, rngs=nnx.Rngs(0))

    def __call__(self, init_features: Tensor) -> Tensor:
        features = [init_features]
        for name, layer in self.items():
            features.append(layer(features))
        return jnp.concatenate(features, 1)


class Transition(nnx.Sequential):
    # Layers assigned as attributes of a Sequential run in the order assigned.
    def __init__(self, c: int, out: int) -> None:
        super().__init__()
        self.layers.extend({"norm": nnx.LayerNorm(c, epsilon=1e-05, rngs=nnx.Rngs(0))}.values())
        self.layers.extend({"act": jax.nn.relu}.values())
        self.layers.extend({"fc": nnx.Linear(c, out, rngs=nnx.Rngs(0))}.values())


class MLP(nnx.Sequential):
    # Dropout given `**params` whose only possible keyword is one Flax drops.
    def __init__(self, c: int, hidden: List[int], inplace: Optional[bool] = None) -> None:
        params = {} if inplace is None else {"inplace": inplace}
        layers = []
        for width in hidden:
            layers.append(nnx.Linear(c, width, rngs=nnx.Rngs(0)))
            layers.append(nnx.Dropout(rate=0.0, rngs=nnx.Rngs(0)))
            c = width
        super().__init__(*layers)


class MLPBlock(MLP):
    # A subclass of a Sequential subclass initialising its layers.
    def __init__(self, c: int, hidden: int) -> None:
        super().__init__(c, [hidden, c])
        for _, m in self.iter_modules():
            if isinstance(m, nnx.Linear):
                m.bias.value = jnp.zeros_like(m.bias.value)


class Net(nnx.Module):
    def __init__(self, c: int = 4, growth: int = 2, *, rngs: nnx.Rngs) -> None:
        self.features = nnx.Sequential(*OrderedDict([("fc0", nnx.Linear(c, c, rngs=rngs))]).values())
        width = c
        for i in range(2):
            # Added by name to a Sequential the module holds.
            self.features.layers.extend({"block%d" % i: Block(2, width, growth)}.values())
            width += 2 * growth
            self.features.layers.extend({"transition%d" % i: Transition(width, width // 2)}.values())
            width //= 2
        self.mlp = MLPBlock(width, 8)

    def __call__(self, x: Tensor) -> Tensor:
        return self.mlp(self.features(x))
