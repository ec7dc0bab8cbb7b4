#include "common.h"
// Row softmax, one work-item per row (three passes over the row).
__kernel void softmax(__global const float* x, __global float* y, int rows, int cols) {
  int row = GROUP_X * 256 + LOCAL_X;
  if (row >= rows) return;
  __global const float* in = x + row * cols;
  __global float* out = y + row * cols;
  float largest = -3.402823466e38f;
#pragma unroll 1
  for (int j = 0; j < cols; ++j) largest = __builtin_fmaxf(largest, in[j]);
  float total = 0.0f;
#pragma unroll 1
  for (int j = 0; j < cols; ++j) {
    float e = __builtin_expf(in[j] - largest);
    out[j] = e;
    total += e;
  }
#pragma unroll 1
  for (int j = 0; j < cols; ++j) out[j] = out[j] / total;
}
