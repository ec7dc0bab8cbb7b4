// out[r] = max(x[r, 0..cols)) for integer rows, with a clamp of the column count.
extern "C" __global__ void row_max(const int* x, int* out, int rows, int cols) {
  int r = blockIdx.x * blockDim.x + threadIdx.x;
  if (r >= rows) return;
  int best = x[r * cols];
  for (int j = 1; j < max(cols, 1); ++j) best = max(best, x[r * cols + j]);
  out[r] = best;
}
