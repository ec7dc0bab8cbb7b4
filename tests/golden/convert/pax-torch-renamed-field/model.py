"""A field named by the traits' `renamed-field` after a child (`dropout_hparam` beside the
child `dropout`, `blocks_hparam` beside `blocks`) or an attribute (`scale_hparam` beside
`self.scale`) is the constructor
parameter of that name again, in the constructor, in calls and templates of the class, and
kept as `self.dropout_hparam` where another method reads it; `rate_hparam` names no child or
attribute and stays."""
from praxis import base_layer
from praxis import layers as pl
from praxis import pax_fiddle


class Head(base_layer.BaseLayer):
    width: int = 4
    dropout_hparam: float = 0.1
    blocks_hparam: int = 2
    rate_hparam: float = 0.5
    scale_hparam: float = 1.0

    def setup(self):
        self.create_child('dropout', pax_fiddle.Config(pl.Dropout, keep_prob=1 - self.dropout_hparam))
        self.create_child('blocks', pax_fiddle.Config(pl.Sequential, layers=[
            pax_fiddle.Config(pl.Linear, input_dims=self.width, output_dims=self.width)
            for _ in range(self.blocks_hparam)]))
        self.scale = self.scale_hparam * 2

    def __call__(self, x):
        return self.dropout(self.blocks(x)) * self.dropout_hparam * self.rate_hparam * self.scale


def make_head():
    return pax_fiddle.instantiate(pax_fiddle.Config(Head, width=4, dropout_hparam=0.2, blocks_hparam=3))


def head_template():
    return pax_fiddle.Config(Head, dropout_hparam=0.3, rate_hparam=0.1)
