#include "common.h"
// C[m x n] = A[m x k] * B[k x n], one work-item per output element (16x16 work-groups).
__kernel void gemm_naive(__global const float* a, __global const float* b, __global float* c,
                         int m, int n, int k) {
  int row = GROUP_Y * 16 + LOCAL_Y;
  int col = GROUP_X * 16 + LOCAL_X;
  if (row >= m || col >= n) return;
  float sum = 0.0f;
#pragma unroll 1
  for (int p = 0; p < k; ++p) sum += a[row * k + p] * b[p * n + col];
  c[row * n + col] = sum;
}
