// flatten_range: PyTorch's flatten over a range of axes, for a target without one.
//
//   torch.flatten(x, 1)          -> x.reshape(x.shape[0], -1)
//   x.flatten(1, 2)              -> x.reshape(x.shape[:1] + (-1,) + x.shape[3:])
//   x.flatten()                  -> x.reshape(-1)
//   nn.Flatten()                 -> lambda x: x.reshape(x.shape[0], -1)
//
// Runs after the conversion engine, which leaves these calls to it, on files converted from
// PyTorch. Option `style = "function"` writes the target's reshape function instead of the
// method (`jnp.reshape(x, (x.shape[0], -1))`).
//
// Caveats: an input that is not a plain name or attribute is written twice (once for its
// shape); a start or end that is not an integer literal is used as an expression as it is.
#include "../common/hook_support.h"

#include <switcheroo/tree.h>
#include <switcheroo/sdk.hpp>

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace {

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

// The reshape function of each target, with the import that binds its module.
struct ReshapeFunction {
  const char* framework;
  const char* callee;
  const char* import;
};
constexpr ReshapeFunction kReshape[] = {
    {"flax", "jnp.reshape", "import jax.numpy as jnp"},
    {"jax", "jnp.reshape", "import jax.numpy as jnp"},
    {"numpy", "np.reshape", "import numpy as np"},
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

std::string reshape(const FlattenRange& plugin, const ReshapeFunction* function,
                    const std::string& input, const std::string& start, const std::string& end) {
  const std::string x = operand(input);
  const std::string shape = merged_shape(x, start, end);
  if (plugin.function_style && function != nullptr) {
    return std::string(function->callee) + "(" + input + ", " + shape + ")";
  }
  // The method takes the sizes spread: x.reshape(x.shape[0], -1).
  const bool literal = shape.front() == '(' && shape.back() == ')';
  std::string arguments = literal ? shape.substr(1, shape.size() - 2) : shape;
  if (literal && arguments.size() > 1 && arguments.back() == ',') arguments.pop_back();
  return x + ".reshape(" + arguments + ")";
}

// Parameter `names[i]` from position i or by keyword; `fallback` when absent.
std::string parameter(const switcheroo::hooks::CallArguments& arguments,
                      const std::vector<std::string>& names, size_t i,
                      const std::string& fallback) {
  return arguments.get(names[i], i).value_or(fallback);
}

int32_t apply(void* instance, sw_tree* tree, const sw_hook_context* context) noexcept {
  auto& plugin = *static_cast<FlattenRange*>(instance);
  const std::string source = context->source_framework;
  const std::string target = context->target_framework;
  if (source != "torch" && source != "pytorch") return SW_HOOK_UNCHANGED;
  if (target == "torch" || target == "pytorch") return SW_HOOK_UNCHANGED;
  const auto* service = plugin.host.find<sw_tree_service>(SW_SERVICE_TREE, 1);
  if (service == nullptr) return SW_FAILED;
  const ReshapeFunction* function = nullptr;
  for (const auto& candidate : kReshape) {
    if (target == candidate.framework) function = &candidate;
  }
  try {
    int32_t result = SW_HOOK_UNCHANGED;
    for (uint32_t index = 0; index < service->call_count(tree); ++index) {
      sw_call_info call{};
      call.struct_size = sizeof(call);
      if (service->call(tree, index, &call) != SW_OK) return SW_FAILED;
      const std::string name = call.name;
      const std::string callee(call.callee.data, call.callee.size);
      const auto arguments =
          switcheroo::hooks::call_arguments(*service, tree, index, call.argument_count);
      if (arguments.unpacked) continue;
      std::string replacement;
      if (call.kind == SW_CALL_FUNCTION && name == "torch.flatten") {
        const std::vector<std::string> names = {"input", "start_dim", "end_dim"};
        const std::string input = parameter(arguments, names, 0, "");
        if (input.empty()) continue;
        replacement = reshape(plugin, function, input, parameter(arguments, names, 1, "0"),
                              parameter(arguments, names, 2, "-1"));
      } else if (call.kind == SW_CALL_METHOD && name == "flatten" && callee.size() > 8 &&
                 callee.compare(callee.size() - 8, 8, ".flatten") == 0) {
        const std::vector<std::string> names = {"start_dim", "end_dim"};
        replacement =
            reshape(plugin, function, callee.substr(0, callee.size() - 8),
                    parameter(arguments, names, 0, "0"), parameter(arguments, names, 1, "-1"));
      } else if (call.kind == SW_CALL_FUNCTION && name == "torch.nn.Flatten" && target != "numpy") {
        // Only where the layers around it become functions too: NumPy keeps PyTorch's layers
        // (they have no NumPy form), and nn.Sequential takes no lambda.
        const std::vector<std::string> names = {"start_dim", "end_dim"};
        replacement =
            "lambda x: " + reshape(plugin, function, "x", parameter(arguments, names, 0, "1"),
                                   parameter(arguments, names, 1, "-1"));
      } else {
        continue;
      }
      if (service->replace_call(tree, index, replacement.c_str()) != SW_OK) return SW_FAILED;
      result = SW_HOOK_CHANGED;
    }
    // Once: the service checks the file as it was, not the imports added in this pass.
    if (result == SW_HOOK_CHANGED && plugin.function_style && function != nullptr &&
        service->add_import(tree, function->import) != SW_OK) {
      return SW_FAILED;
    }
    return result;
  } catch (...) {
    return SW_FAILED;  // nothing may cross the plugin boundary
  }
}

const char* const kOptions[] = {"style", nullptr};
const sw_hook_interface kHook = {
    sizeof(sw_hook_interface),
    "torch.flatten(x, start, end), x.flatten(...), nn.Flatten() -> the matching reshape", kOptions,
    &apply};

const sw_plugin_descriptor kDescriptor = switcheroo::sdk::make_descriptor<FlattenRange>(
    SW_PLUGIN_KIND_HOOK, "flatten_range", "0.1.0",
    "flatten over a range of axes as a reshape (PyTorch to Flax / NumPy)", &kHook,
    SW_PLUGIN_FLAG_DEFAULT_ENABLED);

}  // namespace

extern "C" const sw_plugin_descriptor* flatten_range_plugin_entry() {
  return &kDescriptor;
}

SWITCHEROO_PLUGIN_ENTRY(flatten_range_plugin_entry)
