"""What the emitter tests share: the models they draw and the checks of a rendered page."""
import os
import subprocess
import sys
import tempfile

TORCHVISION = "/usr/lib/python3/dist-packages/torchvision/models"


def cases(repo):
    """(name, model file, swhost draw options) of each model drawn."""
    models = os.path.join(repo, "tests", "models", "torch")
    yield ("resnet18", os.path.join(TORCHVISION, "resnet.py"),
           ["--builder", "resnet18", "--input-shape", "1,3,224,224", "--depth", "1"])
    yield ("vit_b_32", os.path.join(TORCHVISION, "vision_transformer.py"),
           ["--builder", "vit_b_32", "--input-shape", "1,3,224,224", "--depth", "1"])
    yield ("transformer_block", os.path.join(models, "transformer_block.py"),
           ["--class", "TransformerBlock", "--args", "dim=32, heads=4, hidden=64",
            "--input-shape", "2,10,32", "--depth", "2"])


def page_problems(name, width, height, dark_at):
    """What is wrong with a rendered page: blank (under 200 pixels darker than mid-grey), or
    something drawn on its outermost ring of pixels (content cut off at the page's edge).
    `dark_at(x, y)` says whether a pixel is dark."""
    problems = []
    dark = sum(1 for y in range(height) for x in range(width) if dark_at(x, y))
    if dark < 200:
        problems.append("%s: the page is blank (%d dark pixels)" % (name, dark))
    ring = [(x, y) for x in range(width) for y in (0, height - 1)] + \
           [(x, y) for y in range(height) for x in (0, width - 1)]
    if any(dark_at(x, y) for x, y in ring):
        problems.append("%s: the drawing reaches the page's edge" % name)
    return problems, dark


def run(usage, emitter, extension, check):
    """The tests' driver, for `usage: SCRIPT SWHOST REPO [PNG_FOLDER]`: draws each case with
    `swhost draw --emitter EMITTER` into a temporary folder (NAME.EXTENSION), then calls
    `check(name, document, work, png_folder)`, which returns a list of problems. Prints the
    problems; returns the exit status."""
    if len(sys.argv) not in (3, 4):
        sys.exit(usage)
    swhost, repo = sys.argv[1], sys.argv[2]
    keep = sys.argv[3] if len(sys.argv) == 4 else None
    if keep:
        os.makedirs(keep, exist_ok=True)
    problems = []
    with tempfile.TemporaryDirectory(prefix="sw" + emitter + "-") as work:
        for name, path, options in cases(repo):
            document = os.path.join(work, name + extension)
            result = subprocess.run([swhost, "draw", path, "--emitter", emitter, "--out", document]
                                    + options, capture_output=True, text=True, check=False)
            if result.returncode != 0:
                problems.append("%s: swhost draw failed: %s" % (name, result.stderr.strip()))
                continue
            problems += check(name, document, work, keep)
    for problem in problems:
        print(problem)
    return 1 if problems else 0
