from torch import nn

layer = nnx.Linear(4, 2,  # keep this comment
                  bias=False)
