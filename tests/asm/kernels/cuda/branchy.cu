// A leaky ReLU with a clamp: two data-dependent branches per element.
extern "C" __global__ void branchy(const float* x, float* y, float slope, float limit, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float v = x[i];
  if (v < 0.0f) {
    v = v * slope;
  } else if (v > limit) {
    v = limit;
  }
  y[i] = v;
}
