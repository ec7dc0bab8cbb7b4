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

bool is_statement(const sw_tree_service& service, const sw_tree* tree, sw_node node) {
  const std::string_view kind = service.kind(tree, node);
  return kind != "NEWLINE" && kind != "INDENT" && kind != "DEDENT";
}

namespace {

bool from_torch(const std::string& framework) {
  return framework == "torch" || framework == "pytorch";
}
bool from_flax(const std::string& framework) {
  return framework == "flax" || framework == "jax" || framework == "flax_nnx";
}

using Rewrite = int32_t (*)(const TrainingHook&, const sw_tree_service&, sw_tree*);
struct Rewrites {
  const char* id;
  Rewrite to_flax, to_torch;
};
constexpr Rewrites kRewrites[] = {
    {"optimizer_wrap", &optimizer_to_optax, &optimizer_to_torch},
    {"training_step", &step_to_value_and_grad, &value_and_grad_to_step},
    {"state_filter", &parameters_to_state, &state_to_parameters},
};

int32_t apply(void* instance, sw_tree* tree, const sw_hook_context* context) noexcept {
  auto& plugin = *static_cast<TrainingHook*>(instance);
  const std::string source = context->source_framework;
  const std::string target = context->target_framework;
  const bool to_flax = from_torch(source) && from_flax(target);
  const bool to_torch = from_flax(source) && from_torch(target);
  if (!to_flax && !to_torch) return SW_HOOK_UNCHANGED;
  const auto* service = plugin.host.find<sw_tree_service>(SW_SERVICE_TREE, 1);
  if (service == nullptr) return SW_FAILED;
  try {
    for (const Rewrites& rewrites : kRewrites) {
      if (std::string_view(rewrites.id) != kId) continue;
      return (to_flax ? rewrites.to_flax : rewrites.to_torch)(plugin, *service, tree);
    }
    return SW_FAILED;
  } catch (...) {
    return SW_FAILED;  // nothing may cross the plugin boundary
  }
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
