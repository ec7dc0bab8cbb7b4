f(a, b, c)
g(a, b, c)
h(only)
k(one,)
m(
    first,
    second,
)
