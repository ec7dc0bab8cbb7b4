// CUDA's kernel dialect on AMDGPU without the HIP runtime headers, for
// `clang-16 -x hip -nogpulib -nogpuinc --cuda-device-only -include cuda_on_amdgpu.h`: the
// built-in index variables from AMDGPU builtins and the HSA dispatch packet (as HIP reads
// them), shared and constant memory, barriers, vector types, atomics (min/max, float add,
// compare-and-swap), and warp shuffles and ballots on wave32. nvcc ignores this file.
#pragma once
#define __global__ __attribute__((global))
#define __device__ __attribute__((device))
#define __shared__ __attribute__((shared))
#define __constant__ __attribute__((constant))
#define __syncthreads()                                   \
  do {                                                    \
    __builtin_amdgcn_fence(__ATOMIC_RELEASE, "workgroup"); \
    __builtin_amdgcn_s_barrier();                         \
    __builtin_amdgcn_fence(__ATOMIC_ACQUIRE, "workgroup"); \
  } while (0)

// hsa_kernel_dispatch_packet_t: workgroup_size_x at byte 4 (16 bits), grid_size_x at byte 12.
__device__ inline unsigned packet_workgroup_size_x() {
  return ((const unsigned short*)__builtin_amdgcn_dispatch_ptr())[2];
}
__device__ inline unsigned packet_workgroup_size_y() {
  return ((const unsigned short*)__builtin_amdgcn_dispatch_ptr())[3];
}
__device__ inline unsigned packet_grid_size_x() {
  return ((const unsigned*)__builtin_amdgcn_dispatch_ptr())[3];
}

struct ThreadIdxType {
  __declspec(property(get = get_x)) unsigned x;
  __declspec(property(get = get_y)) unsigned y;
  __device__ unsigned get_x() const { return __builtin_amdgcn_workitem_id_x(); }
  __device__ unsigned get_y() const { return __builtin_amdgcn_workitem_id_y(); }
};
struct BlockIdxType {
  __declspec(property(get = get_x)) unsigned x;
  __declspec(property(get = get_y)) unsigned y;
  __device__ unsigned get_x() const { return __builtin_amdgcn_workgroup_id_x(); }
  __device__ unsigned get_y() const { return __builtin_amdgcn_workgroup_id_y(); }
};
struct BlockDimType {
  __declspec(property(get = get_x)) unsigned x;
  __declspec(property(get = get_y)) unsigned y;
  __device__ unsigned get_x() const { return packet_workgroup_size_x(); }
  __device__ unsigned get_y() const { return packet_workgroup_size_y(); }
};
struct GridDimType {
  __declspec(property(get = get_x)) unsigned x;
  // HIP's gridDim.x: the grid size in work-items over the work-group size, rounded up.
  __device__ unsigned get_x() const {
    unsigned size = packet_grid_size_x(), group = packet_workgroup_size_x();
    return (size + group - 1) / group;
  }
};
static constexpr ThreadIdxType threadIdx{};
static constexpr BlockIdxType blockIdx{};
static constexpr BlockDimType blockDim{};
static constexpr GridDimType gridDim{};

typedef float float2 __attribute__((ext_vector_type(2)));
typedef float float4 __attribute__((ext_vector_type(4)));
typedef int int4 __attribute__((ext_vector_type(4)));
typedef _Float16 __half;  // cuda_fp16.h's type: IEEE binary16, compared as such
// cuda_fp16.h's pair of halves and its arithmetic, as HIP's amd_hip_fp16.h computes it: lane by
// lane in IEEE binary16, the fma rounded once.
typedef _Float16 __half2 __attribute__((ext_vector_type(2)));
__device__ inline __half __float2half(float x) { return (__half)x; }
__device__ inline float __half2float(__half x) { return (float)x; }
__device__ inline __half2 __float2half2_rn(float x) { return __half2{(__half)x, (__half)x}; }
__device__ inline __half2 __hadd2(__half2 a, __half2 b) { return a + b; }
__device__ inline __half2 __hmul2(__half2 a, __half2 b) { return a * b; }
__device__ inline __half2 __hfma2(__half2 a, __half2 b, __half2 c) {
  return __half2{(__half)__builtin_fmaf16(a.x, b.x, c.x), (__half)__builtin_fmaf16(a.y, b.y, c.y)};
}

__device__ inline int atomicAdd(int* address, int value) {
  return __hip_atomic_fetch_add(address, value, __ATOMIC_RELAXED, __HIP_MEMORY_SCOPE_AGENT);
}
__device__ inline unsigned atomicAdd(unsigned* address, unsigned value) {
  return __hip_atomic_fetch_add(address, value, __ATOMIC_RELAXED, __HIP_MEMORY_SCOPE_AGENT);
}
__device__ inline int atomicMax(int* address, int value) {
  return __hip_atomic_fetch_max(address, value, __ATOMIC_RELAXED, __HIP_MEMORY_SCOPE_AGENT);
}
__device__ inline int atomicMin(int* address, int value) {
  return __hip_atomic_fetch_min(address, value, __ATOMIC_RELAXED, __HIP_MEMORY_SCOPE_AGENT);
}
__device__ inline float atomicAdd(float* address, float value) {
  return __hip_atomic_fetch_add(address, value, __ATOMIC_RELAXED, __HIP_MEMORY_SCOPE_AGENT);
}
__device__ inline int atomicCAS(int* address, int compare, int value) {
  __hip_atomic_compare_exchange_strong(address, &compare, value, __ATOMIC_RELAXED,
                                       __ATOMIC_RELAXED, __HIP_MEMORY_SCOPE_AGENT);
  return compare;  // the old value, whether or not it was replaced
}
__device__ inline float __int_as_float(int x) { return __builtin_bit_cast(float, x); }
__device__ inline int __float_as_int(float x) { return __builtin_bit_cast(int, x); }
__device__ inline float fmaxf(float a, float b) { return __builtin_fmaxf(a, b); }
__device__ inline float fminf(float a, float b) { return __builtin_fminf(a, b); }
__device__ inline int max(int a, int b) { return a > b ? a : b; }
__device__ inline float expf(float x) { return __builtin_expf(x); }

// Warp shuffles and votes on a wave32 wavefront (gfx10/gfx11 compile HIP for wave32), as HIP
// writes them: ds_bpermute reads the value of the lane whose byte address it is given, the
// ballot is the lane mask of a comparison. The masks are all 32 lanes in these kernels.
__device__ inline unsigned lane_id() { return __builtin_amdgcn_mbcnt_lo(~0u, 0u); }
__device__ inline int __shfl_down_sync(unsigned, int value, int delta) {
  unsigned lane = lane_id(), source = lane + delta < 32 ? lane + delta : lane;
  return __builtin_amdgcn_ds_bpermute(source << 2, value);
}
__device__ inline float __shfl_down_sync(unsigned mask, float value, int delta) {
  return __int_as_float(__shfl_down_sync(mask, __float_as_int(value), delta));
}
__device__ inline int __shfl_xor_sync(unsigned, int value, int mask) {
  return __builtin_amdgcn_ds_bpermute((lane_id() ^ mask) << 2, value);
}
__device__ inline unsigned __ballot_sync(unsigned, int predicate) {
  return __builtin_amdgcn_ballot_w32(predicate != 0);
}
__device__ inline int __any_sync(unsigned, int predicate) {
  return __builtin_amdgcn_ballot_w32(predicate != 0) != 0;
}
