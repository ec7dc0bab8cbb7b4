// C[m x n] = A[m x k] * B[k x n], one thread per output element.
extern "C" __global__ void gemm_naive(const float* a, const float* b, float* c, int m, int n,
                                      int k) {
  int row = blockIdx.y * blockDim.y + threadIdx.y;
  int col = blockIdx.x * blockDim.x + threadIdx.x;
  if (row >= m || col >= n) return;
  float sum = 0.0f;
#pragma unroll 1
  for (int p = 0; p < k; ++p) sum += a[row * k + p] * b[p * n + col];
  c[row * n + col] = sum;
}
