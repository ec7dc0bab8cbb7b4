// Dot product of x and y: each block sums its products in a shared-memory tree over
// blockDim.x (a power of two, at most 256) threads, then adds its sum to *result atomically.
extern "C" __global__ void dot(const float* x, const float* y, float* result, int n) {
  __shared__ float partial[256];
  unsigned t = threadIdx.x;
  int i = blockIdx.x * blockDim.x + t;
  partial[t] = i < n ? x[i] * y[i] : 0.0f;
  __syncthreads();
  for (unsigned s = blockDim.x / 2; s > 0; s >>= 1) {
    if (t < s) partial[t] += partial[t + s];
    __syncthreads();
  }
  if (t == 0) atomicAdd(result, partial[0]);
}
