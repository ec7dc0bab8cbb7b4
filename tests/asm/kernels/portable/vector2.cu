// 64-bit loads and stores: complex multiply of float2 pairs, out[i] = a[i] * b[i].
extern "C" __global__ void vector2(const float2* a, const float2* b, float2* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    float2 x = a[i], y = b[i];
    float2 r;
    r.x = x.x * y.x - x.y * y.y;
    r.y = x.x * y.y + x.y * y.x;
    out[i] = r;
  }
}
