"""The cases of roundtrip.py: which PyTorch test models run with which arguments, the builders
that stand for a torchvision family in CI, and the round trips known not to work yet (each with
its reason, as docs/conversion.md lists them)."""
import fnmatch

# model file -> (callable, constructor arguments or None for a function, inputs). An input is
# ("f", shape) a float array, ("i", shape, high) integer indices, ("b", shape) a boolean mask,
# ("n", value) a Python value.
TORCH_MODELS = {
    "attention.py": [("scaled_dot_product_attention", None,
                      [("f", (2, 4, 8)), ("f", (2, 4, 8)), ("f", (2, 4, 8)), ("b", (4, 4))]),
                     ("causal_mask", None, [("n", 5)])],
    "batch_norm.py": [("ConvBNReLU", (3, 4), [("f", (2, 3, 8, 8))])],
    "conv2d.py": [("ConvNet", (3, 4), [("f", (2, 3, 8, 8))])],
    "conv2d_same_padding.py": [("SameConvBlock", (3, 4), [("f", (2, 3, 8, 8))])],
    "cross_entropy_loss.py": [("Classifier", (6, 3), [("f", (5, 6))])],
    "dropout.py": [("DropoutProjection", (6,), [("f", (5, 6))])],
    "embedding.py": [("BagOfEmbeddings", (10, 4, 3), [("i", (3, 6), 10)])],
    "gelu.py": [("GeluBlock", (6,), [("f", (3, 6))])],
    "global_avg_pool.py": [("PooledClassifier", (3, 4, 5), [("f", (2, 3, 6, 6))]),
                           ("global_pool", None, [("f", (2, 3, 4, 5))]),
                           ("pooled_per_axis", None, [("f", (2, 3, 4, 5))])],
    "gradient_clipping.py": [("Classifier", (6, 3), [("f", (5, 6))])],
    "group_norm.py": [("GroupNormBlock", (8, 4), [("f", (2, 8, 6, 6))])],
    "image_axes.py": [("SqueezeExcite", (8,), [("f", (2, 8, 6, 6))]),
                      ("TwoBranch", (8, 3), [("f", (2, 8, 6, 6))]),
                      ("Head", (4, 3), [("f", (2, 3, 8, 8))]),
                      ("ShuffleBlock", (8,), [("f", (2, 8, 6, 6))])],
    "layer_norm.py": [("PreNormFeedForward", (6, 10), [("f", (2, 5, 6))])],
    "linear.py": [("LogisticRegression", (6, 3), [("f", (5, 6))])],
    "lstm.py": [("SequenceClassifier", (10, 4, 5, 3), [("i", (2, 7), 10)]),
                ("SequenceEncoder", (4, 5), [("f", (7, 2, 4))])],
    "max_pool2d.py": [("ConvPool", (3,), [("f", (2, 3, 9, 9))])],
    "mlp.py": [("MLP", (6, 8, 3), [("f", (5, 6))])],
    "optim_adam.py": [("Regressor", (6,), [("f", (5, 6))])],
    "resnet_block.py": [("BasicBlock", (3, 4, 2), [("f", (2, 3, 8, 8))]),
                        ("BasicBlock", (4, 4), [("f", (2, 4, 6, 6))])],
    "resnet_stage.py": [("Stage", (4, 2), [("f", (2, 3, 12, 12))])],
    "scan_loop.py": [("ElmanRNN", (3, 5), [("f", (7, 2, 3))])],
    "sequential.py": [("make_classifier", (12, 8, 3), [("f", (5, 3, 4))])],
    "training_loop.py": [("Net", (6,), [("f", (5, 6))])],
    "transformer_block.py": [("SelfAttention", (8, 2), [("f", (2, 5, 8))]),
                             ("TransformerBlock", (8, 2, 16), [("f", (2, 5, 8))])],
    "weight_norm.py": [("WeightNormMLP", (6, 8, 3), [("f", (5, 6))])],
}

# The builder that stands for its family in CI: the smallest of it.
SMALL_BUILDERS = {"alexnet", "convnext_tiny", "densenet121", "efficientnet_b0", "googlenet",
                  "inception_v3", "maxvit_t", "mnasnet0_5", "mobilenet_v2", "mobilenet_v3_small",
                  "regnet_x_400mf", "resnet18", "shufflenet_v2_x0_5", "squeezenet1_1", "swin_t",
                  "vgg11", "vit_b_32"}
INPUT_SIZES = {"inception_v3": 299}

# Round trips that do not work yet, by label pattern (fnmatch), with the reason.
KNOWN_FAILURES = {
    "torchvision shufflenetv2.py:*": "channel_shuffle's reshape of an NHWC image is not put back "
                                     "into NCHW",
    "torchvision swin_transformer.py:*": "F.pad converts both ways now; the module that comes "
                                         "back fails in F.linear, given a function as its input "
                                         "(not followed further)",
    "torch->flax->torch image_axes.ShuffleBlock*": "the NCHW layout of a reshape is not restored",
    "torch->flax->torch image_axes.TwoBranch*": "the features flattened in NHWC order do not come "
                                                "back to NCHW order",
    "torch->flax->torch lstm.*": "nnx.RNN(nnx.LSTMCell(...)) does not convert to PyTorch "
                                 "(the recurrent_layer hook works one way)",
}


def make_input(spec, generator):
    import torch
    if spec[0] == "f":
        return torch.from_numpy(generator.standard_normal(spec[1]))
    if spec[0] == "i":
        return torch.from_numpy(generator.integers(0, spec[2], spec[1]))
    if spec[0] == "b":
        return torch.from_numpy(generator.random(spec[1]) < 0.3)
    return spec[1]


def smallest_builder(names):
    small = [name for name in names if name in SMALL_BUILDERS]
    return (small or sorted(names))[0]


def known_failure(label):
    """The reason a round trip is known to fail, or None."""
    return next((reason for pattern, reason in KNOWN_FAILURES.items()
                 if fnmatch.fnmatchcase(label, pattern)), None)


def family_of(label):
    """'torchvision resnet.py:resnet18' -> 'torchvision resnet.py'; 'torch->numpy->torch
    split.halves' -> 'torch->numpy->torch'."""
    return label.split(":")[0] if label.startswith("torchvision ") else label.split(" ")[0]

