// Row softmax, one thread per row, with the running maximum subtracted.
extern "C" __global__ void softmax_row(const float* x, float* y, int rows, int cols) {
  int row = blockIdx.x * blockDim.x + threadIdx.x;
  if (row >= rows) return;
  const float* in = x + (long)row * cols;
  float* out = y + (long)row * cols;
  float largest = in[0];
  for (int j = 1; j < cols; ++j) largest = fmaxf(largest, in[j]);
  float total = 0.0f;
  for (int j = 0; j < cols; ++j) {
    float e = expf(in[j] - largest);
    out[j] = e;
    total += e;
  }
  for (int j = 0; j < cols; ++j) out[j] /= total;
}
