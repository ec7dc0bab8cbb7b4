// Header-only C++ layer for rewrite hooks: what a hook's `apply` works with (the tree, the
// knowledge base, the conversion's frameworks), the wrapper that keeps exceptions inside the
// plugin and reports them, and a base for hooks without options. Includes the text and tree
// helpers (hook_text.hpp, hook_tree.hpp). sdk/template/ has a complete hook built on it.
#ifndef SWITCHEROO_HOOK_HPP
#define SWITCHEROO_HOOK_HPP

#include <switcheroo/hook_text.hpp>
#include <switcheroo/hook_tree.hpp>
#include <switcheroo/knowledge.hpp>
#include <switcheroo/sdk.hpp>
#include <switcheroo/tree.h>

#include <exception>
#include <string>
#include <string_view>

namespace switcheroo::hooks {

/// The instance of a hook plugin that takes no options: the host's services, and a refusal of
/// any option the manifest gives.
class OptionlessHook {
 public:
  /// Fails init (PluginError) when the manifest gives the hook options.
  explicit OptionlessHook(const sdk::InitContext& context) : host(context.host) {
    if (std::string_view(context.options_json) != "{}") {
      throw sdk::PluginError("it takes no options, but the manifest gives " +
                             std::string(context.options_json));
    }
  }
  sdk::Host host;  ///< the host's services
};

/// One application of a hook to one file.
struct HookRun {
  const sw_tree_service& service;  ///< the tree service
  sw_tree* tree;                   ///< the file
  sdk::Knowledge knowledge;        ///< what the adapters know (available() on ABI 1.1 hosts)
  std::string source;              ///< the source framework's canonical id
  std::string target;              ///< the target framework's canonical id

  /// A trait of the source framework (`rng.model`).
  std::string source_trait(const std::string& key) const {
    return knowledge.trait(source, key);
  }
  /// A trait of the target framework.
  std::string target_trait(const std::string& key) const {
    return knowledge.trait(target, key);
  }
};

/// Reports an error located at the file (no line) with `unit` as its [unit]; never throws.
inline void report_failure(const sdk::Host& host, const sw_tree_service* service,
                           const sw_tree* tree, std::string_view unit,
                           std::string_view message) noexcept {
  try {
    const char* file = service != nullptr ? service->file(tree) : nullptr;
    host.report(sdk::Severity::error, file != nullptr ? file : "", 0, 0, message, unit);
  } catch (...) {
    // Out of memory while reporting: nothing sensible is left to do.
  }
}

/// A hook's `apply`: `rewrite(run)` (returning SW_HOOK_UNCHANGED, SW_HOOK_CHANGED or
/// SW_FAILED) over the file, with the services found. Nothing crosses the plugin boundary: an
/// exception, or a host without the tree service, ends in SW_FAILED after an error reported
/// through the diagnostics service (sdk.h requires the report).
template <class Rewrite>
int32_t apply_hook(const sdk::Host& host, std::string_view unit, sw_tree* tree,
                   const sw_hook_context* context, Rewrite&& rewrite) noexcept {
  const auto* service = host.find<sw_tree_service>(SW_SERVICE_TREE, 1);
  if (service == nullptr) {
    report_failure(host, nullptr, tree, unit, "this host has no 'switcheroo.tree' service");
    return SW_FAILED;
  }
  try {
    HookRun run{*service, tree, sdk::Knowledge(host), context->source_framework,
                context->target_framework};
    return rewrite(run);
  } catch (const std::exception& failure) {
    report_failure(host, service, tree, unit, failure.what());
  } catch (...) {
    report_failure(host, service, tree, unit, "unknown error");
  }
  return SW_FAILED;
}

}  // namespace switcheroo::hooks

#endif  // SWITCHEROO_HOOK_HPP
