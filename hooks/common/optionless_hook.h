// The instance of a hook plugin that takes no options: the host's services, and a refusal of
// any option the manifest gives.
#ifndef SWITCHEROO_HOOKS_OPTIONLESS_HOOK_H
#define SWITCHEROO_HOOKS_OPTIONLESS_HOOK_H

#include <switcheroo/tree.h>
#include <switcheroo/sdk.hpp>

#include <string>
#include <string_view>

namespace switcheroo::hooks {

class OptionlessHook {
 public:
  explicit OptionlessHook(const sdk::InitContext& context) : host(context.host) {
    if (std::string_view(context.options_json) != "{}") {
      throw sdk::PluginError("it takes no options, but the manifest gives " +
                             std::string(context.options_json));
    }
  }
  sdk::Host host;
};

inline bool is_torch(std::string_view framework) {
  return framework == "torch" || framework == "pytorch";
}
inline bool is_flax(std::string_view framework) {
  return framework == "flax" || framework == "jax" || framework == "flax_nnx";
}

// A hook's apply: unchanged for a conversion `applies(source, target)` refuses, else
// `rewrite(service, tree)`, with SW_FAILED for an exception (nothing may cross the plugin
// boundary) or a host without the tree service.
template <class Applies, class Rewrite>
int32_t apply_rewrite(const OptionlessHook& hook, sw_tree* tree, const sw_hook_context* context,
                      Applies&& applies, Rewrite&& rewrite) noexcept {
  try {
    if (!applies(std::string_view(context->source_framework),
                 std::string_view(context->target_framework))) {
      return SW_HOOK_UNCHANGED;
    }
    const auto* service = hook.host.find<sw_tree_service>(SW_SERVICE_TREE, 1);
    if (service == nullptr) return SW_FAILED;
    return rewrite(*service, tree);
  } catch (...) {
    return SW_FAILED;
  }
}

}  // namespace switcheroo::hooks

#endif  // SWITCHEROO_HOOKS_OPTIONLESS_HOOK_H
