// The rdna plugin's entry: an ISA frontend for AMD RDNA listings (LLVM AMDGPU assembly for GFX10
// and GFX11: gfx1010, gfx1030, gfx1100).
#include "rdna_listing.h"

#include <switcheroo/isa.hpp>

#include <optional>

namespace switcheroo_embedded {
extern const char rdna_semantics[];
}

namespace {

using namespace switcheroo;

class RdnaFrontend {
 public:
  explicit RdnaFrontend(const sdk::InitContext& context)
      : host_(context.host) {
    if (context.options_json != "{}") throw sdk::PluginError("the rdna plugin takes no options");
  }

  bool parse(std::string_view file, std::string_view text, const sdk::isa::Builder& builder) {
    // Read on the first listing, not at start-up: every run loads this plugin, few lift.
    if (!semantics_) semantics_.emplace(switcheroo_embedded::rdna_semantics);
    return rdna::parse_listing(file, text, host_, *semantics_, builder);
  }

 private:
  sdk::Host host_;
  std::optional<sdk::isa::SemanticsTable> semantics_;
};

uint32_t sniff(const char* text, uint64_t length) {
  return rdna::sniff_listing(std::string_view(text, static_cast<size_t>(length)));
}

const char* const kExtensions[] = {".s", ".asm", ".amdgcn", nullptr};

const sw_isa_frontend_interface kInterface = {
    sizeof(sw_isa_frontend_interface),        "rdna", "AMD RDNA", kExtensions, &sniff,
    &sdk::isa::parse_trampoline<RdnaFrontend>};

const sw_plugin_descriptor kDescriptor = sdk::make_descriptor<RdnaFrontend>(
    SW_PLUGIN_KIND_ISA_FRONTEND, "rdna", "0.1.0",
    "AMD RDNA (LLVM AMDGPU assembly, gfx10/gfx11) -> lifter", &kInterface);

const sw_plugin_descriptor* entry() {
  return &kDescriptor;
}

}  // namespace

SWITCHEROO_PLUGIN_ENTRY(entry)
