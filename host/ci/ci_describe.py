"""`swhost suggest`'s half of the `swhost ci` worker (`ci_worker.py --describe NAME`): an API, or
every public callable of a module, described as an API snapshot entry (parameters, kinds,
defaults, the first line of its doc), read with `inspect` in the interpreter that has it."""
import importlib


def parameter_entry(parameter):
    kinds = {"POSITIONAL_ONLY": "positional_only", "POSITIONAL_OR_KEYWORD": "positional_or_keyword",
             "VAR_POSITIONAL": "var_positional", "KEYWORD_ONLY": "keyword_only",
             "VAR_KEYWORD": "var_keyword"}
    empty = parameter.empty
    return {"name": parameter.name, "kind": kinds[parameter.kind.name],
            "default": None if parameter.default is empty else repr(parameter.default),
            "required": parameter.default is empty and parameter.kind.name not in (
                "VAR_POSITIONAL", "VAR_KEYWORD")}


def describe_one(name, value):
    """`name` as an API snapshot entry, with the first line of its doc."""
    import inspect
    entry = {"kind": "class" if inspect.isclass(value) else "function" if callable(value)
             else "value"}
    lines = [line.strip() for line in (inspect.getdoc(value) or "").split("\n") if line.strip()]
    short = name.rsplit(".", 1)[-1]
    written = lines[0] if lines and lines[0].startswith(short + "(") else None
    try:
        entry["params"] = [parameter_entry(p)
                           for p in inspect.signature(value).parameters.values()]
    except (TypeError, ValueError):
        entry["params"] = params_of_text(written) if written else None
    lines = lines[1:] if written else lines
    if lines:
        entry["doc"] = lines[0]
    return entry


def params_of_text(signature):
    """Parameters of a signature written in a doc's first line: `frac(input, *, out=None)`."""
    inside = signature[signature.index("(") + 1:signature.rindex(")")]
    params, keyword_only, depth, part = [], False, 0, ""
    for c in inside + ",":
        depth += c in "([{"
        depth -= c in ")]}"
        if c != "," or depth:
            part += c
            continue
        part, text = "", part.strip()
        if text == "*":
            keyword_only = True
        elif text and text != "/":
            name, _, default = text.partition("=")
            params.append({"name": name.strip().lstrip("*"),
                           "kind": "keyword_only" if keyword_only else "positional_or_keyword",
                           "default": default.strip() or None, "required": not default})
    return params


def own_member(module_name, value):
    """False for what a module only imports: a helper of another package (`typing.Optional`
    imported into a framework's module) or a class defined outside the module (the framework's
    array class re-exported by a submodule), which are no APIs of the module to map."""
    import inspect
    owner = getattr(value, "__module__", None)
    if not isinstance(owner, str):
        return True
    if owner.split(".")[0] != module_name.split(".")[0]:
        return False
    return not inspect.isclass(value) or owner == module_name or \
        owner.startswith(module_name + ".")


def describe(pattern, import_for):
    """Snapshot entries (`apis`) of one API or of every public callable of a module;
    `import_for(name, scope)` imports what a qualified name needs (the worker's)."""
    if pattern.endswith(".*"):
        module = importlib.import_module(pattern[:-2])
        names = sorted(n for n in dir(module) if not n.startswith("_"))
        items = [(pattern[:-2] + "." + n, getattr(module, n)) for n in names]
        items = [(n, v) for n, v in items if callable(v) and own_member(pattern[:-2], v)]
    else:
        scope = {}
        problem = import_for(pattern, scope)
        if problem:
            raise ImportError(problem)
        value = scope[pattern.split(".")[0]]
        for part in pattern.split(".")[1:]:
            value = getattr(value, part)
        items = [(pattern, value)]
    return {"apis": {name: describe_one(name, value) for name, value in items}}
