"""A pre-norm residual feed-forward block with Praxis layer normalization and dropout."""
import jax
import jax.numpy as jnp
from praxis import base_layer, layers as pl, pax_fiddle

JTensor = base_layer.JTensor


class PreNormFeedForward(base_layer.BaseLayer):
    model_dims: int = 6
    hidden_dims: int = 10
    dropout_prob: float = 0.1

    def setup(self) -> None:
        self.create_child("norm", pax_fiddle.Config(pl.LayerNorm, dim=self.model_dims))
        self.create_child("up", pax_fiddle.Config(
            pl.FeedForward, input_dims=self.model_dims, output_dims=self.hidden_dims,
            activation_tpl=pax_fiddle.Config(pl.GELU)))
        self.create_child("down", pax_fiddle.Config(
            pl.FeedForward, input_dims=self.hidden_dims, output_dims=self.model_dims,
            activation_tpl=pax_fiddle.Config(pl.Identity)))
        self.create_child("dropout", pax_fiddle.Config(pl.Dropout, keep_prob=1.0 - self.dropout_prob))

    def __call__(self, x: JTensor) -> JTensor:
        return x + self.dropout(self.down(self.up(self.norm(x))))


def rms_normalize(x: JTensor, eps: float = 1e-6) -> JTensor:
    return x * jax.lax.rsqrt(jnp.mean(jnp.square(x), axis=-1, keepdims=True) + eps)
