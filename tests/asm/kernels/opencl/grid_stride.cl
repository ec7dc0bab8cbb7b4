#include "common.h"
// y[i] = alpha * x[i] + y[i] with a grid-stride loop; stride is passed in.
__kernel void grid_stride(__global const float* x, __global float* y, float alpha, int n,
                          int stride) {
  for (int i = GROUP_X * 256 + LOCAL_X; i < n; i += stride) y[i] = alpha * x[i] + y[i];
}
