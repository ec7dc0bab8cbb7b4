"""Token embedding with a mean-pooled bag-of-words classifier."""
import torch.nn as nn
import jax


class BagOfEmbeddings(nn.Module):
    def __init__(self, vocab_size: int, dim: int, num_classes: int):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.Embedding' to 'paxml': praxis.layers.Embedding takes num_classes and input_dims as hyper-parameter fields: Praxis layers are not converted yet
        self.embed = nn.Embedding(vocab_size, dim)
        # switcheroo: cannot convert 'torch.nn.Linear' to 'paxml': praxis.layers.Linear (no bias) or FeedForward (bias and activation) takes input_dims and output_dims as hyper-parameter fields in a pax_fiddle.Config: Praxis layers are not converted yet
        self.classifier = nn.Linear(dim, num_classes)

    def forward(self, tokens: jax.Array) -> jax.Array:
        vectors = self.embed(tokens)
        return self.classifier(vectors.mean(axis=1))
