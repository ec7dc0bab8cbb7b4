// Gathers every stride-th element with 64-bit indices: out[i] = x[i * stride + offset].
extern "C" __global__ void strided_copy64(const float* x, float* out, long long stride,
                                          long long offset, long long n) {
  long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = x[i * stride + offset];
}
