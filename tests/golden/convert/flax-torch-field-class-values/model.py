from dataclasses import dataclass
from typing import Callable, List, Optional

import jax
from flax import nnx


class Plain(nnx.Module):
    def __init__(self, cfg: "_StageConfig", *, rngs: nnx.Rngs):
        self.fc = nnx.Linear(cfg.cin, cfg.cout, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        return jax.nn.relu(self.fc(x))


class Gated(nnx.Module):
    def __init__(self, cfg: "_StageConfig", *, rngs: nnx.Rngs):
        self.fc = nnx.Linear(cfg.cin, cfg.cout, rngs=rngs)
        self.gate = nnx.Linear(cfg.cin, cfg.cout, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.fc(x) * jax.nn.sigmoid(self.gate(x))


class Scaled(nnx.Module):
    # Builds no layer: it takes the keys because cfg.block(...) passes them to Gated.
    def __init__(self, cfg: "_StageConfig", *, rngs: nnx.Rngs):
        self.factor = cfg.cout / (2 * cfg.cin)

    def __call__(self, x: jax.Array) -> jax.Array:
        return x * self.factor


@dataclass
class _StageConfig:
    cin: int
    cout: int
    block: Callable[..., nnx.Module]


class PlainConfig(_StageConfig):
    # The dataclass's third field is given by position: `block` holds Plain.
    def __init__(self, cin: int, cout: int, block: Optional[Callable[..., nnx.Module]] = None):
        if block is None:
            block = Plain
        super().__init__(cin, cout, block)


class Net(nnx.Module):
    def __init__(self, cin: int, *, rngs: nnx.Rngs):
        configs: List[_StageConfig] = [PlainConfig(cin, 8), _StageConfig(8, 8, block=Gated),
                                       _StageConfig(8, 8, block=Scaled)]
        # `cfg.block` holds a class of this file: its call builds layers and takes the keys.
        self.stages = nnx.Sequential(*[cfg.block(cfg, rngs=rngs) for cfg in configs])
        self.head = nnx.Linear(8, 2, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.head(self.stages(x))
