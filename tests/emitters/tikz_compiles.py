#!/usr/bin/python3
"""The TikZ emitter's documents compile: for each model, `swhost draw --emitter tikz` writes a
standalone document, pdflatex compiles it without errors or overfull boxes, pdftoppm renders
the page, and the page is not blank (enough dark pixels) and is no larger than the drawing
(standalone crops to the picture, so a box or label outside it would grow the page past the
layout's size plus its border).

usage: tikz_compiles.py SWHOST REPO [PNG_FOLDER]
With PNG_FOLDER, the rendered pages are kept there (docs/diagrams.md shows them).
"""
import os
import shutil
import subprocess
import sys
import tempfile

TORCHVISION = "/usr/lib/python3/dist-packages/torchvision/models"


def cases(repo):
    models = os.path.join(repo, "tests", "models", "torch")
    yield ("resnet18", os.path.join(TORCHVISION, "resnet.py"),
           ["--builder", "resnet18", "--input-shape", "1,3,224,224", "--depth", "1"])
    yield ("vit_b_32", os.path.join(TORCHVISION, "vision_transformer.py"),
           ["--builder", "vit_b_32", "--input-shape", "1,3,224,224", "--depth", "1"])
    yield ("transformer_block", os.path.join(models, "transformer_block.py"),
           ["--class", "TransformerBlock", "--args", "dim=32, heads=4, hidden=64",
            "--input-shape", "2,10,32", "--depth", "2"])


def dark_pixels(pgm):
    """Pixels darker than mid-grey in a binary PGM (P5) file, and the image's size."""
    with open(pgm, "rb") as handle:
        data = handle.read()
    fields, position = [], 0
    while len(fields) < 4:
        while data[position:position + 1].isspace():
            position += 1
        end = position
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[position:end])
        position = end
    width, height = int(fields[1]), int(fields[2])
    pixels = data[position + 1:]
    return sum(1 for value in pixels if value < 128), width, height


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    swhost, repo = sys.argv[1], sys.argv[2]
    keep = sys.argv[3] if len(sys.argv) == 4 else None
    problems = []
    with tempfile.TemporaryDirectory(prefix="swtikz-") as work:
        for name, path, options in cases(repo):
            tex = os.path.join(work, name + ".tex")
            result = subprocess.run([swhost, "draw", path, "--emitter", "tikz", "--out", tex] + options,
                                    capture_output=True, text=True, check=False)
            if result.returncode != 0:
                problems.append("%s: swhost draw failed: %s" % (name, result.stderr.strip()))
                continue
            latex = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", tex],
                                   cwd=work, capture_output=True, text=True, check=False)
            log = open(os.path.join(work, name + ".log"), errors="replace").read()
            if latex.returncode != 0:
                problems.append("%s: pdflatex failed:\n%s" % (name, latex.stdout[-1500:]))
                continue
            if "Overfull" in log:
                problems.append("%s: overfull boxes in the pdflatex log" % name)
            subprocess.run(["pdftoppm", "-r", "40", "-gray", "-singlefile",
                            os.path.join(work, name + ".pdf"), os.path.join(work, name)], check=True)
            dark, width, height = dark_pixels(os.path.join(work, name + ".pgm"))
            if dark < 200:
                problems.append("%s: the page is blank (%d dark pixels)" % (name, dark))
            print("%s: %dx%d px at 40 dpi, %d dark pixels" % (name, width, height, dark))
            if keep:
                os.makedirs(keep, exist_ok=True)
                subprocess.run(["pdftoppm", "-r", "110", "-png", "-singlefile",
                                os.path.join(work, name + ".pdf"),
                                os.path.join(keep, "tikz-" + name)], check=True)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
