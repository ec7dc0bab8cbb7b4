// Direct 2-D convolution, one output channel per blockIdx.z, no padding, stride 1.
extern "C" __global__ void conv2d(const float* input, const float* weight, float* output,
                                  int channels, int height, int width, int kernel) {
  int ox = blockIdx.x * blockDim.x + threadIdx.x;
  int oy = blockIdx.y * blockDim.y + threadIdx.y;
  int oc = blockIdx.z;
  int out_h = height - kernel + 1, out_w = width - kernel + 1;
  if (ox >= out_w || oy >= out_h) return;
  float sum = 0.0f;
#pragma unroll 1
  for (int c = 0; c < channels; ++c)
#pragma unroll 1
    for (int ky = 0; ky < kernel; ++ky)
#pragma unroll 1
      for (int kx = 0; kx < kernel; ++kx)
        sum += input[(c * height + oy + ky) * width + ox + kx] *
               weight[((oc * channels + c) * kernel + ky) * kernel + kx];
  output[(oc * out_h + oy) * out_w + ox] = sum;
}
