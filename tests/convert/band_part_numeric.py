#!/usr/bin/python3
"""The TensorFlow spoke's triangles at a diagonal other than the main one (tf.linalg.band_part
keeps bands from the main diagonal only): each 'triu/...' and 'tril/...' expression of
adapters/tf/spoke.toml, with band_part as TensorFlow documents it (keep x[i, j] where
num_lower < 0 or i - j <= num_lower, and num_upper < 0 or j - i <= num_upper), equals
torch.triu / torch.tril under Debian's PyTorch for every diagonal from -5 to 5 of square and
oblong matrices (the `fixed` ones at their diagonal only).

usage: band_part_numeric.py SPOKE_TOML
"""
import sys
import tomllib

import torch


def band_part(x, num_lower, num_upper):
    rows = torch.arange(x.shape[-2])[:, None]
    cols = torch.arange(x.shape[-1])[None, :]
    keep = ((num_lower < 0) | (rows - cols <= num_lower)) & ((num_upper < 0) | (cols - rows <= num_upper))
    return torch.where(keep, x, torch.zeros_like(x))


def main():
    with open(sys.argv[1], "rb") as spoke:
        ops = tomllib.load(spoke)["ops"]
    checked = 0
    for name, mapping in ops.items():
        op = name.split("/")[0]
        if op not in ("triu", "tril") or "expression" not in mapping:
            continue
        fixed = mapping.get("fixed", {}).get("k")
        text = (mapping["expression"].replace("{@tensorflow.linalg.band_part}", "band_part")
                .replace("{input}", "x").replace("{k}", "k"))
        for shape in [(5, 5), (2, 4, 6), (7, 3)]:
            x = torch.randn(*shape, generator=torch.Generator().manual_seed(checked))
            for k in ([int(fixed)] if fixed is not None else range(-5, 6)):
                got = eval(text, {"band_part": band_part, "x": x, "k": k})
                want = getattr(torch, op)(x, diagonal=k)
                if not torch.equal(got, want):
                    sys.exit("%s at k=%d, shape %s: differs from torch.%s" % (name, k, shape, op))
                checked += 1
    if checked == 0:
        sys.exit("no triu or tril expression in " + sys.argv[1])
    print("band_part triangles: %d diagonal and shape cases agree" % checked)


if __name__ == "__main__":
    main()
