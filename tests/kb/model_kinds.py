#!/usr/bin/python3
"""Coverage of the knowledge base for the model kinds the converter must handle: every hub op
a kind is written with must be mapped in torch and flax (with an API, or a hook that writes
it), and in numpy where NumPy has a form for it. The Tensor methods real PyTorch code calls
must each be read by some mapping of the torch spoke.

usage: model_kinds.py SWHOST BUILD_DIR
"""
import sys

from kb_common import load_matrix

# Model kind -> the hub ops code of that kind is written with.
MODEL_KINDS = {
    "attention": ["multihead_attention", "dot_product_attention", "softmax", "matmul"],
    "batch_norm": ["batch_norm1d", "batch_norm2d"],
    "concat": ["concat", "stack"],
    "cond_control_flow": ["cond", "where"],
    "conv2d": ["conv2d"],
    "conv2d_same_padding": ["conv2d"],
    "cross_entropy_loss": ["cross_entropy", "log_softmax", "nll_loss"],
    "dropout": ["dropout"],
    "einsum": ["einsum"],
    "elementwise_relu": ["relu", "add", "multiply"],
    "embedding": ["embedding"],
    "flatten": ["flatten", "flatten_layer", "reshape"],
    "gelu": ["gelu"],
    "global_avg_pool": ["global_avg_pool2d", "adaptive_avg_pool2d", "mean"],
    "gradient_clipping": ["clip_grad_norm", "clip_grad_value"],
    "group_norm": ["group_norm"],
    "layer_norm": ["layer_norm"],
    "linear": ["linear"],
    "lstm": ["lstm", "lstm_cell"],
    "masked_fill": ["masked_fill"],
    "max_pool2d": ["max_pool2d"],
    "mlp": ["linear", "relu", "sequential"],
    "optim_adam": ["adam", "zero_grad", "backward", "optimizer_step"],
    "resnet_block": ["conv2d", "batch_norm2d", "relu", "add"],
    "scan_loop": ["scan"],
    "sequential": ["sequential", "module_list"],
    "split": ["split", "split_sizes", "chunk"],
    "training_loop": ["backward", "optimizer_step", "zero_grad", "value_and_grad", "train_mode",
                      "eval_mode", "no_grad", "parameters"],
    "transformer_block": ["multihead_attention", "layer_norm", "linear", "dropout", "gelu"],
    "weight_norm": ["weight_norm"],
}

# Ops of those kinds that NumPy has a form for (it has no layers, losses or optimizers).
NUMPY_OPS = {"matmul", "concat", "stack", "cond", "where", "einsum", "add", "multiply", "flatten",
             "reshape", "mean", "masked_fill", "scan", "split", "split_sizes", "chunk"}

# Tensor methods PyTorch model code calls, each to be read by a torch mapping.
TORCH_METHODS = ["view", "reshape", "permute", "transpose", "masked_fill", "chunk", "split",
                 "size", "float", "item", "to", "cuda", "cpu", "detach", "contiguous",
                 "flatten", "softmax", "mean", "sum", "max"]


def usable(mapping):
    """A mapping that writes something: an API, a hook, or an identity (the call disappears).
    A gap (what no rewrite provides yet) is reported to the user, and listed here, not counted
    as mapped."""
    return bool(mapping and not mapping.get("gap") and (
        mapping["api"] or mapping.get("hook") or mapping["kind"] == "identity"))


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    matrix = load_matrix(*sys.argv[1:])
    ops = {op["op"]: op for op in matrix["ops"]}
    problems = []
    gaps = []
    for kind, needed in sorted(MODEL_KINDS.items()):
        for name in needed:
            op = ops.get(name)
            if op is None:
                problems.append("%s: hub op '%s' does not exist" % (kind, name))
                continue
            frameworks = ["torch", "flax"] + (["numpy"] if name in NUMPY_OPS else [])
            for framework in frameworks:
                mapping = op["mappings"].get(framework)
                if mapping and mapping.get("gap"):
                    gaps.append("%s: '%s' is a gap in %s: %s" % (kind, name, framework,
                                                                 mapping["gap"]))
                elif not usable(mapping):
                    problems.append("%s: '%s' is not mapped in %s" % (kind, name, framework))
    read = set()
    for op in matrix["ops"]:
        torch = op["mappings"].get("torch")
        if torch:
            read.update(m["api"] for m in [torch] + torch.get("alternatives", []))
    for method in TORCH_METHODS:
        if "torch.Tensor." + method not in read:
            problems.append("no torch mapping reads 'x.%s(...)'" % method)
    for gap in gaps:
        print("known " + gap)
    for problem in problems:
        print(problem)
    needed = {name for names in MODEL_KINDS.values() for name in names}
    print("model kinds: %d kinds, %d hub ops, %d Tensor methods; %d problems" % (
        len(MODEL_KINDS), len(needed), len(TORCH_METHODS), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
