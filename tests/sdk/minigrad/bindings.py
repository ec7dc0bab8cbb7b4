"""Every name a converted file uses must resolve to the target framework or to the file itself:
pyflakes finds names used but never bound (and imports bound but never used), and the binding
test below checks that each import binds a module of the target framework (the modules its
traits' [imports] name) or of the standard library the conversion writes."""
import ast
import subprocess
import tomllib

# Standard-library modules a conversion may write (functools.partial, itertools.accumulate).
STANDARD = {"functools", "itertools", "math", "typing", "__future__"}


def framework_modules(traits_path):
    """The top-level modules of a framework, from its traits' [imports]."""
    with open(traits_path, "rb") as handle:
        imports = tomllib.load(handle).get("imports", {})
    return {module.split(".")[0] for module in imports}


def foreign_imports(path, allowed):
    """'line: module' for each import of a module outside `allowed` and the standard set."""
    with open(path) as handle:
        tree = ast.parse(handle.read())
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            modules = [node.module or ""]
        else:
            continue
        for module in modules:
            if module.split(".")[0] not in allowed | STANDARD:
                problems.append("%d: imports '%s'" % (node.lineno, module))
    return problems


def pyflakes(path):
    """pyflakes' messages for one file (empty when clean)."""
    result = subprocess.run(["/usr/bin/python3", "-m", "pyflakes", path], capture_output=True,
                            text=True, check=False)
    return [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]


def binding_problems(path, allowed):
    return pyflakes(path) + ["%s:%s" % (path, problem)
                             for problem in foreign_imports(path, allowed)]
