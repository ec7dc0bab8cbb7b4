// Transposes a rows x cols matrix through a 16x16 shared-memory tile (one padding column
// against bank conflicts): out[c][r] = in[r][c].
#define TILE 16
extern "C" __global__ void transpose(const float* in, float* out, int rows, int cols) {
  __shared__ float tile[TILE][TILE + 1];
  int c = blockIdx.x * TILE + threadIdx.x;
  int r = blockIdx.y * TILE + threadIdx.y;
  if (r < rows && c < cols) tile[threadIdx.y][threadIdx.x] = in[r * cols + c];
  __syncthreads();
  int oc = blockIdx.y * TILE + threadIdx.x;  // a column of out: a row of in
  int orow = blockIdx.x * TILE + threadIdx.y;
  if (orow < cols && oc < rows) out[orow * rows + oc] = tile[threadIdx.x][threadIdx.y];
}
