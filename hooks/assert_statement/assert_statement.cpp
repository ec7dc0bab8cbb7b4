// assert_statement: PyTorch's traceable assert as Python's own, for targets without one.
//
//   torch._assert(x.shape[1] == self.dim, "wrong width")  ->  assert x.shape[1] == self.dim, "wrong
//   width"
//
// Runs after the conversion engine, which leaves these calls to it, on files converted from
// PyTorch to a framework whose knowledge base names this hook (Flax NNX / JAX, NumPy). Only a
// call that is a statement of its own is rewritten; one whose value is used is reported.
#include "../common/calls.h"
#include "../common/optionless_hook.h"

#include <switcheroo/tree.h>
#include <switcheroo/sdk.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace {

using switcheroo::hooks::Call;

constexpr const char* kId = "assert_statement";

class AssertStatement : public switcheroo::hooks::OptionlessHook {
 public:
  using OptionlessHook::OptionlessHook;
};

int32_t rewrite(const AssertStatement& hook, const sw_tree_service& service, sw_tree* tree) {
  bool changed = false;
  for (const Call& call : switcheroo::hooks::calls_of(service, tree)) {
    if (call.info.kind != SW_CALL_FUNCTION || call.name != "torch._assert") continue;
    const auto condition = call.arguments.get("condition", 0);
    const auto message = call.arguments.get("message", 1);
    std::string why;
    if (call.line != call.original) {
      why = "its value is used";
    } else if (!condition || call.arguments.unpacked || call.arguments.count() > 2) {
      why = "its arguments are not a condition and a message";
    }
    if (!why.empty()) {
      hook.host.report(switcheroo::sdk::Severity::warning, service.file(tree), call.info.line,
                       call.info.column, "'" + call.callee + "' is left as it is: " + why, kId);
      continue;
    }
    // Inside the call's parentheses an argument may go over several lines; in the statement
    // it needs parentheses of its own.
    auto enclosed = [](const std::string& text) {
      return text.find('\n') == std::string::npos ? text : "(" + text + ")";
    };
    const std::string statement = "assert " + enclosed(*condition) +
                                  (message ? ", " + enclosed(*message) : "") +
                                  (call.comment.empty() ? "" : "  " + call.comment);
    if (service.insert_statement(tree, call.statement, 1, statement.c_str()) != SW_OK ||
        service.remove_statement(tree, call.statement) != SW_OK) {
      return SW_FAILED;
    }
    changed = true;
  }
  return changed ? SW_HOOK_CHANGED : SW_HOOK_UNCHANGED;
}

int32_t apply(void* instance, sw_tree* tree, const sw_hook_context* context) noexcept {
  const auto& hook = *static_cast<AssertStatement*>(instance);
  return switcheroo::hooks::apply_rewrite(
      hook, tree, context,
      [](std::string_view source, std::string_view target) {
        return switcheroo::hooks::is_torch(source) && !switcheroo::hooks::is_torch(target);
      },
      [&](const sw_tree_service& service, sw_tree* file) { return rewrite(hook, service, file); });
}

const char* const kOptions[] = {nullptr};
const sw_hook_interface kHook = {sizeof(sw_hook_interface),
                                 "torch._assert(condition, message) -> assert condition, message",
                                 kOptions, &apply};

const sw_plugin_descriptor kDescriptor = switcheroo::sdk::make_descriptor<AssertStatement>(
    SW_PLUGIN_KIND_HOOK, kId, "0.1.0", "PyTorch's traceable assert as an assert statement", &kHook,
    SW_PLUGIN_FLAG_DEFAULT_ENABLED);

}  // namespace

extern "C" const sw_plugin_descriptor* assert_statement_plugin_entry() {
  return &kDescriptor;
}

SWITCHEROO_PLUGIN_ENTRY(assert_statement_plugin_entry)
