// Warp votes: per warp, the ballot of x[i] > 0 and whether any lane holds a zero.
extern "C" __global__ void warp_vote(const float* x, unsigned* ballots, int* any_zero, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float v = i < n ? x[i] : -1.0f;
  unsigned ballot = __ballot_sync(0xffffffffu, v > 0.0f);
  int zero = __any_sync(0xffffffffu, v == 0.0f);
  if ((threadIdx.x & 31) == 0) {
    ballots[i / 32] = ballot;
    any_zero[i / 32] = zero;
  }
}
