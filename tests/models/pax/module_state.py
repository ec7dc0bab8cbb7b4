"""Variables as Praxis users declare them: create_variable in setup() with a WeightHParams that
WeightInit.Constant fills, trainable ones read through self.theta, and state that is not
trained (trainable=False: a running mean, an int32 step counter) read by get_var and written
by update_var in __call__."""
import jax.numpy as jnp
from praxis import base_layer, layers as pl, pax_fiddle

JTensor = base_layer.JTensor


class GatedHeads(base_layer.BaseLayer):
    dims: int = 6
    decay: float = 0.9

    def setup(self) -> None:
        self.create_child("proj", pax_fiddle.Config(
            pl.FeedForward, input_dims=self.dims, output_dims=self.dims,
            activation_tpl=pax_fiddle.Config(pl.Identity)))
        self.create_variable("gain", base_layer.WeightHParams(
            shape=[self.dims], init=base_layer.WeightInit.Constant(1.0)))
        self.create_variable("bias", base_layer.WeightHParams(
            shape=[self.dims], init=base_layer.WeightInit.Constant(0.0)))
        self.create_variable("moving_mean", base_layer.WeightHParams(
            shape=[self.dims], init=base_layer.WeightInit.Constant(0.0)), trainable=False)
        self.create_variable("steps", base_layer.WeightHParams(
            shape=[], init=base_layer.WeightInit.Constant(0), dtype=jnp.int32), trainable=False)

    def __call__(self, x: JTensor) -> JTensor:
        h = self.proj(x) * self.theta.gain + self.theta.bias
        self.update_var("steps", self.get_var("steps") + 1)
        mean = self.get_var("moving_mean") * self.decay + jnp.mean(h, axis=0) * (1.0 - self.decay)
        self.update_var("moving_mean", mean)
        return h - self.get_var("moving_mean")
