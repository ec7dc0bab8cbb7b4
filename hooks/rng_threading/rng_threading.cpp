// rng_threading: a global random generator (PyTorch, NumPy) as explicit keys (JAX, Flax NNX)
// and back, chosen by the two frameworks' `rng.model` traits. See README.md.
#include "rng_threading.h"

#include <switcheroo/tree.h>

#include <string>

namespace rng_threading {

using switcheroo::hooks::HookRun;
using switcheroo::sdk::PluginError;

Options::Options(const switcheroo::sdk::InitContext& context) : host(context.host) {
  nlohmann::json options;
  try {
    options = nlohmann::json::parse(context.options_json);
  } catch (const nlohmann::json::exception&) {
    throw PluginError("its options are not a JSON object");
  }
  for (const auto& [name, value] : options.items()) {
    std::string* slot = name == "key"              ? &key
                        : name == "params_stream"  ? &params_stream
                        : name == "dropout_stream" ? &dropout_stream
                        : name == "sample_stream"  ? &sample_stream
                                                   : nullptr;
    if (slot == nullptr) {
      throw PluginError("unknown option '" + name +
                        "'; rng_threading takes key, params_stream, dropout_stream and "
                        "sample_stream");
    }
    if (!value.is_string() || !switcheroo::hooks::is_identifier(value.get<std::string>())) {
      throw PluginError("option '" + name + "' must be a Python name, not " + value.dump());
    }
    *slot = value.get<std::string>();
  }
}

std::optional<std::string> HubCall::text(const std::string& name) const {
  auto found = arguments.find(name);
  if (found == arguments.end() || !found->is_string()) return std::nullopt;
  return found->get<std::string>();
}

std::optional<HubCall> read_hub_call(const HookRun& run, uint32_t call) {
  const auto json = run.knowledge.read_call(run.tree, call, run.source);
  if (!json) return std::nullopt;
  const nlohmann::json parsed = nlohmann::json::parse(*json, nullptr, false);
  if (!parsed.is_object() || !parsed.contains("operation")) return std::nullopt;
  HubCall hub{parsed["operation"].get<std::string>(), parsed["arguments"], {}};
  auto takes = parsed.find("takes");
  if (takes != parsed.end() && takes->is_object()) {
    for (auto it = takes->begin(); it != takes->end(); ++it) {
      if (it.value() == "key") hub.key = it.key();
    }
  }
  return hub;
}

std::optional<std::string> write_hub_call(const Options& options, const HookRun& run,
                                          const HubCall& call, uint32_t line, uint32_t column) {
  auto text = run.knowledge.write_call(run.tree, run.target, call.operation,
                                       call.arguments.dump());
  if (!text) {
    options.host.report(switcheroo::sdk::Severity::warning, run.service.file(run.tree), line,
                        column,
                        "cannot write the random operation '" + call.operation + "' for '" +
                            run.target + "': " + run.knowledge.reason(),
                        kId);
  }
  return text;
}

sw_node next_statement(const sw_tree_service& service, const sw_tree* tree, sw_node statement) {
  auto is_token = [](std::string_view kind) {
    return kind == "NEWLINE" || kind == "INDENT" || kind == "DEDENT";
  };
  sw_node next = service.next_sibling(tree, statement);
  while (next != SW_NO_NODE && is_token(service.kind(tree, next))) {
    next = service.next_sibling(tree, next);
  }
  return next;
}

namespace {

int32_t apply(void* instance, sw_tree* tree, const sw_hook_context* context) noexcept {
  const auto& options = *static_cast<Options*>(instance);
  return switcheroo::hooks::apply_hook(options.host, kId, tree, context, [&](const HookRun& run) {
    if (!run.knowledge.converts_calls()) return int32_t{SW_HOOK_UNCHANGED};
    const bool source_keys = run.source_trait("rng.model") == "explicit-keys";
    const bool target_keys = run.target_trait("rng.model") == "explicit-keys";
    if (target_keys && !source_keys) return to_keys(options, run);
    if (source_keys && !target_keys) return from_keys(options, run);
    return int32_t{SW_HOOK_UNCHANGED};
  });
}

const char* const kOptions[] = {"key", "params_stream", "dropout_stream", "sample_stream", nullptr};
const sw_hook_interface kHook = {
    sizeof(sw_hook_interface),
    "a global random generator (torch.randn, F.dropout, torch.manual_seed, ...) <-> explicit "
    "keys, through the spokes' random operations",
    kOptions, &apply};

const sw_plugin_descriptor kDescriptor = switcheroo::sdk::make_descriptor<Options>(
    SW_PLUGIN_KIND_HOOK, "rng_threading", "0.2.0",
    "draws of a global random generator as explicit keys and key streams, and back", &kHook,
    SW_PLUGIN_FLAG_DEFAULT_ENABLED);

}  // namespace
}  // namespace rng_threading

extern "C" const sw_plugin_descriptor* rng_threading_plugin_entry() {
  return &rng_threading::kDescriptor;
}

SWITCHEROO_PLUGIN_ENTRY(rng_threading_plugin_entry)
