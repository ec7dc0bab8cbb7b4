// The PaxML / Praxis adapter: its knowledge is data, traits.toml (how Praxis code is written) and
// spoke.toml (jax.numpy, jax.nn and praxis.layers mapped to the hub), checked by the host at load.
#include <switcheroo/sdk.hpp>

#include <string>

namespace switcheroo_embedded {
extern const char traits_toml[];
extern const char spoke_toml[];
}  // namespace switcheroo_embedded

namespace {

// Options would be a manifest typo: none exist.
class PaxAdapter {
 public:
  explicit PaxAdapter(const switcheroo::sdk::InitContext& context) {
    if (context.options_json != "{}") {
      throw switcheroo::sdk::PluginError("the paxml adapter takes no options, got " +
                                         std::string(context.options_json));
    }
  }
};

// `pax` and `praxis` name the same framework: PaxML trains what Praxis layers describe.
const char* const kPaxAliases[] = {"pax", "praxis", nullptr};

const sw_adapter_interface kPaxInterface = {
    sizeof(sw_adapter_interface), "paxml", kPaxAliases, "PaxML / Praxis",
    switcheroo_embedded::traits_toml, switcheroo_embedded::spoke_toml,
};

const sw_plugin_descriptor kPaxDescriptor = switcheroo::sdk::make_descriptor<PaxAdapter>(
    SW_PLUGIN_KIND_ADAPTER, "paxml", "0.1.0",
    "PaxML / Praxis adapter: jax.numpy and jax.nn inside praxis layers", &kPaxInterface);

}  // namespace

extern "C" const sw_plugin_descriptor* pax_plugin_entry() {
  return &kPaxDescriptor;
}

SWITCHEROO_PLUGIN_ENTRY(pax_plugin_entry)
