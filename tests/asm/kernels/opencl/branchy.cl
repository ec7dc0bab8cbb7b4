#include "common.h"
// A leaky ReLU with a clamp: two data-dependent branches per element.
__kernel void branchy(__global const float* x, __global float* y, float slope, float limit, int n) {
  int i = GROUP_X * 256 + LOCAL_X;
  if (i >= n) return;
  float v = x[i];
  if (v < 0.0f) {
    v = v * slope;
  } else if (v > limit) {
    v = limit;
  }
  y[i] = v;
}
