// Compares two half-precision arrays element by element into a mask: bit 0 x < y, bit 1
// x > y, bit 2 x == y, bit 3 !(x <= y) (greater or unordered), bit 4 x >= 0.
#ifndef __HIP__
#include <cuda_fp16.h>
#endif
extern "C" __global__ void half_compare(const __half* x, const __half* y, int* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    __half a = x[i];
    __half b = y[i];
    int mask = 0;
    if (a < b) mask |= 1;
    if (a > b) mask |= 2;
    if (a == b) mask |= 4;
    if (!(a <= b)) mask |= 8;
    if (a >= __half(0.0f)) mask |= 16;
    out[i] = mask;
  }
}
