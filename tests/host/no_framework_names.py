"""The host knows no framework by name (issue: a framework is a plugin).

Scans host/ and kb/ for the names of frameworks and their modules outside comments: C++ code
and string literals, TOML keys and values, CMake code. The names come from the adapters'
traits (framework ids, display names, the modules they import and their aliases), plus the
frameworks that arrive as plugins later and the SDK template's MiniGrad.

Usage: no_framework_names.py SOURCE_DIR
"""
import pathlib
import re
import sys
import tomllib

PLANNED = {"tensorflow", "tf", "keras", "mlx", "paxml", "pax", "praxis", "minigrad", "pytorch",
           "flax_nnx", "optax", "jnp", "nnx"}
# Import aliases too short or too common to be a framework's name in C++ text.
GENERIC = {"nn", "f"}


def framework_names(root):
    names = set(PLANNED)
    for traits_path in sorted(root.glob("adapters/*/traits.toml")) + [
            root / "sdk/template/data/traits.toml"]:
        traits = tomllib.loads(traits_path.read_text())
        names.add(traits["framework"].lower())
        names.update(word.lower() for word in re.findall(r"[A-Za-z]+", traits.get("display-name", ""))
                     if len(word) > 3)
        # The names of the framework's own key plumbing (`rngs`, `Rngs`) are its facts too.
        rng = traits.get("rng", {})
        if rng.get("parameter"):
            names.add(rng["parameter"].lower())
        if rng.get("type"):
            names.add(rng["type"].split(".")[-1].lower())
        for module, alias in traits.get("imports", {}).items():
            names.add(module.split(".")[0].lower())
            if alias:
                names.add(alias.lower())
    return names - GENERIC


def strip_cpp_comments(text):
    """Blanks // and /* */ comments, keeping string and character literals and line numbers."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("\n" * text.count("\n", i, j))
            i = j
        elif text.startswith('R"(', i):
            j = text.find(')"', i)
            out.append(text[i:j + 2])
            i = j + 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def strip_hash_comments(text):
    """Blanks # comments of TOML and CMake lines (a # inside a quoted string stays)."""
    lines = []
    for line in text.split("\n"):
        quote = None
        for k, c in enumerate(line):
            if quote:
                if c == quote:
                    quote = None
            elif c in "\"'":
                quote = c
            elif c == "#":
                line = line[:k]
                break
        lines.append(line)
    return "\n".join(lines)


def main():
    root = pathlib.Path(sys.argv[1])
    names = framework_names(root)
    pattern = re.compile(r"(?<![A-Za-z0-9_])(" + "|".join(sorted(map(re.escape, names))) +
                         r")(?![A-Za-z0-9_])", re.IGNORECASE)
    found = []
    for folder in ("host", "kb"):
        for path in sorted((root / folder).rglob("*")):
            if not path.is_file():
                continue
            text = path.read_text(errors="replace")
            if path.suffix in (".cpp", ".h", ".hpp", ".g4"):
                text = strip_cpp_comments(text)
            elif path.suffix in (".toml", ".txt", ".cmake", ".py") or path.name == "CMakeLists.txt":
                text = strip_hash_comments(text)
            else:
                continue
            for number, line in enumerate(text.split("\n"), 1):
                for match in pattern.finditer(line):
                    found.append(f"{path.relative_to(root)}:{number}:{match.start() + 1}: "
                                 f"'{match.group(1)}' names a framework: {line.strip()}")
    for line in found:
        print(line)
    print(f"{len(found)} framework names in host/ and kb/ (names checked: {', '.join(sorted(names))})")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
