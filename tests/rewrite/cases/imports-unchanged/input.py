import os
import numpy as np

print(os.sep, np.pi)
