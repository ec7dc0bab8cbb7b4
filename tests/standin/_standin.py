"""What the stand-in packages (jax, flax.nnx, optax over NumPy) share: the API snapshots of the
real frameworks, and the rule that everything the stand-in defines exists in the real
framework under the same name with the same parameters.

`exported("jax.nn.gelu")` on a function or class checks, when the stand-in is imported, that
the snapshot lists the API and that each parameter the stand-in takes is one of its parameters
(by name and kind). A stand-in may take fewer parameters than the real API: a call that uses
one of the others fails with a TypeError, as it would on a function that does not take it.
"""
import functools
import inspect
import json
import os

SNAPSHOT_DIR = os.environ.get("SWITCHEROO_API_SNAPSHOTS") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "api-snapshots")
SNAPSHOT_FILES = {"jax": "jax.json", "flax": "flax_nnx.json", "optax": "optax.json"}
_loaded = {}


def entry(name):
    """The snapshot entry of a dotted API name, e.g. 'flax.nnx.Conv'."""
    file_name = SNAPSHOT_FILES[name.split(".")[0]]
    if file_name not in _loaded:
        with open(os.path.join(SNAPSHOT_DIR, file_name)) as handle:
            _loaded[file_name] = json.load(handle)["apis"]
    apis = _loaded[file_name]
    if name not in apis:
        raise AssertionError("stand-in defines '%s', which the API snapshot does not list" % name)
    return apis[name]


_KINDS = {inspect.Parameter.POSITIONAL_ONLY: ("positional_only", "positional_or_keyword"),
          inspect.Parameter.POSITIONAL_OR_KEYWORD: ("positional_or_keyword", "positional_only"),
          inspect.Parameter.KEYWORD_ONLY: ("keyword_only",)}


def check_parameters(name, function, skip_first=False):
    """Every parameter of `function` must be one of the snapshot's parameters of `name`."""
    spec = entry(name)
    real = {p["name"]: p for p in spec.get("params", [])}
    parameters = list(inspect.signature(function).parameters.values())
    for parameter in parameters[1:] if skip_first else parameters:
        if parameter.kind == inspect.Parameter.VAR_POSITIONAL:
            ok = spec.get("varargs", False)
        elif parameter.kind == inspect.Parameter.VAR_KEYWORD:
            ok = spec.get("varkw", False) or spec.get("init_unknown", False)
        else:
            found = real.get(parameter.name)
            ok = found is not None and found["kind"] in _KINDS[parameter.kind]
        if not ok:
            raise AssertionError("stand-in '%s' takes '%s', which the real API does not"
                                 % (name, parameter.name))


def exported(name):
    """Decorator: the function or class is the stand-in of the real API `name`."""
    def decorate(obj):
        if isinstance(obj, type):
            if "__init__" in obj.__dict__:
                check_parameters(name, obj.__init__, skip_first=True)
        else:
            check_parameters(name, obj)
        obj.__standin_api__ = name
        return obj
    return decorate


_UNSET = object()


def signature_of(name):
    """An inspect.Signature with the real API's parameter names and kinds (defaults unset)."""
    spec = entry(name)
    kinds = {"positional_only": inspect.Parameter.POSITIONAL_ONLY,
             "positional_or_keyword": inspect.Parameter.POSITIONAL_OR_KEYWORD,
             "keyword_only": inspect.Parameter.KEYWORD_ONLY}
    parameters = []
    after_optional = False
    for p in spec.get("params", []):
        kind = kinds[p["kind"]]
        required = p["required"]
        if kind != inspect.Parameter.KEYWORD_ONLY:
            # a required parameter after optional ones (as the snapshot may list them) is made
            # optional, so that the signature stays valid
            after_optional = after_optional or not required
            required = required and not after_optional
        default = inspect.Parameter.empty if required else _UNSET
        parameters.append(inspect.Parameter(p["name"], kind, default=default))
    # overloads (a union of signatures) may list keyword-only parameters between positional ones
    parameters.sort(key=lambda q: q.kind == inspect.Parameter.KEYWORD_ONLY)
    if spec.get("varargs"):
        index = next((i for i, q in enumerate(parameters)
                      if q.kind == inspect.Parameter.KEYWORD_ONLY), len(parameters))
        parameters.insert(index, inspect.Parameter("args", inspect.Parameter.VAR_POSITIONAL))
    if spec.get("varkw"):
        parameters.append(inspect.Parameter("kwargs", inspect.Parameter.VAR_KEYWORD))
    return inspect.Signature(parameters)


def twin(name, function, renames=None, unsupported=(), wrap=None, unwrap=None):
    """The stand-in of `name` that calls `function` (its NumPy twin): the call is bound to the
    real API's signature first (a keyword the real API does not take is a TypeError), keywords
    are renamed to NumPy's where the names differ, and `unsupported` keywords are refused."""
    signature = signature_of(name)
    renames = renames or {}

    @functools.wraps(function)
    def call(*args, **kwargs):
        signature.bind(*args, **kwargs)
        for keyword in kwargs:
            if keyword in unsupported:
                raise NotImplementedError("the stand-in of '%s' does not take '%s'" % (name, keyword))
        kwargs = {renames.get(k, k): v for k, v in kwargs.items()}
        if unwrap is not None:
            args = [unwrap(a) for a in args]
            kwargs = {k: unwrap(v) for k, v in kwargs.items()}
        result = function(*args, **kwargs)
        return wrap(result) if wrap is not None else result

    call.__standin_api__ = name
    return call
