// C = A * B with 16x16 tiles staged through shared memory.
#define TILE 16
extern "C" __global__ void gemm_tiled(const float* a, const float* b, float* c, int m, int n,
                                      int k) {
  __shared__ float tile_a[TILE][TILE];
  __shared__ float tile_b[TILE][TILE];
  int tx = threadIdx.x, ty = threadIdx.y;
  int row = blockIdx.y * TILE + ty;
  int col = blockIdx.x * TILE + tx;
  float sum = 0.0f;
  for (int t = 0; t < (k + TILE - 1) / TILE; ++t) {
    int ak = t * TILE + tx;
    int bk = t * TILE + ty;
    tile_a[ty][tx] = (row < m && ak < k) ? a[row * k + ak] : 0.0f;
    tile_b[ty][tx] = (bk < k && col < n) ? b[bk * n + col] : 0.0f;
    __syncthreads();
#pragma unroll 1
    for (int p = 0; p < TILE; ++p) sum += tile_a[ty][p] * tile_b[p][tx];
    __syncthreads();
  }
  if (row < m && col < n) c[row * n + col] = sum;
}
