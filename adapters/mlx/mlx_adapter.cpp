// The MLX adapter: all it knows is its data, traits.toml (how MLX models are written) and
// spoke.toml (mlx.core, mlx.nn and mlx.optimizers mapped to the hub), checked by the host at load.
#include <switcheroo/sdk.hpp>

#include <string>

namespace switcheroo_embedded {
extern const char traits_toml[];
extern const char spoke_toml[];
}  // namespace switcheroo_embedded

namespace {

// No manifest options exist; a typo in one is refused rather than ignored.
class MlxAdapter {
 public:
  explicit MlxAdapter(const switcheroo::sdk::InitContext& context) {
    if (context.options_json != "{}") {
      throw switcheroo::sdk::PluginError("the mlx adapter takes no options, got " +
                                         std::string(context.options_json));
    }
  }
};

const char* const kMlxAliases[] = {nullptr};

const sw_adapter_interface kMlxInterface = {
    sizeof(sw_adapter_interface), "mlx", kMlxAliases, "MLX",
    switcheroo_embedded::traits_toml, switcheroo_embedded::spoke_toml,
};

const sw_plugin_descriptor kMlxDescriptor = switcheroo::sdk::make_descriptor<MlxAdapter>(
    SW_PLUGIN_KIND_ADAPTER, "mlx", "0.1.0",
    "MLX adapter: mlx.core, mlx.nn, mlx.nn.losses, mlx.optimizers", &kMlxInterface);

}  // namespace

extern "C" const sw_plugin_descriptor* mlx_plugin_entry() {
  return &kMlxDescriptor;
}

SWITCHEROO_PLUGIN_ENTRY(mlx_plugin_entry)
