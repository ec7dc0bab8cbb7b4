import minigrad as mg


def head(h):
    y = h.relu()  # keep me
    return mg.matmul(y, y)
