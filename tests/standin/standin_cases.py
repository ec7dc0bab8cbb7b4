"""The cases of run_conversions.py: which of them work on images (their four-dimensional arrays
go into the Flax model channels last), and the conversions known not to agree yet, each with its
reason (docs/conversion.md lists them)."""
import fnmatch

# (model file, callable): the converted callable takes and returns images channels last
IMAGE_CASES = {
    ("batch_norm.py", "ConvBNReLU"), ("conv2d.py", "ConvNet"), ("conv2d_same_padding.py", "SameConvBlock"),
    ("global_avg_pool.py", "PooledClassifier"), ("global_avg_pool.py", "global_pool"),
    ("global_avg_pool.py", "pooled_per_axis"), ("group_norm.py", "GroupNormBlock"),
    ("image_axes.py", "SqueezeExcite"), ("image_axes.py", "TwoBranch"), ("image_axes.py", "Head"),
    ("image_axes.py", "ShuffleBlock"), ("max_pool2d.py", "ConvPool"), ("resnet_block.py", "BasicBlock"),
    ("resnet_stage.py", "Stage"), ("torch-flax-adaptive-pool.py", "Pooled"),
    ("torch-flax-sequential-names.py", "Net"), ("torch-flax-layer-called-in-place.py", "Scored"),
    ("torch-flax-held-layer-classes.py", "Net"), ("torch-flax-pool-unit-stride-ceil.py", "Pools"),
    ("torch-flax-permute-layers.py", "Block"), ("torch-flax-shape-unpacking.py", "Patches"),
    ("torch-flax-forwarded-keywords.py", "Net"), ("torch-flax-layer-attributes.py", "Net"),
    ("torch-flax-annotated-layer-list.py", "Net"),
    ("torch-flax-dense-lists.py", "Net"), ("torch-flax-sequential-item-assignment.py", "Net"),
    ("torch-flax-conv-transpose-padding.py", "Upsample"),
    ("torch-flax-permute-unknown-layout.py", "Net"), ("torch-flax-sequential-given-layout.py", "Net"),
    ("torch-flax-conditional-held-layers.py", "Net"),
}

# Golden cases' models (path below tests/) run too: (kind, case) as in roundtrip_cases and
# numeric_files
GOLDEN_MODELS = {
    "golden/convert/torch-flax-annotated-layer-list/model.py": [
        ("module", ("Net", (3,), [("f", (2, 3, 9, 7))])),
    ],
    "golden/convert/torch-flax-constructor-method-buffers/model.py": [
        ("module", ("Windowed", (3,), [("f", (2, 9))])),
        ("module", ("Shifted", (3,), [("f", (2, 9))])),
    ],
    "golden/convert/torch-flax-sequential-mapping-names/model.py": [
        ("module", ("Head", (4, 3), [("f", (2, 4))])),
        ("module", ("Head", (4, 3, 5), [("f", (2, 4))])),
    ],
    "golden/convert/torch-flax-permute-unknown-layout/model.py": [
        ("module", ("Net", (4, 3), [("f", (2, 3, 8, 8))])),
    ],
    "golden/convert/torch-flax-parameter-shapes/model.py": [
        ("module", ("Net", (4,), [("f", (2, 4))])),
    ],
    "golden/convert/torch-flax-parameter-values/model.py": [
        ("module", ("Attention", (4,), [("f", (2, 5, 4))])),
        ("module", ("Scaled", (4,), [("f", (2, 5, 4))])),
    ],
    "golden/convert/torch-flax-method-initializers/model.py": [
        ("module", ("Table", (4,), [("f", (2, 4))])),
        ("module", ("ScaledTable", (4,), [("f", (2, 4))])),
    ],
    "golden/convert/torch-flax-rebound-indexed-updates/model.py": [
        ("module", ("Biased", (3, 2), [("f", (2, 2, 9, 9))])),
        ("function", ("relative_index", [("n", 2), ("n", 3)])),
    ],
    "golden/convert/torch-flax-shape-unpacking/model.py": [
        ("module", ("Patches", (3, 4, 2), [("f", (2, 3, 8, 6))])),
    ],
    "golden/convert/torch-flax-gelu-class-value/model.py": [
        ("module", ("Net", (4,), [("f", (2, 4))])),
    ],
    "golden/convert/torch-flax-dense-lists/model.py": [
        ("module", ("Net", (3,), [("f", (2, 3, 6, 5))])),
    ],
    "golden/convert/torch-flax-sequential-item-assignment/model.py": [
        ("module", ("Net", (3,), [("f", (2, 3, 6, 5))])),
    ],
    "golden/convert/torch-flax-sequential-given-layout/model.py": [
        ("module", ("Net", (3,), [("f", (2, 3, 6, 6))])),
    ],
    "golden/convert/torch-flax-conditional-held-layers/model.py": [
        ("module", ("Net", (3,), [("f", (2, 3, 5, 4))])),
        ("module", ("Net", (3, False), [("f", (2, 3, 5, 4))])),
    ],
    "golden/convert/torch-flax-permute-layers/model.py": [
        ("module", ("Block", (3,), [("f", (2, 3, 7, 5))])),
    ],
    "golden/convert/torch-flax-adaptive-pool/model.py": [
        ("module", ("Pooled", (4,), [("f", (2, 3, 7, 5))])),
    ],
    "golden/convert/torch-flax-conditional-layer-classes/model.py": [
        ("module", ("Net", (4,), [("f", (2, 4))])),
        ("module", ("Net", (4, False, True), [("f", (2, 4))])),
    ],
    "golden/convert/torch-flax-containers-and-axes/model.py": [
        ("module", ("Net", (), [("f", (2, 3))])),
        ("function", ("methods", [("f", (2, 4, 5))])),
        ("function", ("gather_rows", [("f", (2, 5, 4)), ("i", (2, 3), 5), ("n", 4)])),
    ],
    "golden/convert/torch-flax-field-class-values/model.py": [
        ("module", ("Net", (4,), [("f", (2, 4))])),
    ],
    "golden/convert/torch-flax-forwarded-keywords/model.py": [
        ("module", ("Net", (3,), [("f", (2, 3, 9, 9))])),
    ],
    "golden/convert/torch-flax-sequential-add-child/model.py": [
        ("module", ("Net", (4,), [("f", (2, 4))])),
    ],
    "golden/convert/torch-flax-container-subclasses/model.py": [
        ("module", ("Net", (4,), [("f", (2, 4))])),
    ],
    "golden/convert/torch-flax-held-layer-classes/model.py": [
        ("module", ("Net", (3,), [("f", (2, 3, 9, 7))])),
    ],
    "golden/convert/torch-flax-inplace-positional/model.py": [
        ("module", ("Classifier", (4, 3), [("f", (2, 4))])),
    ],
    "golden/convert/torch-flax-layer-called-in-place/model.py": [
        ("module", ("Scored", (4,), [("f", (2, 4)), ("i", (2,), 4), ("f", (2, 3, 7, 5))])),
    ],
    "golden/convert/torch-flax-layer-subclass-arguments/model.py": [
        ("module", ("Net", (4,), [("f", (2, 4))])),
    ],
    "golden/convert/torch-flax-layer-attributes/model.py": [
        ("module", ("Net", (3,), [("f", (2, 3, 7, 5))])),
    ],
    "golden/convert/torch-flax-layer-class-values/model.py": [
        ("module", ("Net", (3,), [("f", (2, 3))])),
    ],
    "golden/convert/torch-flax-pad/model.py": [
        ("function", ("pad_last", [("f", (2, 3, 4))])),
        ("function", ("pad_modes", [("f", (2, 3, 5, 6))])),
        ("function", ("pad_sizes", [("f", (1, 4, 5, 3)), ("n", 2), ("n", 1)])),
    ],
    "golden/convert/torch-flax-conv-transpose-padding/model.py": [
        ("module", ("Upsample", (3,), [("f", (2, 3, 5, 4))])),
    ],
    "golden/convert/torch-flax-pool-unit-stride-ceil/model.py": [
        ("module", ("Pools", (3,), [("f", (2, 3, 7, 5))])),
    ],
    "golden/convert/torch-flax-sequential-names/model.py": [
        ("module", ("Net", (4,), [("f", (2, 3, 7, 5))])),
    ],
    "golden/convert/torch-flax-tied-layers/model.py": [
        ("module", ("TiedAutoencoder", (4,), [("f", (2, 4))])),
    ],
    "golden/convert/torch-flax-tied-head/model.py": [
        ("module", ("TiedHead", (10, 4), [("i", (3, 6), 10)])),
    ],
    "golden/convert/torch-flax-value-table-variables/model.py": [
        ("function", ("gelus", [("f", (3, 4)), ("n", "none")])),
        ("function", ("gelus:tanh", [("f", (3, 4)), ("n", "tanh")])),
        ("function", ("spread", [("f", (3, 4)), ("n", True)])),
        ("function", ("spread:biased", [("f", (3, 4)), ("n", False)])),
    ],
    "golden/convert/torch-flax-tensor-factories/model.py": [
        ("function", ("factories", [("f", (2, 3, 4))])),
    ],
    "golden/convert/torch-flax-recurrent/model.py": [
        ("module", ("Recurrent", (4, 4), [("f", (2, 6, 4))])),
    ],
}

# label pattern (fnmatch) -> why it does not agree yet
KNOWN_FAILURES = {
}


def known_failure(label):
    return next((why for pattern, why in KNOWN_FAILURES.items() if fnmatch.fnmatchcase(label, pattern)), None)
