"""A layer built as an instance (in a function, in a comprehension) takes a template as a field
by keyword (`activation_tpl=pax_fiddle.Config(pl.Identity)`): that template is the layer's
value, not a layer to convert, so the FeedForward reads back as nn.Linear with nothing
reported; a Sequential's layers given by a comprehension are spread (`*[...]`), not split at
its `for`."""
from praxis import base_layer
from praxis import layers as pl
from praxis import pax_fiddle


class Tower(base_layer.BaseLayer):
    width: int = 4
    depth: int = 2

    def setup(self):
        self.create_child('blocks', pax_fiddle.Config(pl.Sequential, layers=[
            pl.FeedForward(input_dims=self.width, output_dims=self.width,
                           activation_tpl=pax_fiddle.Config(pl.Identity))
            for _ in range(self.depth)]))

    def __call__(self, x):
        return self.blocks(x)


def make_head(width):
    return pl.FeedForward(input_dims=width, output_dims=2,
                          activation_tpl=pax_fiddle.Config(pl.Identity))
