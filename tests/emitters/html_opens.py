#!/usr/bin/python3
"""The HTML emitter's pages work in a browser: for each model, `swhost draw --emitter html`
writes a page that refers to nothing outside itself; headless Chromium opens it with
"#selftest", where the page's script expands a block, checks the hover tip, collapses the
block again and writes the outcome into #status (read from --dump-dom), with no message on
the browser's console; a screenshot of the page at the picture's size is not blank and
nothing reaches its edge.

usage: html_opens.py SWHOST REPO [PNG_FOLDER]
With PNG_FOLDER, the screenshots are kept there (docs/diagrams.md shows them).
"""
import html.parser
import os
import re
import shutil
import subprocess
import sys

from PIL import Image

from drawings import page_problems, run


class Page(html.parser.HTMLParser):
    """The #status text, the shown picture's size, and any reference to another resource."""

    def __init__(self):
        super().__init__()
        self.status, self.size, self.references = None, None, []
        self._in_status, self._in_shown_level = False, False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.references += ["%s %s=%s" % (tag, key, value) for key, value in attrs
                            if key in ("src", "href", "srcset", "action", "data")]
        if tag in ("link", "img", "iframe", "object", "embed"):
            self.references.append(tag)
        self._in_status = attributes.get("id") == "status"
        if self._in_status:
            self.status = ""
        if tag == "div" and attributes.get("class") == "level":
            self._in_shown_level = "hidden" not in attributes
        if tag == "svg" and self._in_shown_level and self.size is None:
            self.size = (float(attributes["width"]), float(attributes["height"]))

    def handle_endtag(self, tag):
        if tag == "pre":
            self._in_status = False

    def handle_data(self, data):
        if self._in_status:
            self.status += data


def chromium(profile, *arguments):
    command = ["chromium", "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
               "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
               "--user-data-dir=" + profile] + list(arguments)
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    return result, console


def check(name, page, work, keep):
    profile, screenshot = os.path.join(work, "profile"), os.path.join(work, name + ".png")
    with open(page, encoding="utf-8") as handle:
        document = handle.read()
    problems = []
    written = Page()
    written.feed(document)
    if written.references or "://" in document or "url(" in re.sub(r"url\(#[\w-]+\)", "", document):
        problems.append("%s: the page refers to other resources: %s" % (name, written.references))
    result, console = chromium(profile, "--dump-dom", "file://%s#selftest" % page)
    problems += ["%s: console: %s" % (name, line) for line in console]
    opened = Page()
    opened.feed(result.stdout)
    if result.returncode != 0 or not (opened.status or "").startswith("ok"):
        problems.append("%s: the page's self-test says %r (chromium exit %d)"
                        % (name, opened.status, result.returncode))
    # The window: the shown picture plus the page's margins and its header line.
    width, height = max(int(written.size[0]) + 40, 760), int(written.size[1]) + 110
    result, console = chromium(profile, "--screenshot=" + screenshot,
                               "--window-size=%d,%d" % (width, height), "file://" + page)
    problems += ["%s: console: %s" % (name, line) for line in console]
    if result.returncode != 0 or not os.path.exists(screenshot):
        return problems + ["%s: no screenshot: %s" % (name, result.stderr[-800:])]
    image = Image.open(screenshot).convert("L")
    pixels = image.load()
    found, dark = page_problems(name, image.width, image.height, lambda x, y: pixels[x, y] < 128)
    print("%s: %s; screenshot %dx%d px, %d dark pixels" % (name, opened.status.strip() if opened.status else None,
                                                            image.width, image.height, dark))
    if keep:
        shutil.copyfile(screenshot, os.path.join(keep, "html-" + name + ".png"))
    return problems + found


if __name__ == "__main__":
    sys.exit(run(__doc__, "html", ".html", check))
