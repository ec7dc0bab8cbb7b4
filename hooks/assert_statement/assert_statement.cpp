// assert_statement: PyTorch's traceable assert as Python's own, for targets without one.
//
//   torch._assert(x.shape[1] == self.dim, "wrong width")  ->  assert x.shape[1] == self.dim, "wrong
//   width"
//
// Runs after the conversion engine, which leaves these calls to it. It decides from the
// knowledge base: a call the source's spoke reads as the hub's `check` is rewritten when the
// target's spoke leaves `check` to this hook. Only a call that is a statement of its own is
// rewritten; one whose value is used is reported.
#include <switcheroo/hook.hpp>

#include <switcheroo/tree.h>
#include <switcheroo/sdk.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace {

using switcheroo::hooks::Call;
using switcheroo::hooks::HookRun;

constexpr const char* kId = "assert_statement";

class AssertStatement : public switcheroo::hooks::OptionlessHook {
 public:
  using OptionlessHook::OptionlessHook;
};

// A call the source's spoke reads as the hub's `check`, where the target's spoke leaves
// `check` to this hook.
bool is_check(const HookRun& run, const Call& call) {
  return run.knowledge.call_operation(run.tree, call.index, run.source) == "check" &&
         run.knowledge.operation_hook(run.target, "check") == kId;
}

int32_t rewrite(const AssertStatement& hook, const HookRun& run) {
  const sw_tree_service& service = run.service;
  sw_tree* tree = run.tree;
  bool changed = false;
  for (const Call& call : switcheroo::hooks::calls_of(service, tree)) {
    if (!is_check(run, call)) continue;
    const auto condition =
        call.arguments.get(run.knowledge.parameter(run.source, "check", "condition"), 0);
    const auto message =
        call.arguments.get(run.knowledge.parameter(run.source, "check", "message"), 1);
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
  return switcheroo::hooks::apply_hook(hook.host, kId, tree, context,
                                       [&](const HookRun& run) { return rewrite(hook, run); });
}

const char* const kOptions[] = {nullptr};
const sw_hook_interface kHook = {sizeof(sw_hook_interface),
                                 "torch._assert(condition, message) -> assert condition, message",
                                 kOptions, &apply};

const sw_plugin_descriptor kDescriptor = switcheroo::sdk::make_descriptor<AssertStatement>(
    SW_PLUGIN_KIND_HOOK, kId, "0.2.0", "a traceable assert call as an assert statement", &kHook,
    SW_PLUGIN_FLAG_DEFAULT_ENABLED);

}  // namespace

extern "C" const sw_plugin_descriptor* assert_statement_plugin_entry() {
  return &kDescriptor;
}

SWITCHEROO_PLUGIN_ENTRY(assert_statement_plugin_entry)
