// Grid-stride loop over n elements: out[i] = min(max(x[i], lo), hi).
extern "C" __global__ void grid_clamp(const float* x, float* out, float lo, float hi, int n) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x)
    out[i] = fminf(fmaxf(x[i], lo), hi);
}
