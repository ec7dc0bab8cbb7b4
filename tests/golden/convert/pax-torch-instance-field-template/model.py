"""A layer built as an instance (in a function) takes a template as a field by keyword
(`activation_tpl=pax_fiddle.Config(pl.Identity)`): that template is the layer's value, not a
layer to convert, so the FeedForward reads back as nn.Linear with nothing reported."""
from praxis import layers as pl
from praxis import pax_fiddle


def make_head(width):
    return pl.FeedForward(input_dims=width, output_dims=2,
                          activation_tpl=pax_fiddle.Config(pl.Identity))
