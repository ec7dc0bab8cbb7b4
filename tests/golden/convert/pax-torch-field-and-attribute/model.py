"""A hyper-parameter field and a child of the same name (`head`): in setup the field is read
on the right and the child made under that name; back in PyTorch the constructor reads its
parameter and assigns the attribute, which forward runs."""
from praxis import base_layer
from praxis import layers as pl
from praxis import pax_fiddle


class Classifier(base_layer.BaseLayer):
    width: int = 4
    head: int = 3

    def setup(self):
        self.head = pax_fiddle.instantiate(
            pax_fiddle.Config(pl.Linear, input_dims=self.width, output_dims=self.head))

    def __call__(self, x):
        return self.head(x)
