"""A model."""

x = 1
