// out[i] = leaky_relu(x[i] + bias[i % channels]) over a row-major [rows, channels] array.
extern "C" __global__ void bias_leaky_relu(const float* x, const float* bias, float* out,
                                           float slope, int channels, int total) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < total) {
    float v = x[i] + bias[i % channels];
    out[i] = v > 0.0f ? v : v * slope;
  }
}
