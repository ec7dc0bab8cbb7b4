#!/usr/bin/python3
"""The TikZ emitter's documents compile: for each model, `swhost draw --emitter tikz` writes a
standalone document, pdflatex compiles it without errors or overfull boxes, pdftoppm renders
the page, and the page is not blank (enough dark pixels) and nothing reaches its edge (the
page is the layout's size plus a border, so a box or label outside the layout would be cut off
there).

usage: tikz_compiles.py SWHOST REPO [PNG_FOLDER]
With PNG_FOLDER, the rendered pages are kept there (docs/diagrams.md shows them).
"""
import os
import subprocess
import sys

from drawings import page_problems, run


def dark_pixels(pgm):
    """Whether a pixel of a binary PGM (P5) file is darker than mid-grey, and its size."""
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
    return (lambda x, y: pixels[y * width + x] < 128), width, height


def check(name, tex, work, keep):
    latex = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", tex],
                           cwd=work, capture_output=True, text=True, check=False)
    log = open(os.path.join(work, name + ".log"), errors="replace").read()
    if latex.returncode != 0:
        return ["%s: pdflatex failed:\n%s" % (name, latex.stdout[-1500:])]
    problems = ["%s: overfull boxes in the pdflatex log" % name] if "Overfull" in log else []
    pdf = os.path.join(work, name + ".pdf")
    subprocess.run(["pdftoppm", "-r", "40", "-gray", "-singlefile", pdf, os.path.join(work, name)],
                   check=True)
    dark_at, width, height = dark_pixels(os.path.join(work, name + ".pgm"))
    found, dark = page_problems(name, width, height, dark_at)
    print("%s: %dx%d px at 40 dpi, %d dark pixels" % (name, width, height, dark))
    if keep:
        subprocess.run(["pdftoppm", "-r", "110", "-png", "-singlefile", pdf,
                        os.path.join(keep, "tikz-" + name)], check=True)
    return problems + found


if __name__ == "__main__":
    sys.exit(run(__doc__, "tikz", ".tex", check))
