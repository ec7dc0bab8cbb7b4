// Work-item indices from the AMDGPU builtins (no ROCm device library is needed).
#define LOCAL_X ((int)__builtin_amdgcn_workitem_id_x())
#define LOCAL_Y ((int)__builtin_amdgcn_workitem_id_y())
#define GROUP_X ((int)__builtin_amdgcn_workgroup_id_x())
#define GROUP_Y ((int)__builtin_amdgcn_workgroup_id_y())
#define GROUP_Z ((int)__builtin_amdgcn_workgroup_id_z())
// Work-group barrier from builtins: OpenCL's barrier() is a library call without device libs.
#define WORKGROUP_BARRIER()                                  \
  do {                                                       \
    __builtin_amdgcn_fence(__ATOMIC_RELEASE, "workgroup");   \
    __builtin_amdgcn_s_barrier();                            \
    __builtin_amdgcn_fence(__ATOMIC_ACQUIRE, "workgroup");   \
  } while (0)
