"""Helpers with no framework code: converting them changes nothing, byte for byte."""
import math


def cosine_schedule(step, total,   base=1e-3):  # odd spacing is kept
    return 0.5 * base * (1 + math.cos(math.pi * step / total))
