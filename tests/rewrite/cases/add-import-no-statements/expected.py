# only a comment
import numpy as np
