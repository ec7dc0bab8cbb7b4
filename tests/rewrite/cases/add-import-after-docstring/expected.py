"""A model."""
import jax

x = 1
