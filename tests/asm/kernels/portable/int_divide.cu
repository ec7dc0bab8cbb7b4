// Signed integer division and remainder by a runtime divisor.
extern "C" __global__ void int_divide(const int* x, int* quotient, int* remainder, int d, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    quotient[i] = x[i] / d;
    remainder[i] = x[i] % d;
  }
}
