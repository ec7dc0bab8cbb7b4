"""A sequence classifier: embedding, one LSTM layer, a linear head on the last step."""
import torch.nn as nn
import jax
import praxis.layers as pl
from praxis import base_layer
from praxis import pax_fiddle


class SequenceClassifier(base_layer.BaseLayer):
    vocab_size: int = 0
    embed_dim: int = 0
    hidden_size: int = 0
    num_classes: int = 0
    def setup(self):
        self.create_child('embed', pax_fiddle.Config(pl.Embedding, num_classes=self.vocab_size, input_dims=self.embed_dim))
        # switcheroo: cannot convert 'torch.nn.LSTM' to 'paxml': praxis.layers.LstmFrnn runs a template of LstmCellSimple, cell_tpl=pax_fiddle.Config(pl.LstmCellSimple, num_input_nodes=D, num_output_nodes=H, cell_value_cap=None) (the cap clips the cell at 10 unless None), and is called with a NestedMap of act (B, T, D) and padding (B, T, 1), returning (act, final NestedMap of m and c); StackFrnn stacks layers, its state a list of NestedMaps: no rewrite writes a layer's sizes into a nested template or its input into a NestedMap yet
        self.lstm = nn.LSTM(self.embed_dim, self.hidden_size, batch_first=True)
        self.create_child('head', pax_fiddle.Config(pl.FeedForward, input_dims=self.hidden_size, output_dims=self.num_classes, activation_tpl=pax_fiddle.Config(pl.Identity)))

    def __call__(self, tokens: jax.Array) -> jax.Array:
        outputs, _ = self.lstm(self.embed(tokens))
        return self.head(outputs[:, -1])


class SequenceEncoder(base_layer.BaseLayer):
    """Time-major sequences; the stacked LSTM has no single-cell equivalent."""

    features: int = 0
    hidden_size: int = 0
    def setup(self):
        # switcheroo: cannot convert 'torch.nn.LSTM' to 'paxml': praxis.layers.LstmFrnn runs a template of LstmCellSimple, cell_tpl=pax_fiddle.Config(pl.LstmCellSimple, num_input_nodes=D, num_output_nodes=H, cell_value_cap=None) (the cap clips the cell at 10 unless None), and is called with a NestedMap of act (B, T, D) and padding (B, T, 1), returning (act, final NestedMap of m and c); StackFrnn stacks layers, its state a list of NestedMaps: no rewrite writes a layer's sizes into a nested template or its input into a NestedMap yet
        self.rnn = nn.LSTM(self.features, self.hidden_size)
        # switcheroo: cannot convert 'torch.nn.LSTM' to 'paxml': praxis.layers.LstmFrnn runs a template of LstmCellSimple, cell_tpl=pax_fiddle.Config(pl.LstmCellSimple, num_input_nodes=D, num_output_nodes=H, cell_value_cap=None) (the cap clips the cell at 10 unless None), and is called with a NestedMap of act (B, T, D) and padding (B, T, 1), returning (act, final NestedMap of m and c); StackFrnn stacks layers, its state a list of NestedMaps: no rewrite writes a layer's sizes into a nested template or its input into a NestedMap yet
        self.stacked = nn.LSTM(self.hidden_size, self.hidden_size, num_layers=2)

    def __call__(self, xs: jax.Array) -> jax.Array:
        outputs = self.rnn(xs)[0]
        outputs, (h, c) = self.stacked(outputs)
        return h[-1]
