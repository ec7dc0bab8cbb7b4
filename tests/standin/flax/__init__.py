"""A test-only stand-in for Flax over NumPy: only `flax.nnx` (see tests/standin/jax)."""
