"""The cases of roundtrip.py, one list for every framework a round trip goes through: which
PyTorch test models run with which arguments, the hand-written models of the frameworks that
cannot run here (converted to PyTorch and run), the builders that stand for a torchvision family
in CI, what a framework cannot express (skipped, with the reason) and the round trips known not
to work yet (each with its reason, as docs/conversion.md lists them)."""
import fnmatch

# model file -> (callable, constructor arguments or None for a function, inputs). An input is
# ("f", shape) a float array, ("i", shape, high) integer indices, ("b", shape) a boolean mask,
# ("n", value) a Python value.
TORCH_MODELS = {
    "attention.py": [("scaled_dot_product_attention", None,
                      [("f", (2, 4, 8)), ("f", (2, 4, 8)), ("f", (2, 4, 8)), ("b", (4, 4))]),
                     ("causal_mask", None, [("n", 5)])],
    "concat.py": [("join_features", None, [("f", (2, 3)), ("f", (2, 4))]),
                  ("join_rows", None, [("f", (2, 3)), ("f", (1, 3)), ("f", (3, 3))]),
                  ("stack_pair", None, [("f", (2, 3)), ("f", (2, 3))])],
    "cond_control_flow.py": [("leaky", None, [("f", (4, 5))]),
                             ("normalize_if_large", None, [("f", (4, 5))])],
    "einsum.py": [("bilinear_scores", None, [("f", (3, 4)), ("f", (4, 5)), ("f", (3, 5))]),
                  ("batched_outer", None, [("f", (2, 3)), ("f", (2, 4))])],
    "elementwise_relu.py": [(name, None, [("f", (4, 5))])
                            for name in ("rectify", "leaky", "squash", "smooth")],
    "flatten.py": [(name, None, [("f", (2, 3, 4, 5))])
                   for name in ("flatten_features", "flatten_all", "merge_middle", "view_batch")],
    "in_place.py": [("masked_scores", None, [("f", (2, 4, 8)), ("f", (2, 4, 8)), ("b", (2, 4))]),
                    ("clipped", None, [("f", (4, 5))]),
                    ("activated", None, [("f", (4, 5))]),
                    ("InPlaceBlock", (6,), [("f", (3, 6))])],
    "masked_fill.py": [("masked_softmax", None, [("f", (2, 4)), ("b", (2, 4))]),
                       ("zero_padding", None, [("f", (3, 4)), ("b", (3, 4))])],
    "reductions.py": [("best_class", None, [("f", (3, 5))]),
                      ("column_peaks", None, [("f", (3, 5))]),
                      ("overall", None, [("f", (3, 5))])],
    "split.py": [("halves", None, [("f", (4, 6))]), ("thirds", None, [("f", (6, 2))]),
                 ("qkv", None, [("f", (2, 9))]), ("uneven", None, [("f", (4, 6))]),
                 ("pieces", None, [("f", (5, 3))])],
    "batch_norm.py": [("ConvBNReLU", (3, 4), [("f", (2, 3, 8, 8))])],
    "conv2d.py": [("ConvNet", (3, 4), [("f", (2, 3, 8, 8))])],
    "conv2d_same_padding.py": [("SameConvBlock", (3, 4), [("f", (2, 3, 8, 8))])],
    "cross_entropy_loss.py": [("Classifier", (6, 3), [("f", (5, 6))]),
                              ("summed_loss", None, [("f", (5, 3)), ("i", (5,), 3)]),
                              ("per_example_loss", None, [("f", (5, 3)), ("i", (5,), 3)]),
                              ("log_likelihood", None, [("f", (5, 3)), ("i", (5,), 3)])],
    "dropout.py": [("DropoutProjection", (6,), [("f", (5, 6))])],
    "embedding.py": [("BagOfEmbeddings", (10, 4, 3), [("i", (3, 6), 10)]),
                     ("PaddedBagOfEmbeddings", (10, 4, 3), [("i", (3, 6), 10)])],
    "gelu.py": [("GeluBlock", (6,), [("f", (3, 6))])],
    "global_avg_pool.py": [("PooledClassifier", (3, 4, 5), [("f", (2, 3, 6, 6))]),
                           ("global_pool", None, [("f", (2, 3, 4, 5))]),
                           ("pooled_per_axis", None, [("f", (2, 3, 4, 5))]),
                           ("channel_means", None, [("f", (2, 3, 4, 5))])],
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
    "module_state.py": [("StatefulHead", (6,), [("f", (5, 6))])],
    "module_list.py": [("ResidualStack", (6, 3, 4), [("f", (5, 6))])],
    "multihead_attention.py": [("SelfAttentionBlock", (8, 2), [("f", (2, 5, 8))]),
                               ("CrossAttention", (8, 2), [("f", (2, 5, 8)), ("f", (2, 3, 8))]),
                               ("SequenceFirst", (8, 2), [("f", (5, 2, 8))])],
    "optim_adam.py": [("Regressor", (6,), [("f", (5, 6))])],
    "resnet_block.py": [("BasicBlock", (3, 4, 2), [("f", (2, 3, 8, 8))]),
                        ("BasicBlock", (4, 4), [("f", (2, 4, 6, 6))])],
    "resnet_stage.py": [("Stage", (4, 2), [("f", (2, 3, 12, 12))])],
    "scan_loop.py": [("ElmanRNN", (3, 5), [("f", (7, 2, 3))]),
                     ("running_sum", None, [("f", (5, 3))])],
    "sequential.py": [("make_classifier", (12, 8, 3), [("f", (5, 3, 4))])],
    "tied_embedding.py": [("TiedLanguageModel", (10, 4), [("i", (3, 6), 10)])],
    "training_loop.py": [("Net", (6,), [("f", (5, 6))])],
    "transformer_block.py": [("SelfAttention", (8, 2), [("f", (2, 5, 8))]),
                             ("TransformerBlock", (8, 2, 16), [("f", (2, 5, 8))])],
    "weight_norm.py": [("WeightNormMLP", (6, 8, 3), [("f", (5, 6))])],
}

# Hand-written models of the frameworks that cannot run here, converted to PyTorch: each case
# must build and run, with finite results. Images are NCHW: the converted model takes PyTorch's
# layout. Praxis files whose layers have no PyTorch counterpart (reported) run their functions.
HAND_WRITTEN = {
    "mlx": {
        "mlp.py": [("MLP", (6, 8, 3), [("f", (5, 6))])],
        "conv_net.py": [("ConvNet", (3, 4, 5), [("f", (2, 3, 16, 16))])],
        "residual_block.py": [("ResidualBlock", (4,), [("f", (2, 4, 6, 6))])],
        "layer_norm.py": [("PreNormFeedForward", (6, 10), [("f", (2, 5, 6))])],
        "attention.py": [("SelfAttention", (8, 2), [("f", (2, 5, 8))])],
        "sequence.py": [("SequenceTagger", (20, 4, 5, 3), [("i", (2, 7), 20)]),
                        ("StackedEncoder", (4, 5), [("f", (2, 7, 4))])],
        "module_state.py": [("GatedHeads", (6,), [("f", (5, 6))])],
    },
    "pax": {
        "embedding_classifier.py": [("BagOfEmbeddings", (), [("i", (4, 5), 20)]),
                                    ("Stack", (), [("i", (4, 5), 20)]),
                                    ("make_classifier", (), [("i", (4, 5), 20)])],
        "mlp.py": [("DropoutMLP", (), [("f", (5, 6))]),
                   ("log_probabilities", None, [("f", (5, 3))]),
                   ("accuracy", None, [("f", (5, 3)), ("i", (5,), 3)])],
        "conv_norm.py": [("ConvNormBlock", (), [("f", (2, 3, 8, 8))])],
        "conv_net.py": [("global_average", None, [("f", (2, 3, 4, 4))]),
                        ("flatten_features", None, [("f", (2, 3, 4, 4))])],
        "layer_norm.py": [("rms_normalize", None, [("f", (2, 5, 6))])],
        "module_state.py": [("GatedHeads", (), [("f", (5, 6))])],
        "layer_list.py": [("ResidualStack", (), [("f", (5, 6))])],
        "attention.py": [("dot_product_attention", None,
                          [("f", (2, 2, 4, 3)), ("f", (2, 2, 4, 3)), ("f", (2, 2, 4, 3)),
                           ("b", (2, 2, 4, 4))]),
                         ("split_heads", None, [("f", (2, 4, 6)), ("n", 2)]),
                         ("merge_heads", None, [("f", (2, 2, 4, 3))])],
    },
}
KERAS_MODELS = {
    "mlp.py": [("MLP", (6, 8, 3), [("f", (5, 6))])],
    "conv_pool.py": [("ConvPool", (3,), [("f", (2, 3, 8, 8))])],
    "residual_block.py": [("ResidualBlock", (4,), [("f", (2, 4, 6, 6))])],
    "layer_norm.py": [("PreNormFeedForward", (6, 10), [("f", (2, 5, 6))])],
    "attention.py": [("scaled_dot_product_attention", None,
                      [("f", (2, 4, 8)), ("f", (2, 4, 8)), ("f", (2, 4, 8))])],
    "sequential.py": [("make_head", (6, 8, 3), [("f", (5, 6))])],
    "sequence.py": [("SequenceTagger", (20, 4, 5, 3), [("i", (2, 7), 20)]),
                    ("StackedEncoder", (4, 5), [("f", (2, 7, 4))])],
    "module_state.py": [("GatedHeads", (6,), [("f", (5, 6))])],
}
HAND_WRITTEN["keras"] = KERAS_MODELS
HAND_WRITTEN["tf"] = KERAS_MODELS  # the same models written for tf.keras
# Hand-written files that are converted but not run, with the reason.
NOT_RUN = {
    "mlx": {"training_loop.py": "a training loop: tests/convert/training_numeric.py runs it",
            "gradient_clipping.py": "a training step: tests/convert/training_numeric.py runs it"},
    "keras": {"inferred_sizes.py": "the sizes Keras infers on the first call are reported",
              "training_loop.py": "a training loop: tests/convert/training_numeric.py runs it",
              "gradient_clipping.py": "a training step: tests/convert/training_numeric.py runs it"},
    "tf": {"inferred_sizes.py": "the sizes Keras infers on the first call are reported",
           "training_loop.py": "a training loop: tests/convert/training_numeric.py runs it",
           "gradient_clipping.py": "a training step: tests/convert/training_numeric.py runs it"},
}

# The builder that stands for its family in CI: the smallest of it.
SMALL_BUILDERS = {"alexnet", "convnext_tiny", "densenet121", "efficientnet_b0", "googlenet",
                  "inception_v3", "maxvit_t", "mnasnet0_5", "mobilenet_v2", "mobilenet_v3_small",
                  "regnet_x_400mf", "resnet18", "shufflenet_v2_x0_5", "squeezenet1_1", "swin_t",
                  "vgg11", "vit_b_32"}
INPUT_SIZES = {"inception_v3": 299}

# Round trips that do not work yet, by label pattern (fnmatch), with the reason.
KNOWN_FAILURES = {
    "torchvision maxvit.py:*": "towards Flax, PartitionAttentionLayer, a later layer of "
                               "MaxVitLayer's Sequential after MBConv, takes NHWC images as given "
                               "and transposes them around WindowPartition and WindowDepartition "
                               "(`self.partition_op(x.transpose(0, 3, 1, 2), self.p)`, `return "
                               "x.transpose(0, 2, 3, 1)`); read back alone, without "
                               "ops/stochastic_depth.py, the Flax MBConv's result is unknown to the "
                               "layout flow (`self.stochastic_depth` is StochasticDepth of another "
                               "file or `lambda x: x`; towards Flax the PyTorch oracle reads it as "
                               "nn.Identity), so no layout is given and both transposes stay",
}


# What a framework cannot express yet, by label pattern (fnmatch), with the reason: skipped.
NOT_EXPRESSIBLE = {
}


# Why a case stays partial through a framework (calls its conversion leaves in PyTorch and
# reports), by framework and label pattern (fnmatch): what that framework cannot express, or
# what is not converted yet. For a framework that has an entry here, a partial case without a
# reason fails, and so does a listed case that converts completely (the list only shrinks).
_PAX_TRAINING = ("PaxML trains through the experiment's Learner and praxis.optimizers: the "
                 "optimizer, zero_grad, backward and model.parameters() calls stay PyTorch")
_PAX_BATCH_NORM = ("pl.BatchNorm has no epsilon field (it is 1e-3): nn.BatchNorm2d at PyTorch's "
                   "default eps 1e-5 is reported")
_PAX_STRIDED_PADDING = ("conv3x3 returns nn.Conv2d(..., stride=stride, padding=1): pl.Conv2D pads "
                        "'SAME' or 'VALID' only, an integer is 'SAME' at stride 1 only, and a "
                        "convolution a function returns has no attribute whose calls could pad "
                        "their input by jnp.pad")
_PAX_STATE = ("Praxis declares each variable by name in setup() from a WeightHParams whose "
              "WeightInit fills it with one value (or draws it at random): the buffer "
              "torch.linspace makes has no such initializer, a ParameterList would be variables "
              "named one by one (other state_dict keys), and an nn.ModuleDict of layers has no "
              "Praxis form that reads back as one: create_children makes a list (heads.0, not "
              "heads.left), children named one by one read back as heads_left, and a plain dict "
              "reads back as a dict PyTorch does not register (the other buffers, parameters "
              "and the updated state convert: golden torch-pax-variables)")
_PADDING_IDX = ("the file's PaddedBagOfEmbeddings passes padding_idx, which the target's "
                "Embedding lacks (only its default converts)")
_KERAS_PADDING = ("conv3x3 returns nn.Conv2d(..., stride=stride, padding=1), an integer padding "
                  "not proven to be 'same' (its stride is a parameter): Keras's Conv2D pads "
                  "'valid' or 'same' only, and a convolution a function returns has no attribute "
                  "to put a ZeroPadding2D beside (a keras.Sequential of both would move its "
                  "weights)")
_TIED = ("`self.head.weight = self.embed.weight` (a Linear tied to an Embedding's table) is "
         "reported: the target's layers name the two parameters otherwise ({}), so the assignment "
         "is left as written")
_KERAS_PARTIAL = {
    "resnet_block.*": _KERAS_PADDING,
    "embedding.*": "nn.Embedding(padding_idx=...): Keras's Embedding has no padding_idx (the row "
                   "PyTorch keeps at zero and out of the gradient)",
    "weight_norm.*": "torch.nn.utils.weight_norm: Keras has no weight-normalization wrapper",
}
PARTIAL_REASONS = {
    "pax": {
        "torch->pax->torch batch_norm.*": _PAX_BATCH_NORM,
        "torch->pax->torch conv2d_same_padding.*": "pl.Conv2D's 'SAME' pads for the undilated "
                                                   "kernel: a dilated convolution is reported",
        "torch->pax->torch cross_entropy_loss.*": "F.cross_entropy has no Praxis mapping (Praxis "
                                                  "losses are layers of the Learner's model)",
        "torch->pax->torch embedding.*": _PADDING_IDX,
        "torch->pax->torch gradient_clipping.*": _PAX_TRAINING + ", and clip_grad_norm_",
        "torch->pax->torch lstm.*": "nn.LSTM would be pl.LstmFrnn(cell_tpl=pax_fiddle.Config("
                                    "pl.LstmCellSimple, num_input_nodes=D, num_output_nodes=H, "
                                    "cell_value_cap=None)) called as self.lstm(NestedMap(act=x, "
                                    "padding=jnp.zeros(x.shape[:2] + (1,)))) and returning (act, "
                                    "NestedMap of m and c): the spoke writes no layer's sizes "
                                    "into a nested template and no call's input into a NestedMap "
                                    "(call-inject adds keywords only); the file's stacked "
                                    "num_layers=2 LSTM read for its final h would be "
                                    "pl.StackFrnn, whose state is a list of NestedMaps",
        "torch->pax->torch module_state.*": _PAX_STATE,
        "torch->pax->torch optim_adam.*": _PAX_TRAINING,
        "torch->pax->torch resnet_block.*": "; ".join([_PAX_BATCH_NORM, _PAX_STRIDED_PADDING]),
        "torch->pax->torch resnet_stage.*": _PAX_BATCH_NORM,
        "torch->pax->torch training_loop.*": _PAX_TRAINING + ", and torch.no_grad",
        "torch->pax->torch tied_embedding.*": _TIED.format("its traits name no Praxis weights"),
        "torch->pax->torch weight_norm.*": "weight_norm has no Praxis mapping (Praxis's weight "
                                           "norm is a template of its layers)",
    },
    "mlx": {
        "torch->mlx->torch embedding.*": _PADDING_IDX,
        "torch->mlx->torch weight_norm.*": "weight_norm has no MLX mapping",
    },
    "keras": {"torch->keras->torch " + case: reason for case, reason in _KERAS_PARTIAL.items()},
    "tf": {"torch->tf->torch " + case: reason for case, reason in dict(_KERAS_PARTIAL, **{
        "einsum.*": "tf.einsum is missing from the TensorFlow API snapshot",
        "reductions.*": "torch.sort: tf.sort and tf.argsort are missing from the TensorFlow API "
                        "snapshot",
        "module_state.*": "torch.linspace and torch.full: tf.linspace and tf.fill are missing "
                          "from the TensorFlow API snapshot (the state itself converts)",
        "cross_entropy_loss.*": "torch.take_along_dim: tf.gather is missing from the TensorFlow "
                                "API snapshot",
    }).items()},
}


# Cases that must convert there without a call left unconverted: a round trip of them never
# passes by leaving PyTorch code in place.
_COMPLETE = ["linear.*", "mlp.*", "dropout.*", "gelu.*", "layer_norm.*", "conv2d_same_padding.*",
             "elementwise_relu.*", "concat.*", "embedding.BagOfEmbeddings", "masked_fill.*",
             "cond_control_flow.*", "scan_loop.*", "batch_norm.*", "global_avg_pool.*",
             "module_list.*"]
REQUIRE_COMPLETE = {
    # in-place updates become functional ones (issue 21); module state becomes variables;
    # sequence-first attention is written batch first with its axes swapped; stacked LSTMs are
    # an nnx.Sequential of nnx.RNN, their final (h, c) the layers' carries stacked, and back
    # a Linear tied to an Embedding's table is a method calling nnx.Embed.attend, and back
    "flax": ["in_place.*", "module_state.*", "embedding.*", "multihead_attention.*", "lstm.*",
             "tied_embedding.*", "module_list.*"],
    # attention is keras.layers.MultiHeadAttention (key_dim = embed_dim // num_heads), swapped
    # axes around a sequence-first layer's call; the cross-entropy functions are the mean or the
    # sum of keras.losses.sparse_categorical_crossentropy, or the per-example losses themselves
    # module state is keras.Variable (trainable=False for buffers and updated state, written by
    # assign and assign_add), with plain lists and dicts of layers and variables
    # another integer padding of a convolution built as `self.<name> = ...` is a ZeroPadding2D
    # attribute `self.<name>_pad` called before it (folded into the padding again on the way back)
    # a Linear tied to an Embedding's table is a method, keras.ops.matmul by the table transposed
    # an LSTM whose final (h, c) is read is a list of LSTMs built with return_state=True, run one
    # by one, the state their states stacked (keras.ops.stack), and back
    "keras": _COMPLETE + ["einsum.*", "attention.*", "split.*", "reductions.*",
                          "multihead_attention.*", "cross_entropy_loss.*", "module_state.*",
                          "conv2d.*", "resnet_stage.*", "max_pool2d.*", "in_place.*",
                          "tied_embedding.*", "lstm.*"],
    # tf.einsum is missing from the TensorFlow API snapshot; TensorFlow has no swapaxes, so a
    # sequence-first attention swaps axes through the spoke's tf.transpose expression.
    # a functional pool is a pool layer built in the constructor (spoke `hoist`, MLX and Praxis
    # too); tf.nn.max_pool2d is missing from the TensorFlow API snapshot
    "tf": _COMPLETE + ["split.*", "multihead_attention.*", "conv2d.*", "resnet_stage.*",
                       "flatten.*", "image_axes.*", "attention.*", "in_place.*", "max_pool2d.*",
                       "tied_embedding.*", "lstm.*"],
    # ShuffleBlock's nn.MaxPool2d(2) is pl.Pooling, whose call's [0] is its output; nn.Sequential
    # is pl.Sequential with its layers as templates (layers=[pax_fiddle.Config(...), ...]);
    # nn.MultiheadAttention is pl.DotProductAttention called with a mask of zeros
    # a convolution's integer padding pl.Conv2D cannot write pads its input by jnp.pad at each
    # call, before a 'VALID' Conv2D (folded into the padding on the way back)
    # a hyper-parameter an attribute also names is the field <name>_hparam (traits renamed-field)
    "pax": ["image_axes.*", "sequential.*", "transformer_block.*", "multihead_attention.*",
            "conv2d.*", "mlp.*", "module_list.*", "max_pool2d.*"],
    # arrays as attributes (frozen ones buffers), plain lists and dicts of layers and arrays
    # stacked LSTMs are a list of nn.LSTM run one by one, the final (h, c) their last steps
    # stacked
    "mlx": ["module_state.*", "module_list.*", "max_pool2d.*", "lstm.*"],
}


def must_be_complete(framework, label):
    case = label.split(" ", 1)[1]
    return any(fnmatch.fnmatchcase(case, pattern) for pattern in REQUIRE_COMPLETE.get(framework, []))


def partial_reason(framework, label):
    """Why `label` stays partial through `framework`: a reason, None when none is listed, or
    False when the framework lists none at all (its partial cases need no reason yet)."""
    if framework not in PARTIAL_REASONS:
        return False
    return next((reason for pattern, reason in PARTIAL_REASONS[framework].items()
                 if fnmatch.fnmatchcase(label, pattern)), None)


def not_expressible(framework, label):
    """The reason `framework` cannot express the case, or None."""
    return next((reason for pattern, reason in NOT_EXPRESSIBLE.get(framework, {}).items()
                 if fnmatch.fnmatchcase(label, pattern)), None)


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
    split.halves' -> 'torch->numpy->torch'; 'mlx->torch mlp.MLP' -> 'mlx->torch'."""
    return label.split(":")[0] if label.startswith("torchvision ") else label.split(" ")[0]

