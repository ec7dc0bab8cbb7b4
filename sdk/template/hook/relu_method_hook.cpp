// An example rewrite hook, built beside the adapter against the installed SDK. It rewrites
// `x.relu()` (a method some frameworks have) into the target's relu function, which it asks the
// knowledge base for instead of knowing any framework:
//
//   y = h.relu()   ->   y = mg.relu(h)        (converting to MiniGrad)
//
// It applies when the target's spoke writes the hub's `relu` as a function; the spelling
// (`mg.relu`) and the import it needs come from the knowledge-base service (ABI 1.1).
#include <switcheroo/hook.hpp>

#include <string>

namespace {

constexpr const char* kId = "relu_method";

using switcheroo::hooks::HookRun;

class ReluMethod : public switcheroo::hooks::OptionlessHook {
 public:
  using OptionlessHook::OptionlessHook;
};

int32_t rewrite(const HookRun& run) {
  int32_t result = SW_HOOK_UNCHANGED;
  for (const auto& call : switcheroo::hooks::calls_of(run.service, run.tree)) {
    const std::string receiver = switcheroo::hooks::receiver_of(call, "relu");
    if (receiver.empty()) continue;
    const auto relu = run.knowledge.write(run.tree, run.target, "relu");
    if (!relu) return result;  // the target has no relu function: leave the file as it is
    const std::string replacement = *relu + "(" + receiver + ")";
    if (run.service.replace_call(run.tree, call.index, replacement.c_str()) != SW_OK) {
      return SW_FAILED;
    }
    result = SW_HOOK_CHANGED;
  }
  return result;
}

int32_t apply(void* instance, sw_tree* tree, const sw_hook_context* context) noexcept {
  const auto& hook = *static_cast<ReluMethod*>(instance);
  return switcheroo::hooks::apply_hook(hook.host, kId, tree, context, &rewrite);
}

const char* const kOptions[] = {nullptr};
const sw_hook_interface kHook = {sizeof(sw_hook_interface), "x.relu() -> <target relu>(x)",
                                 kOptions, &apply};

const sw_plugin_descriptor kDescriptor = switcheroo::sdk::make_descriptor<ReluMethod>(
    SW_PLUGIN_KIND_HOOK, kId, "0.1.0", "example hook: x.relu() as the target's relu function",
    &kHook);

}  // namespace

extern "C" const sw_plugin_descriptor* relu_method_plugin_entry() {
  return &kDescriptor;
}

SWITCHEROO_PLUGIN_ENTRY(relu_method_plugin_entry)
