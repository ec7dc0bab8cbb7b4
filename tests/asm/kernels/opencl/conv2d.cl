#include "common.h"
// Direct 2-D convolution, one output channel per group z, no padding, stride 1 (16x16 groups).
__kernel void conv2d(__global const float* input, __global const float* weight,
                     __global float* output, int channels, int height, int width, int ksize) {
  int ox = GROUP_X * 16 + LOCAL_X;
  int oy = GROUP_Y * 16 + LOCAL_Y;
  int oc = GROUP_Z;
  int out_h = height - ksize + 1, out_w = width - ksize + 1;
  if (ox >= out_w || oy >= out_h) return;
  float sum = 0.0f;
#pragma unroll 1
  for (int c = 0; c < channels; ++c)
#pragma unroll 1
    for (int ky = 0; ky < ksize; ++ky)
#pragma unroll 1
      for (int kx = 0; kx < ksize; ++kx)
        sum += input[(c * height + oy + ky) * width + ox + kx] *
               weight[((oc * channels + c) * ksize + ky) * ksize + kx];
  output[(oc * out_h + oy) * out_w + ox] = sum;
}
