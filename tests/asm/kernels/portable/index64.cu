// out[i] = x[i] * scale with 64-bit indices (size_t arithmetic).
extern "C" __global__ void index64(const float* x, float* out, float scale, unsigned long long n) {
  unsigned long long i = (unsigned long long)blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = x[i] * scale;
}
