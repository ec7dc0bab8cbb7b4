// A cubic with coefficients in constant memory: out[i] = c0 + x (c1 + x (c2 + x c3)).
__constant__ float coefficients[4];
extern "C" __global__ void poly_constant(const float* x, float* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    float v = x[i];
    out[i] = coefficients[0] + v * (coefficients[1] + v * (coefficients[2] + v * coefficients[3]));
  }
}
