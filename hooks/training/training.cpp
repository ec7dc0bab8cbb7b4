// Training idioms between PyTorch and Flax NNX. One set of sources, three plugins (the knowledge
// base names three hooks); SWITCHEROO_TRAINING_HOOK picks which one this build is:
//
// optimizer_wrap:  torch.optim.Adam(model.parameters(), lr=1e-3)
//                    <-> nnx.Optimizer(model, optax.adam(1e-3), wrt=nnx.Param)
//                  torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0) before the step
//                    <-> optax.chain(optax.clip_by_global_norm(1.0), optax.adam(...))
// training_step:   optimizer.zero_grad(); <loss statements>; loss.backward(); optimizer.step()
//                    <-> def loss_fn(model): <loss statements>; return loss
//                        loss, grads = nnx.value_and_grad(loss_fn)(model)
//                        optimizer.update(model, grads)
//                  with torch.no_grad(): <body>  -> <body>
// state_filter:    model.parameters() <-> nnx.state(model, nnx.Param)
//
// to_flax.cpp writes Flax NNX from PyTorch, to_torch.cpp PyTorch from Flax NNX.
#include "training.h"

#include <cctype>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace switcheroo::hooks::training {

#define SW_STRINGIFY2(x) #x
#define SW_STRINGIFY(x) SW_STRINGIFY2(x)
namespace {
constexpr const char* kId = SW_STRINGIFY(SWITCHEROO_TRAINING_HOOK);
}  // namespace

const char* hook_id() {
  return kId;
}

void warn(const TrainingHook& hook, const sw_tree_service& service, const sw_tree* tree,
          const Call& call, const std::string& message) {
  hook.host.report(sdk::Severity::warning, service.file(tree), call.info.line, call.info.column,
                   message, hook_id());
}

std::string method_of(const HookRun& run, const std::string& framework,
                      const std::string& operation) {
  const auto api = run.knowledge.api(framework, operation);
  if (!api || api->empty()) return "";
  return api->substr(api->rfind('.') + 1);
}

std::string model_of(const HookRun& run, const std::string& params) {
  for (const std::string& framework : {run.source, run.target}) {
    const std::string method = method_of(run, framework, "parameters");
    if (method.empty()) continue;
    for (const std::string& suffix : {"." + method + "()", "." + method}) {
      if (params.size() > suffix.size() &&
          params.compare(params.size() - suffix.size(), suffix.size(), suffix) == 0 &&
          is_identifier(params.substr(0, params.size() - suffix.size()))) {
        return params.substr(0, params.size() - suffix.size());
      }
    }
  }
  return "";
}

std::optional<std::string> written(const TrainingHook& hook, const HookRun& run, const Call& call,
                                   const std::string& operation,
                                   const nlohmann::json& arguments) {
  auto text = sdk::write_hub_call(run.knowledge, run.tree, run.target, operation, arguments);
  if (!text) {
    warn(hook, run.service, run.tree, call,
         "cannot write '" + operation + "' for '" + run.target + "': " + run.knowledge.reason());
  }
  return text;
}

namespace {

using Rewrite = int32_t (*)(const TrainingHook&, const HookRun&);
// Each hook with the hub op whose spelling says which way a conversion goes: the side whose
// spoke leaves that op to the hook writes functional training (optax, value_and_grad, state),
// the other side the stateful one (optimizer objects, backward/step, parameters()).
struct Rewrites {
  const char* id;
  const char* op;
  Rewrite to_functional, to_stateful;
};
constexpr Rewrites kRewrites[] = {
    {"optimizer_wrap", "sgd", &optimizer_to_optax, &optimizer_to_torch},
    {"training_step", "backward", &step_to_target, &step_from_source},
    {"state_filter", "parameters", &parameters_to_state, &state_to_parameters},
};

// The rewrite for this conversion, or nullptr: the op is left to this hook on exactly one
// side, and both sides have modules.
Rewrite rewrite_for(const Rewrites& rewrites, const HookRun& run) {
  if (run.source_trait("module.base-class").empty() ||
      run.target_trait("module.base-class").empty()) {
    return nullptr;
  }
  const bool source_side = run.knowledge.operation_hook(run.source, rewrites.op) == kId;
  const bool target_side = run.knowledge.operation_hook(run.target, rewrites.op) == kId;
  if (target_side && !source_side) return rewrites.to_functional;
  if (source_side && !target_side) return rewrites.to_stateful;
  return nullptr;
}

int32_t apply(void* instance, sw_tree* tree, const sw_hook_context* context) noexcept {
  const auto& plugin = *static_cast<TrainingHook*>(instance);
  return apply_hook(plugin.host, kId, tree, context, [&](const HookRun& run) {
    for (const Rewrites& rewrites : kRewrites) {
      if (std::string_view(rewrites.id) != kId) continue;
      const Rewrite rewrite = rewrite_for(rewrites, run);
      return rewrite != nullptr ? rewrite(plugin, run)
                                : int32_t{SW_HOOK_UNCHANGED};
    }
    throw std::logic_error(std::string("no rewrites for hook '") + kId + "'");
  });
}

const char* const kOptions[] = {nullptr};
const sw_hook_interface kHook = {sizeof(sw_hook_interface),
                                 "training idioms between PyTorch and Flax NNX + optax", kOptions,
                                 &apply};

const sw_plugin_descriptor kDescriptor = sdk::make_descriptor<TrainingHook>(
    SW_PLUGIN_KIND_HOOK, kId, "0.2.0",
    "training idioms (optimizers, backward/step, no_grad, parameters) between PyTorch and Flax "
    "NNX",
    &kHook, SW_PLUGIN_FLAG_DEFAULT_ENABLED);

}  // namespace
}  // namespace switcheroo::hooks::training

extern "C" const sw_plugin_descriptor* training_plugin_entry() {
  return &switcheroo::hooks::training::kDescriptor;
}

SWITCHEROO_PLUGIN_ENTRY(training_plugin_entry)
