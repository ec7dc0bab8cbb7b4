#!/usr/bin/env python3
"""Every construct of Python 3.12 the front end must keep byte for byte."""
from __future__ import annotations
import os, sys as system  # comment after an import
from .. import (a as b,
                c,)   # trailing comma in parentheses
from .pkg.mod import *

x = y = 1; z: int = 2;
x += 1
x **= 2
a, *rest = [1, 2, 3]
(p := 10)
s = 'single' "double" r'\raw' '''triple
quoted''' U"unicode"
bs = b'bytes' rb"\d"
n = 1_000 + 0x_FF + 0o17 + 0b1010 + 1.5e-3 + .5 + 5. + 3j
value = \
    x if x else -y ** ~z // 2 @ m % 3 << 1 >> 2 & 4 | 5 ^ 6
ok = a < b <= c != d is not e not in f and not g or h
items = [i * 2 for i in range(10) if i % 2 for _ in 'ab']
table = {k: v for k, v in pairs}
unique = {*a, *b, c}
merged = {**first, 'k': 1, **second}
gen = (j async for j in aiter() if await j)
sliced = grid[1:2, ::3, ..., None, -1:]
call = f(a, *args, key=1, **kwargs)
call2 = f(x for x in y)
lam = lambda a, /, b=2, *c, d, **e: (a, b, c, d, e)
fs = f"{x!r:>{width}.{precision}} {y=} {{literal}} {f'{nested!s}'} {'quotes' + "inside"}"
fs2 = rf'raw {x}\d' F"""multi
{line:<10}
"""
t = type(x)
match = 1
type Pair[T] = tuple[T, T]
type = 'soft keyword used as a name'


@decorator
@other.decorator(arg, key=value)
async def function[T: int, *Ts, **P](pos, /, normal: int = 1, *args: *Ts, kw, **rest) -> T:
    global counter
    async with lock as held, (other_lock):
        await something()
    async for item in source:
        yield item
    yield from other()
    return await result


def outer():
    count = 0

    def inner():
        nonlocal count
        count += 1
    return inner


class Point[T](Base, metaclass=Meta):
    x: T
    y: T = 0

    def __init__(self, *, x, y) -> None:
        self.x, self.y = x, y


with (
    open('a') as first,
    open('b') as second,
):
    pass

if x:
    pass
elif y:
	pass
else:
    ...

while True:
    break
else:
    continue

for i, (j, k) in enumerate(pairs):
    del table[i], cache.entry
else:
    assert i, 'message'

try:
    raise ValueError('x') from None
except* (TypeError, ValueError) as group:
    pass
except* OSError:
    pass
else:
    pass
finally:
    pass

try:
    pass
except Exception as error:
    raise
except:
    pass

match command.split():
    case [action]:
        pass
    case ['go', direction] | ['move', direction] if direction:
        pass
    case {'x': 0, 'y': 0, **others}:
        pass
    case Point(x=0, y=yy) as point:
        pass
    case (1 | -2 | 3.5 | 1 + 2j | 'text' | None | True) as literal:
        pass
    case [*_, last] | (first, *_):
        pass
    case Color.RED:
        pass
    case _:
        pass
# a comment before the end, and no newline at the end of the file
print('done')
x = 1