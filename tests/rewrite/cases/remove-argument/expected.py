f(a, c)
g(a, b)
h()
k()
m(
    second,
)
