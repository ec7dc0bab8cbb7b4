// y[i] = alpha * x[i] + y[i] with a grid-stride loop.
extern "C" __global__ void grid_stride(const float* x, float* y, float alpha, int n) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x) {
    y[i] = alpha * x[i] + y[i];
  }
}
