// The MiniGrad adapter: everything it knows about the MiniGrad framework (a small NumPy
// package, examples/minigrad/minigrad in the Switcheroo tree) is data in data/traits.toml and
// data/spoke.toml, compiled into the plugin. The code only describes the
// plugin to the host and checks its manifest options.
#include <switcheroo/sdk.hpp>

#include <string>

namespace switcheroo_embedded {
extern const char traits_toml[];
extern const char spoke_toml[];
}  // namespace switcheroo_embedded

namespace {

// Options from `[options.minigrad]` in a project's manifest arrive as a JSON object. This
// adapter takes none, and says so instead of ignoring a typo.
class MiniGradAdapter {
 public:
  explicit MiniGradAdapter(const switcheroo::sdk::InitContext& context) {
    if (context.options_json != "{}") {
      throw switcheroo::sdk::PluginError("the minigrad adapter takes no options, got " +
                                         std::string(context.options_json));
    }
  }
};

const char* const kAliases[] = {"mg", nullptr};

const sw_adapter_interface kInterface = {
    sizeof(sw_adapter_interface),
    "minigrad",
    kAliases,
    "MiniGrad",
    switcheroo_embedded::traits_toml,
    switcheroo_embedded::spoke_toml,
};

const sw_plugin_descriptor kDescriptor = switcheroo::sdk::make_descriptor<MiniGradAdapter>(
    SW_PLUGIN_KIND_ADAPTER, "minigrad", "0.1.0",
    "example adapter for the MiniGrad framework (sdk/template)", &kInterface);

}  // namespace

extern "C" const sw_plugin_descriptor* minigrad_plugin_entry() {
  return &kDescriptor;
}

SWITCHEROO_PLUGIN_ENTRY(minigrad_plugin_entry)
