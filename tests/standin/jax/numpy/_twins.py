"""How the stand-in's jax.numpy modules make their NumPy twins."""
import _standin
from jax._array import unwrap, wrap


def make_twin(name, function, **options):
    """The stand-in of the real API `name` (dotted) that calls the NumPy function `function`."""
    return _standin.twin(name, function, wrap=wrap, unwrap=unwrap, **options)


def twin_getattr(module, prefix, numpy_module):
    """A module `__getattr__` that makes, on first use, the twin of each function of the real
    module `prefix` (as the snapshot lists it) that `numpy_module` has under the same name."""
    def getattr_(name):
        real = prefix + "." + name
        try:
            spec = _standin.entry(real)
        except AssertionError:
            raise AttributeError("module '%s' has no attribute '%s'" % (prefix, name)) from None
        if spec["kind"] != "function" or not hasattr(numpy_module, name):
            raise AttributeError("the stand-in has no '%s'" % real)
        function = make_twin(real, getattr(numpy_module, name))
        setattr(module, name, function)
        return function
    return getattr_
