#include "common.h"
// out[i] = a[i] * scale + b[i] for every i < n (work-group size 256).
__kernel void elementwise(__global const float* a, __global const float* b, __global float* out,
                          float scale, int n) {
  int i = GROUP_X * 256 + LOCAL_X;
  if (i < n) out[i] = a[i] * scale + b[i];
}
