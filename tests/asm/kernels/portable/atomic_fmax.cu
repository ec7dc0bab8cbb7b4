// Largest of n floats through an atomicCAS loop on the bits (no float atomicMax in CUDA).
extern "C" __global__ void atomic_fmax(const float* x, float* result, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float value = x[i];
  int* address = (int*)result;
  int old = *address;
  while (__int_as_float(old) < value) {
    int assumed = old;
    old = atomicCAS(address, assumed, __float_as_int(value));
    if (old == assumed) break;
  }
}
