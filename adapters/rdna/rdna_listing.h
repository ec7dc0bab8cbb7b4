// Reads an LLVM AMDGPU assembly listing (GFX10, GFX11): target, kernels, labels and
// instructions, reported to the host's builder kernel by kernel.
#pragma once

#include <switcheroo/isa.hpp>

#include <string_view>

namespace switcheroo::rdna {

/// The unit id in diagnostics, "[rdna]".
inline constexpr const char* kUnit = "rdna";

/// How likely `text` is an AMDGPU listing, 0-100.
uint32_t sniff_listing(std::string_view text);

/// Parses `text`, feeding `builder`; reports problems through `host` as `file:line:col`
/// errors and returns false when there were any (nothing reaches the builder then).
bool parse_listing(std::string_view file, std::string_view text, const sdk::Host& host,
                   const sdk::isa::SemanticsTable& semantics, const sdk::isa::Builder& builder);

}  // namespace switcheroo::rdna
