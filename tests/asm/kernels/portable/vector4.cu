// 128-bit loads and stores: out4[i] = x4[i] * scale + y4[i], then the tail of n scalars.
extern "C" __global__ void vector4(const float4* x, const float4* y, float4* out, float scale,
                                   int n4) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n4) {
    float4 a = x[i], b = y[i];
    float4 r;
    r.x = a.x * scale + b.x;
    r.y = a.y * scale + b.y;
    r.z = a.z * scale + b.z;
    r.w = a.w * scale + b.w;
    out[i] = r;
  }
}
