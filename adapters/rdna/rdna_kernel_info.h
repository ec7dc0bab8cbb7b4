// What an LLVM AMDGPU listing says about each kernel outside its code: the `.amdhsa_kernel`
// descriptor directives (which SGPRs and VGPRs the hardware initializes) and the
// `.amdgpu_metadata` argument list (offsets, sizes, kinds of the kernel arguments).
#pragma once

#include <switcheroo/isa.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace switcheroo::rdna {

struct KernelInfo {
  std::map<std::string, int64_t> directives;    ///< ".amdhsa_user_sgpr_count" -> 6, ...
  std::vector<sdk::isa::Parameter> parameters;  ///< from .amdgpu_metadata .args
};

/// Reads every `.amdhsa_kernel` block and the metadata document of a listing, by kernel name.
std::map<std::string, KernelInfo> read_kernel_info(std::string_view text);

/// Fills `kernel.kernarg_register`, `kernel.parameters` and `kernel.live_ins` from `info`
/// for the architecture in `kernel.architecture` (GFX11 packs the work-item ids into v0).
void describe_kernel(const KernelInfo& info, sdk::isa::Kernel& kernel);

}  // namespace switcheroo::rdna
