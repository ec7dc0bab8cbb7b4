#include "common.h"
// Work-group sum through local memory (256 work-items); group g writes out[g].
__kernel void reduce_sum(__global const float* x, __global float* out, int n) {
  __local float partial[256];
  int t = LOCAL_X;
  int i = GROUP_X * 256 + t;
  partial[t] = i < n ? x[i] : 0.0f;
  WORKGROUP_BARRIER();
  for (int s = 128; s > 0; s >>= 1) {
    if (t < s) partial[t] += partial[t + s];
    WORKGROUP_BARRIER();
  }
  if (t == 0) out[GROUP_X] = partial[0];
}
