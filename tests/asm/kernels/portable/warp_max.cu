// Per-warp maximum with a butterfly of __shfl_xor_sync: every lane ends with the warp's
// maximum; each thread writes it for its element.
extern "C" __global__ void warp_max(const int* x, int* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int v = i < n ? x[i] : -2147483647 - 1;
  for (int mask = 16; mask > 0; mask >>= 1) v = max(v, __shfl_xor_sync(0xffffffffu, v, mask));
  if (i < n) out[i] = v;
}
