// Per-warp sums with shuffles: each warp of 32 threads adds its values with __shfl_down_sync
// and lane 0 writes the warp's sum.
extern "C" __global__ void warp_sum(const float* x, float* sums, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float v = i < n ? x[i] : 0.0f;
  for (int offset = 16; offset > 0; offset /= 2) v += __shfl_down_sync(0xffffffffu, v, offset);
  if ((threadIdx.x & 31) == 0) sums[i / 32] = v;
}
