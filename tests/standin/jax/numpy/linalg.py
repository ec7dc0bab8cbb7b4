"""jax.numpy.linalg over numpy.linalg (see jax/numpy/__init__.py)."""
import sys

import numpy as np

from jax.numpy._twins import twin_getattr

__getattr__ = twin_getattr(sys.modules[__name__], "jax.numpy.linalg", np.linalg)
