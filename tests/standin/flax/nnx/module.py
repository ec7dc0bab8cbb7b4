"""flax.nnx's object model, as much as converted models use: Variables (Param, BatchStat),
Module with train()/eval(), Rngs streams, Sequential, List and Dict."""
import numpy as np

import _standin
from jax import random
from jax._array import asarray


@_standin.exported("flax.nnx.Variable")
class Variable:
    """A value held by a module; `.value` or `[...]` reads it, arithmetic reads it too."""
    __standin_variable__ = True

    def __init__(self, value, **metadata):
        self.value = asarray(value) if isinstance(value, np.ndarray) else value
        self.metadata = metadata

    def __getitem__(self, index):
        return self.value[index]

    def __setitem__(self, index, value):
        if index is not Ellipsis:
            raise TypeError("only variable[...] = value replaces a Variable's value")
        self.value = asarray(value)

    def __array__(self, dtype=None):
        return np.asarray(self.value, dtype=dtype)

    def __getattr__(self, name):
        # as Flax NNX's Variable: what the Variable lacks is the value's (param.tolist(), .dtype)
        if name == "value" or name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.value, name)

    @property
    def shape(self):
        return self.value.shape

    def __repr__(self):
        return "%s(shape=%s)" % (type(self).__name__, getattr(self.value, "shape", None))


def _delegate(name):
    def operator(self, *others):
        return getattr(self.value, name)(*[o.value if isinstance(o, Variable) else o for o in others])
    operator.__name__ = name
    return operator


for _name in ("add", "radd", "sub", "rsub", "mul", "rmul", "truediv", "rtruediv", "matmul",
              "rmatmul", "pow", "neg", "lt", "le", "gt", "ge", "len", "iter"):
    setattr(Variable, "__%s__" % _name, _delegate("__%s__" % _name))


@_standin.exported("flax.nnx.Param")
class Param(Variable):
    pass


@_standin.exported("flax.nnx.BatchStat")
class BatchStat(Variable):
    pass


@_standin.exported("flax.nnx.Cache")
class Cache(Variable):
    pass


def _children(value, path, kind=None):
    """(path, module) for every module inside an attribute value (with `kind`, every instance
    of that class instead: a Variable)."""
    if isinstance(value, kind or Module):
        yield path, value
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _children(item, path + (index,), kind)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _children(item, path + (key,), kind)


@_standin.exported("flax.nnx.Module")
class Module:
    """Attributes are plain; modules inside attributes (lists and dicts too) are children."""

    def iter_children(self):
        for name, value in vars(self).items():
            for path, module in _children(value, (name,)):
                if len(path) == 1:
                    yield name, module

    def iter_modules(self):
        yield (), self
        for name, value in vars(self).items():
            for path, module in _children(value, (name,)):
                for sub_path, sub_module in module.iter_modules():
                    yield path + sub_path, sub_module

    def set_attributes(self, *filters, raise_if_not_found=True, **attributes):
        found = set()
        for _, module in self.iter_modules():
            for name, value in attributes.items():
                if hasattr(module, name):
                    setattr(module, name, value)
                    found.add(name)
        missing = set(attributes) - found
        if raise_if_not_found and missing:
            raise ValueError("could not find at least one instance of %s" % sorted(missing))

    def train(self, **attributes):
        self.set_attributes(deterministic=False, use_running_average=False,
                            raise_if_not_found=False, **attributes)

    def eval(self, **attributes):
        self.set_attributes(deterministic=True, use_running_average=True,
                            raise_if_not_found=False, **attributes)


class _Stream:
    def __init__(self, key):
        self.key = key
        self.count = 0

    def __call__(self):
        self.count += 1
        return random.fold_in(self.key, self.count)


@_standin.exported("flax.nnx.Rngs")
class Rngs:
    """Named key streams; `rngs.params()` draws from 'params' or else from 'default'."""

    def __init__(self, default=None, **rngs):
        if default is not None:
            rngs["default"] = default
        self._streams = {name: _Stream(seed if isinstance(seed, random.KeyArray) else random.key(seed))
                         for name, seed in rngs.items()}

    def __getattr__(self, name):
        streams = self.__dict__["_streams"]
        if name in streams:
            return streams[name]
        if "default" in streams:
            return streams["default"]
        raise AttributeError("no rng stream '%s' and no default stream" % name)

    def __call__(self):
        return self.default()


@_standin.exported("flax.nnx.Sequential")
class Sequential(Module):
    """Calls the layers in turn; a tuple result is spread over the next layer's arguments. With
    no layers it returns None, as Flax's does."""

    def __init__(self, *fns):
        self.layers = list(fns)

    def __call__(self, *args, rngs=None, **kwargs):
        output = None
        for index, layer in enumerate(self.layers):
            if not callable(layer):
                raise TypeError("Sequence[%d] is not callable: %r" % (index, layer))
            if index > 0:
                args, kwargs = (output, {}) if isinstance(output, tuple) else ((output,), {})
            output = layer(*args, **kwargs)
        return output


@_standin.exported("flax.nnx.List")
class List(list):
    """A list of modules (or anything) held by a module."""

    def __init__(self, it=None):
        super().__init__(it or [])


@_standin.exported("flax.nnx.Dict")
class Dict(dict):
    def __init__(self, iterable=None, mapping=None, **kwargs):
        super().__init__(iterable or mapping or {}, **kwargs)
