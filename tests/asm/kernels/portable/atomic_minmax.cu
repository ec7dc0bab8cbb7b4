// Smallest and largest of n integers with global atomics: extremes[0] = min, extremes[1] = max
// (the caller starts them at INT_MAX and INT_MIN).
extern "C" __global__ void atomic_minmax(const int* x, int* extremes, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    atomicMin(&extremes[0], x[i]);
    atomicMax(&extremes[1], x[i]);
  }
}
