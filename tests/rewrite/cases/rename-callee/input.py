from torch import nn

layer = nn.Linear(4, 2,  # keep this comment
                  bias=False)
