// The Keras 3 adapter. Everything it knows is data: traits.toml (how models are written) and
// spoke.toml (its APIs mapped to the hub's abstract operations), checked by the host at load.
#include <switcheroo/sdk.hpp>

#include <string>

namespace switcheroo_embedded {
extern const char traits_toml[];
extern const char spoke_toml[];
}  // namespace switcheroo_embedded

namespace {

// Takes no manifest options, and says so instead of ignoring a typo.
class Adapter {
 public:
  explicit Adapter(const switcheroo::sdk::InitContext& context) {
    if (context.options_json != "{}") {
      throw switcheroo::sdk::PluginError("the keras adapter takes no options, got " +
                                         std::string(context.options_json));
    }
  }
};

const char* const kAliases[] = {"keras3", nullptr};

const sw_adapter_interface kInterface = {
    sizeof(sw_adapter_interface), "keras", kAliases, "Keras 3", switcheroo_embedded::traits_toml,
    switcheroo_embedded::spoke_toml,
};

const sw_plugin_descriptor kDescriptor = switcheroo::sdk::make_descriptor<Adapter>(
    SW_PLUGIN_KIND_ADAPTER, "keras", "0.1.0",
    "Keras 3 adapter: keras.layers, keras.ops, keras.activations, keras.losses, keras.optimizers",
    &kInterface);

}  // namespace

extern "C" const sw_plugin_descriptor* keras_plugin_entry() {
  return &kDescriptor;
}

SWITCHEROO_PLUGIN_ENTRY(keras_plugin_entry)
