// Scatter-add of float values into rows: sums[rows[i]] += x[i], with float atomicAdd.
extern "C" __global__ void scatter_add(const float* x, const int* rows, float* sums, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) atomicAdd(&sums[rows[i]], x[i]);
}
