// Unsigned integer division and remainder by a runtime divisor.
extern "C" __global__ void uint_divide(const unsigned* x, unsigned* quotient, unsigned* remainder,
                                       unsigned d, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    quotient[i] = x[i] / d;
    remainder[i] = x[i] % d;
  }
}
