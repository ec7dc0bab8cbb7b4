// What the training hooks share: the call sites of the file with their statements, warnings
// located at a call, and the small readers of receivers and statements both directions use.
#ifndef SWITCHEROO_HOOKS_TRAINING_H
#define SWITCHEROO_HOOKS_TRAINING_H

#include <switcheroo/hook.hpp>

#include <switcheroo/tree.h>
#include <switcheroo/sdk.hpp>
#include <switcheroo/hub_call.hpp>

#include <optional>
#include <string>
#include <vector>

namespace switcheroo::hooks::training {

// Which of the three hooks this build is (SWITCHEROO_TRAINING_HOOK).
const char* hook_id();

class TrainingHook : public OptionlessHook {
 public:
  using OptionlessHook::OptionlessHook;
};

void warn(const TrainingHook& hook, const sw_tree_service& service, const sw_tree* tree,
          const Call& call, const std::string& message);

bool is_statement(const sw_tree_service& service, const sw_tree* tree, sw_node node);

// The method name `framework`'s spoke spells hub operation `operation` with (`backward` for
// torch.Tensor.backward, `update` for flax.nnx.Optimizer.update); "" when it has none.
std::string method_of(const HookRun& run, const std::string& framework,
                      const std::string& operation);

// Hub `operation` with `arguments` written through the target's spoke; nullopt, after a
// warning at `call` saying why, when it cannot be.
std::optional<std::string> written(const TrainingHook& hook, const HookRun& run, const Call& call,
                                   const std::string& operation,
                                   const nlohmann::json& arguments);

// ---- PyTorch -> Flax NNX (to_flax.cpp) ----
int32_t optimizer_to_optax(const TrainingHook& hook, const HookRun& run);
int32_t step_to_value_and_grad(const TrainingHook& hook, const HookRun& run);
int32_t parameters_to_state(const TrainingHook& hook, const HookRun& run);

// ---- Flax NNX -> PyTorch (to_torch.cpp) ----
int32_t optimizer_to_torch(const TrainingHook& hook, const HookRun& run);
int32_t value_and_grad_to_step(const TrainingHook& hook, const HookRun& run);
int32_t state_to_parameters(const TrainingHook& hook, const HookRun& run);

}  // namespace switcheroo::hooks::training

#endif  // SWITCHEROO_HOOKS_TRAINING_H
