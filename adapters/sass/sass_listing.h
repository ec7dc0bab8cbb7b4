// Reads a whole cuobjdump -sass or nvdisasm listing: architecture, kernels (with demangled
// names), labels and instructions, reported to the host's builder kernel by kernel.
#pragma once

#include <switcheroo/isa.hpp>

#include <string_view>

namespace switcheroo::sass {

/// The unit id in diagnostics, "[sass]".
inline constexpr const char* kUnit = "sass";

/// How likely `text` is a SASS listing, 0-100 (see sw_isa_frontend_interface::sniff).
uint32_t sniff_listing(std::string_view text);

/// Parses `text`, feeding `builder`; reports problems through `host` as `file:line:col`
/// errors and returns false when there were any (nothing is reported to the builder then).
bool parse_listing(std::string_view file, std::string_view text, const sdk::Host& host,
                   const sdk::isa::SemanticsTable& semantics, const sdk::isa::Builder& builder);

}  // namespace switcheroo::sass
