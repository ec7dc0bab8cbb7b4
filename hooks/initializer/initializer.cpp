// initializer: PyTorch's in-place parameter initializers (torch.nn.init.*_) and the
// assignments to Flax NNX parameters that stand for them, both ways (to_flax.cpp,
// to_torch.cpp). This file holds the plugin's entry, which picks the direction from the
// knowledge base, and what both directions share.
#include "initializer.h"

#include <switcheroo/tree.h>
#include <switcheroo/sdk.hpp>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>

namespace switcheroo::hooks::initializer {

void warn(const Initializer& hook, const HookRun& run, const Call& call, const std::string& why) {
  hook.host.report(sdk::Severity::warning, run.service.file(run.tree), call.info.line,
                   call.info.column, "'" + call.callee + "' is left as it is: " + why, kId);
}

std::optional<double> number(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return std::nullopt;
  return value;
}

std::string written(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.12g", value);
  std::string text = buffer;
  if (text.find_first_of(".en") == std::string::npos) text += ".0";
  return text;
}

bool is(const std::optional<std::string>& text, double value) {
  if (!text) return false;
  const auto parsed = number(*text);
  return parsed && *parsed == value;
}

std::string unquoted(const std::string& text) {
  if (text.size() >= 2 && (text.front() == '\'' || text.front() == '"') &&
      text.back() == text.front()) {
    return text.substr(1, text.size() - 2);
  }
  return "";
}

// The Flax name of a PyTorch parameter attribute of a Flax layer class ("" when unknown).
std::string flax_parameter(const std::string& layer, const std::string& attribute) {
  if (attribute == "bias") return "bias";
  if (attribute != "weight") return "";
  static const std::map<std::string, std::string> names = {
      {"Linear", "kernel"},        {"LinearGeneral", "kernel"}, {"Conv", "kernel"},
      {"ConvTranspose", "kernel"}, {"Einsum", "kernel"},        {"BatchNorm", "scale"},
      {"LayerNorm", "scale"},      {"GroupNorm", "scale"},      {"RMSNorm", "scale"},
      {"InstanceNorm", "scale"},   {"Embed", "embedding"},
  };
  auto found = names.find(layer);
  return found == names.end() ? "" : found->second;
}

std::string torch_parameter(const std::string& name) {
  if (name == "bias") return "bias";
  for (const char* layer : {"Linear", "BatchNorm", "Embed"}) {
    if (flax_parameter(layer, "weight") == name) return "weight";
  }
  return "";
}

namespace {

// Whether `framework`'s spoke leaves initializers to this hook (a framework whose layers hold
// parameters that initializers assign).
bool assigns_parameters(const HookRun& run, const std::string& framework) {
  return run.knowledge.operation_hook(framework, "init_normal") == kId;
}

// The module the target's layers live in (`flax.nnx`), from its module base class.
std::string layer_module_of(const HookRun& run) {
  const std::string base = run.target_trait("module.base-class");
  const size_t dot = base.rfind('.');
  return dot == std::string::npos ? "" : base.substr(0, dot);
}

int32_t apply(void* instance, sw_tree* tree, const sw_hook_context* context) noexcept {
  const auto& hook = *static_cast<Initializer*>(instance);
  return apply_hook(hook.host, kId, tree, context, [&](const HookRun& run) {
    const bool into = assigns_parameters(run, run.target);
    const bool from = assigns_parameters(run, run.source);
    if (into && !from) {
      const std::string layer_module = layer_module_of(run);
      if (layer_module.empty()) return int32_t{SW_HOOK_UNCHANGED};
      return to_flax(hook, run, layer_module);
    }
    if (from && !into) return to_torch(hook, run);
    return int32_t{SW_HOOK_UNCHANGED};
  });
}

const char* const kOptions[] = {nullptr};
const sw_hook_interface kHook = {
    sizeof(sw_hook_interface),
    "torch.nn.init.*_(layer.weight, ...) <-> layer.kernel.value = <initializer>(key, shape)",
    kOptions, &apply};

const sw_plugin_descriptor kDescriptor = sdk::make_descriptor<Initializer>(
    SW_PLUGIN_KIND_HOOK, kId, "0.2.0",
    "PyTorch's in-place initializers as assignments to Flax NNX parameters, and back", &kHook,
    SW_PLUGIN_FLAG_DEFAULT_ENABLED);

}  // namespace

}  // namespace switcheroo::hooks::initializer

extern "C" const sw_plugin_descriptor* initializer_plugin_entry() {
  return &switcheroo::hooks::initializer::kDescriptor;
}

SWITCHEROO_PLUGIN_ENTRY(initializer_plugin_entry)
