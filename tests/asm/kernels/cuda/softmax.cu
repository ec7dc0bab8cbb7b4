// Row softmax, one thread per row (three passes over the row).
extern "C" __global__ void softmax(const float* x, float* y, int rows, int cols) {
  int row = blockIdx.x * blockDim.x + threadIdx.x;
  if (row >= rows) return;
  const float* in = x + row * cols;
  float* out = y + row * cols;
  float largest = -3.402823466e38f;
#pragma unroll 1
  for (int j = 0; j < cols; ++j) largest = fmaxf(largest, in[j]);
  float total = 0.0f;
#pragma unroll 1
  for (int j = 0; j < cols; ++j) {
    float e = __expf(in[j] - largest);
    out[j] = e;
    total += e;
  }
#pragma unroll 1
  for (int j = 0; j < cols; ++j) out[j] = out[j] / total;
}
