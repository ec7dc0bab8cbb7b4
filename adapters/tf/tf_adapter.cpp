// The TensorFlow 2 adapter. Everything it knows is data: traits.toml (how models are written) and
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
      throw switcheroo::sdk::PluginError("the tensorflow adapter takes no options, got " +
                                         std::string(context.options_json));
    }
  }
};

const char* const kAliases[] = {"tf", nullptr};

const sw_adapter_interface kInterface = {
    sizeof(sw_adapter_interface), "tensorflow", kAliases, "TensorFlow 2",
    switcheroo_embedded::traits_toml, switcheroo_embedded::spoke_toml,
};

const sw_plugin_descriptor kDescriptor = switcheroo::sdk::make_descriptor<Adapter>(
    SW_PLUGIN_KIND_ADAPTER, "tensorflow", "0.1.0",
    "TensorFlow 2 adapter: tf, tf.math, tf.nn, tf.linalg, tf.keras.layers", &kInterface);

}  // namespace

extern "C" const sw_plugin_descriptor* tensorflow_plugin_entry() {
  return &kDescriptor;
}

SWITCHEROO_PLUGIN_ENTRY(tensorflow_plugin_entry)
