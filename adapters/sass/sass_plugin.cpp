// The sass plugin's entry: an ISA frontend for NVIDIA SASS listings (cuobjdump -sass and
// nvdisasm output for sm_80, sm_86 and sm_90).
#include "sass_listing.h"

#include <switcheroo/isa.hpp>

#include <optional>

namespace switcheroo_embedded {
extern const char sass_semantics[];
}

namespace {

using namespace switcheroo;

class SassFrontend {
 public:
  explicit SassFrontend(const sdk::InitContext& context)
      : host_(context.host) {
    if (context.options_json != "{}") throw sdk::PluginError("the sass plugin takes no options");
  }

  bool parse(std::string_view file, std::string_view text, const sdk::isa::Builder& builder) {
    // Read on the first listing, not at start-up: every run loads this plugin, few lift.
    if (!semantics_) semantics_.emplace(switcheroo_embedded::sass_semantics);
    return sass::parse_listing(file, text, host_, *semantics_, builder);
  }

 private:
  sdk::Host host_;
  std::optional<sdk::isa::SemanticsTable> semantics_;
};

uint32_t sniff(const char* text, uint64_t length) {
  return sass::sniff_listing(std::string_view(text, static_cast<size_t>(length)));
}

const char* const kExtensions[] = {".sass", ".cuobjdump", ".nvdisasm", nullptr};

const sw_isa_frontend_interface kInterface = {
    sizeof(sw_isa_frontend_interface),        "sass", "NVIDIA SASS", kExtensions, &sniff,
    &sdk::isa::parse_trampoline<SassFrontend>};

const sw_plugin_descriptor kDescriptor = sdk::make_descriptor<SassFrontend>(
    SW_PLUGIN_KIND_ISA_FRONTEND, "sass", "0.1.0",
    "NVIDIA SASS (cuobjdump/nvdisasm, sm_80-sm_90) -> lifter", &kInterface);

const sw_plugin_descriptor* entry() {
  return &kDescriptor;
}

}  // namespace

SWITCHEROO_PLUGIN_ENTRY(entry)
