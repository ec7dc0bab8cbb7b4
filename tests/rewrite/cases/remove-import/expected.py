import os
from torch import nn
x = 1
