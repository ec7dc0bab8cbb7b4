import alpha

def f(x):
	return alpha.sigmoid(x)  # no relu here
