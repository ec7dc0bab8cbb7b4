"""MiniGrad's randomness: implicit streams. `seed(n)` restarts the root sequence; every layer
takes its own stream when it is built and draws its initial weights and dropout masks from it,
so no key is ever passed by hand and a model built after the same seed is the same model."""
import numpy

_root = numpy.random.SeedSequence(0)


def seed(value):
    """Restart the root sequence: streams taken from now on are determined by `value`."""
    global _root
    _root = numpy.random.SeedSequence(value)


def stream():
    """A new generator of its own, the next child of the root sequence."""
    (child,) = _root.spawn(1)
    return numpy.random.Generator(numpy.random.PCG64(child))


def uniform(generator, shape, bound):
    """Uniform in [-bound, bound), float32."""
    return generator.uniform(-bound, bound, size=shape).astype(numpy.float32)


def keep_mask(generator, shape, rate):
    """True where an element survives dropout at `rate`."""
    return generator.random(size=shape) >= rate
