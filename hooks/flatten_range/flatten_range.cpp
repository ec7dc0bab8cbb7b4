// flatten_range: PyTorch's flatten over a range of axes, for a target without one.
//
//   torch.flatten(x, 1)          -> x.reshape(x.shape[0], -1)
//   x.flatten(1, 2)              -> x.reshape(x.shape[:1] + (-1,) + x.shape[3:])
//   x.flatten()                  -> x.reshape(-1)
//   nn.Flatten()                 -> lambda x: x.reshape(x.shape[0], -1)
//
// Runs after the conversion engine, which leaves these calls to it. It decides from the
// knowledge base, not from framework names: a call the source's spoke reads as the hub's
// `flatten` or `flatten_layer` is rewritten when the target's spoke leaves that operation to
// this hook, with the reshape the target's spoke spells (`reshape/method`, or `reshape` for
// option `style = "function"`: `jnp.reshape(x, (x.shape[0], -1))`, its import added).
//
// Caveats: an input that is not a plain name or attribute is written twice (once for its
// shape); a start or end that is not an integer literal is used as an expression as it is.
//
// Back, where the source's spoke leaves `flatten_layer` to this hook and the target's has the
// layer: the function it wrote for a layer becomes the layer again, so that a container that
// takes only layers (torch.nn.Sequential) takes it:
//
//   lambda x: x.reshape(x.shape[0], -1)        -> nn.Flatten()
#include <switcheroo/hook.hpp>

#include <switcheroo/tree.h>
#include <switcheroo/sdk.hpp>

#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr const char* kId = "flatten_range";

using switcheroo::hooks::HookRun;
using switcheroo::sdk::InitContext;
using switcheroo::sdk::PluginError;

class FlattenRange {
 public:
  explicit FlattenRange(const InitContext& context) : host(context.host) {
    const std::string options(context.options_json);
    if (options == R"({"style":"function"})") {
      function_style = true;
    } else if (options != "{}" && options != R"({"style":"method"})") {
      throw PluginError("unsupported options " + options +
                        "; flatten_range takes only style = 'method' or 'function'");
    }
  }

  switcheroo::sdk::Host host;
  bool function_style = false;
};

using switcheroo::hooks::operand;

// An integer literal small enough to compute with (an axis); a longer one is an expression.
bool is_integer(std::string_view text) {
  if (!text.empty() && text.front() == '-') text.remove_prefix(1);
  if (text.empty() || text.size() > 9) return false;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// The shape that merges axes start..end of `x` into one.
std::string merged_shape(const std::string& x, const std::string& start, const std::string& end) {
  if (start == "0" && end == "-1") return "(-1,)";
  if (start == "1" && end == "-1") return "(" + x + ".shape[0], -1)";
  std::string shape = x + ".shape[:" + start + "] + (-1,)";
  if (end != "-1") {
    const std::string after =
        is_integer(end) ? std::to_string(std::stol(end) + 1) : operand(end) + " + 1";
    shape += " + " + x + ".shape[" + after + ":]";
  }
  return shape;
}

// How the target writes a reshape: its function (`jnp.reshape`, spelled for the file, empty
// with the method style) or the name of its method (`reshape`).
struct Reshape {
  std::string function;
  std::string method;
};

std::string reshape(const Reshape& spelling, const std::string& input, const std::string& start,
                    const std::string& end) {
  const std::string x = operand(input);
  const std::string shape = merged_shape(x, start, end);
  if (!spelling.function.empty()) return spelling.function + "(" + input + ", " + shape + ")";
  // The method takes the sizes spread: x.reshape(x.shape[0], -1).
  const bool literal = shape.front() == '(' && shape.back() == ')';
  std::string arguments = literal ? shape.substr(1, shape.size() - 2) : shape;
  if (literal && arguments.size() > 1 && arguments.back() == ',') arguments.pop_back();
  return x + "." + spelling.method + "(" + arguments + ")";
}

// The hub operation of a call, when the target's spoke leaves that operation to this hook:
// `flatten` (a function or, as `flatten/method`, a method) or `flatten_layer`; else "".
std::string flatten_operation(const HookRun& run, uint32_t index) {
  const std::string operation = run.knowledge.call_operation(run.tree, index, run.source);
  const std::string op = operation.substr(0, operation.find('/'));
  if (op != "flatten" && op != "flatten_layer") return "";
  return run.knowledge.operation_hook(run.target, op) == kId ? operation : "";
}

// The replacement for one call read through the source's spoke; "" to leave it.
std::string rewritten(const HookRun& run, const Reshape& spelling, const std::string& operation,
                      const switcheroo::hooks::Call& call) {
  auto argument = [&](const char* hub_name, size_t position, const char* fallback) {
    const std::string name = run.knowledge.parameter(run.source, operation, hub_name);
    return call.arguments.get(name, position).value_or(fallback);
  };
  if (operation == "flatten") {
    const std::string input = argument("input", 0, "");
    if (input.empty()) return "";
    return reshape(spelling, input, argument("start_axis", 1, "0"), argument("end_axis", 2, "-1"));
  }
  if (operation == "flatten_layer") {
    // A layer becomes the function it applies (its hub default keeps the batch axis).
    return "lambda x: " +
           reshape(spelling, "x", argument("start_axis", 0, "1"), argument("end_axis", 1, "-1"));
  }
  const std::string suffix = "." + call.name;
  if (call.callee.size() <= suffix.size()) return "";
  const std::string receiver = call.callee.substr(0, call.callee.size() - suffix.size());
  return reshape(spelling, receiver, argument("start_axis", 0, "0"), argument("end_axis", 1, "-1"));
}

// The target's reshape: its function for the function style (when its spoke has one), else
// its method; nullopt when its spoke has neither.
std::optional<Reshape> reshape_spelling(const FlattenRange& plugin, const HookRun& run) {
  Reshape spelling;
  if (plugin.function_style) {
    if (const auto function = run.knowledge.write(run.tree, run.target, "reshape")) {
      spelling.function = *function;
      return spelling;
    }
  }
  const auto method = run.knowledge.api(run.target, "reshape/method");
  if (!method || method->empty()) return std::nullopt;
  spelling.method = method->substr(method->rfind('.') + 1);
  return spelling;
}

// `lambda x: x.reshape(x.shape[0], -1)` (the function `flatten_layer` became, with its
// default axes, in the target's method spelling) -> the target's flatten layer.
int32_t layers_back(const HookRun& run) {
  const auto method = run.knowledge.api(run.source, "reshape/method");
  if (!method || method->empty()) return SW_HOOK_UNCHANGED;
  const std::string name = method->substr(method->rfind('.') + 1);
  int32_t result = SW_HOOK_UNCHANGED;
  for (const auto& call : switcheroo::hooks::calls_of(run.service, run.tree)) {
    if (call.info.kind != SW_CALL_METHOD || call.name != name) continue;
    sw_node lambda = run.service.parent(run.tree, call.info.trailer);
    while (lambda != SW_NO_NODE &&
           std::string_view(run.service.kind(run.tree, lambda)) != "lambdef" &&
           std::string_view(run.service.kind(run.tree, lambda)) != "statement") {
      lambda = run.service.parent(run.tree, lambda);
    }
    if (lambda == SW_NO_NODE || std::string_view(run.service.kind(run.tree, lambda)) != "lambdef") {
      continue;
    }
    const std::string text = switcheroo::hooks::text_of(run.service.text(run.tree, lambda));
    const std::string head = "lambda ";
    const size_t colon = text.find(':');
    if (text.rfind(head, 0) != 0 || colon == std::string::npos) continue;
    const std::string parameter = text.substr(head.size(), colon - head.size());
    if (!switcheroo::hooks::is_identifier(parameter) ||
        text != "lambda " + parameter + ": " + reshape({"", name}, parameter, "1", "-1")) {
      continue;
    }
    const auto layer = run.knowledge.write(run.tree, run.target, "flatten_layer");
    if (!layer) return result;
    if (run.service.replace(run.tree, lambda, (*layer + "()").c_str()) != SW_OK) return SW_FAILED;
    result = SW_HOOK_CHANGED;
  }
  return result;
}

int32_t rewrite(const FlattenRange& plugin, const HookRun& run) {
  std::optional<Reshape> spelling;
  int32_t result = SW_HOOK_UNCHANGED;
  for (const auto& call : switcheroo::hooks::calls_of(run.service, run.tree)) {
    // A call of a layer the file made (`self.flatten(x)`) applies it: its construction is
    // what becomes a function, and the call stays as it is.
    if (call.info.kind == SW_CALL_INSTANCE) continue;
    const std::string operation = flatten_operation(run, call.index);
    if (operation.empty() || call.arguments.unpacked) continue;
    // Spelled once, at the first call: writing the function adds its import to the file.
    if (!spelling) spelling = reshape_spelling(plugin, run);
    if (!spelling) return SW_HOOK_UNCHANGED;
    const std::string replacement = rewritten(run, *spelling, operation, call);
    if (replacement.empty()) continue;
    if (run.service.replace_call(run.tree, call.index, replacement.c_str()) != SW_OK) {
      return SW_FAILED;
    }
    result = SW_HOOK_CHANGED;
  }
  return result;
}

int32_t apply(void* instance, sw_tree* tree, const sw_hook_context* context) noexcept {
  const auto& plugin = *static_cast<FlattenRange*>(instance);
  return switcheroo::hooks::apply_hook(plugin.host, kId, tree, context, [&](const HookRun& run) {
    if (run.knowledge.operation_hook(run.source, "flatten_layer") == kId &&
        run.knowledge.operation_hook(run.target, "flatten_layer") != kId) {
      return layers_back(run);
    }
    return rewrite(plugin, run);
  });
}

const char* const kOptions[] = {"style", nullptr};
const sw_hook_interface kHook = {
    sizeof(sw_hook_interface),
    "torch.flatten(x, start, end), x.flatten(...), nn.Flatten() -> the matching reshape", kOptions,
    &apply};

const sw_plugin_descriptor kDescriptor = switcheroo::sdk::make_descriptor<FlattenRange>(
    SW_PLUGIN_KIND_HOOK, kId, "0.2.0",
    "flatten over a range of axes as the target's reshape, where its spoke leaves flatten to this "
    "hook",
    &kHook, SW_PLUGIN_FLAG_DEFAULT_ENABLED);

}  // namespace

extern "C" const sw_plugin_descriptor* flatten_range_plugin_entry() {
  return &kDescriptor;
}

SWITCHEROO_PLUGIN_ENTRY(flatten_range_plugin_entry)
