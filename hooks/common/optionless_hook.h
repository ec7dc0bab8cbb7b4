// The instance of a hook plugin that takes no options: the host's services, and a refusal of
// any option the manifest gives.
#ifndef SWITCHEROO_HOOKS_OPTIONLESS_HOOK_H
#define SWITCHEROO_HOOKS_OPTIONLESS_HOOK_H

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

}  // namespace switcheroo::hooks

#endif  // SWITCHEROO_HOOKS_OPTIONLESS_HOOK_H
