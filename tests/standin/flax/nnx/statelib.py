"""flax.nnx's state functions, as much as a migration script's load_into and save_from use
(host/weights, docs/weights.md): nnx.state of a module's variables picked by filters, its pure
dict, replace_by_pure_dict and nnx.update. A State is a nested dict of copies of the module's
Variables, keyed by attribute names and list indices as Flax's paths are; nnx.update writes
their values back into the module, so a caller that forgets it leaves the module unchanged."""
import copy

import _standin
from flax.nnx.module import Variable, _children
from jax._array import asarray


@_standin.exported("flax.nnx.Any")
class Any:
    """A filter matching what any of `filters` matches (a Variable type matches its instances)."""

    def __init__(self, *filters):
        self.filters = filters

    def __call__(self, path, value):
        return any(_matches(f, path, value) for f in self.filters)


def _matches(filter_, path, value):
    if filter_ is Ellipsis or filter_ is True:
        return True
    if isinstance(filter_, type):
        return isinstance(value, filter_)
    if callable(filter_):
        return filter_(path, value)
    raise TypeError("the stand-in's nnx filters are Variable types, nnx.Any and ...: %r" % (filter_,))


@_standin.exported("flax.nnx.State")
class State(dict):
    """A nested mapping of path parts to States and Variables."""

    def __init__(self, mapping, /):
        super().__init__(mapping)


def _variables(node):
    """(path, Variable) of a module's attributes and of the lists and dicts they hold."""
    for path, module in node.iter_modules():
        for name, value in vars(module).items():
            yield from _children(value, path + (name,), Variable)


def _nested(flat):
    tree = State({})
    for path, leaf in flat:
        node = tree
        for part in path[:-1]:
            node = node.setdefault(part, State({}))
        node[path[-1]] = leaf
    return tree


def _leaves(tree, path=()):
    for key, value in tree.items():
        if isinstance(value, dict):
            yield from _leaves(value, path + (key,))
        else:
            yield path + (key,), value


@_standin.exported("flax.nnx.state")
def state(node, /, *filters):
    """The State of `node`'s Variables (copies), one per filter; all of them without one."""
    found = list(_variables(node))
    states = tuple(_nested((path, copy.copy(v)) for path, v in found if _matches(f, path, v))
                   for f in (filters or (Ellipsis,)))
    return states[0] if len(states) == 1 else states


@_standin.exported("flax.nnx.to_pure_dict")
def to_pure_dict(state):
    """The nested dict of the State's values (plain dicts, the Variables' arrays)."""
    return {key: to_pure_dict(value) if isinstance(value, dict) else value.value
            for key, value in state.items()}


def _int_or_same(part):
    return int(part) if isinstance(part, str) and part.isdigit() else part


@_standin.exported("flax.nnx.replace_by_pure_dict")
def replace_by_pure_dict(state, pure_dict):
    """Replaces the values of the State's Variables by those of `pure_dict` (paths of the
    State's, indices possibly spelled as strings); a path the State lacks is a ValueError."""
    flat = dict(_leaves(state))
    for path, value in _leaves(pure_dict):
        path = tuple(_int_or_same(part) for part in path)
        if path not in flat:
            raise ValueError("key in pure_dict not available in state: %s" % (path,))
        flat[path].value = asarray(value)


@_standin.exported("flax.nnx.update")
def update(node, state, /, *states):
    """Writes the values of the States' Variables into `node`'s Variables of the same paths."""
    held = dict(_variables(node))
    for one in (state,) + states:
        for path, variable in _leaves(one):
            if path not in held:
                raise ValueError("the module has no variable at %s" % (path,))
            held[path].value = variable.value
