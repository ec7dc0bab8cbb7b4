#include "common.h"
// C = A * B with 16x16 tiles staged through local memory.
#define TILE 16
__kernel void gemm_tiled(__global const float* a, __global const float* b, __global float* c,
                         int m, int n, int k) {
  __local float tile_a[TILE][TILE];
  __local float tile_b[TILE][TILE];
  int tx = LOCAL_X, ty = LOCAL_Y;
  int row = GROUP_Y * TILE + ty;
  int col = GROUP_X * TILE + tx;
  float sum = 0.0f;
  for (int t = 0; t < (k + TILE - 1) / TILE; ++t) {
    int ak = t * TILE + tx;
    int bk = t * TILE + ty;
    tile_a[ty][tx] = (row < m && ak < k) ? a[row * k + ak] : 0.0f;
    tile_b[ty][tx] = (bk < k && col < n) ? b[bk * n + col] : 0.0f;
    WORKGROUP_BARRIER();
#pragma unroll 1
    for (int p = 0; p < TILE; ++p) sum += tile_a[ty][p] * tile_b[p][tx];
    WORKGROUP_BARRIER();
  }
  if (row < m && col < n) c[row * n + col] = sum;
}
