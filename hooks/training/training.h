// What the training hooks share: the call sites of the file with their statements, warnings
// located at a call, and the small readers of receivers and statements both directions use.
#ifndef SWITCHEROO_HOOKS_TRAINING_H
#define SWITCHEROO_HOOKS_TRAINING_H

#include <switcheroo/hook.hpp>

#include <switcheroo/tree.h>
#include <switcheroo/hub_call.hpp>
#include <switcheroo/sdk.hpp>

#include <functional>
#include <optional>
#include <set>
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

// The method name `framework`'s spoke spells hub operation `operation` with (`backward` for
// torch.Tensor.backward, `update` for flax.nnx.Optimizer.update); "" when it has none.
std::string method_of(const HookRun& run, const std::string& framework,
                      const std::string& operation);

// The module whose parameters `params` names: `model.parameters()`, the source's spelling of
// the hub's `parameters` (a method), or the target's where the engine has written it already
// (`model.trainable_variables`, a property); "" when it names none.
std::string model_of(const HookRun& run, const std::string& params);

// Hub `operation` with `arguments` written through the target's spoke; nullopt, after a
// warning at `call` saying why, when it cannot be.
std::optional<std::string> written(const TrainingHook& hook, const HookRun& run, const Call& call,
                                   const std::string& operation, const nlohmann::json& arguments);

// A statement's text one level deeper (its continuation lines lose `indent` columns first).
std::string indented(const std::string& text, uint32_t indent);

// A block's body (the text after its first line break) `columns` to the left; "" when a line
// of it (a continuation line, a string) sits left of the body's indentation.
std::string dedented(const std::string& body, uint32_t columns);

// The statements of compound statement `compound` (a `with`), its block node in `block`;
// empty, and `block` SW_NO_NODE, when it has none.
std::vector<sw_node> body_statements(const sw_tree_service& service, sw_tree* tree,
                                     sw_node compound, sw_node& block);

// A training step of the source in one block: `O.zero_grad()`, the statements that compute
// the loss, `L.backward()`, `O.step()`.
struct StepSite {
  const Call* backward = nullptr;
  const Call* step = nullptr;
  std::string loss, optimizer;
  std::vector<sw_node> loss_statements;  // after the last reset before backward
  std::vector<sw_node> resets;           // `O.zero_grad()` statements before backward
  std::vector<sw_node> earlier;          // statements before the last reset

  // The statements that compute the loss: those after the last reset, else those before it.
  const std::vector<sw_node>& moved() const {
    return loss_statements.empty() ? earlier : loss_statements;
  }
};

// One rewrite of a step: SW_HOOK_CHANGED, SW_HOOK_UNCHANGED (left, after a warning) or
// SW_FAILED. Statements it removes go into `removed`.
using StepRewrite = std::function<int32_t(const std::vector<Call>& calls, const StepSite& site,
                                          std::set<sw_node>& removed)>;

// `rewrite` applied to each training step of the file that has loss statements (the others
// are reported); then, when any changed, every other `O.zero_grad()` statement is removed, and
// `no_grad` blocks and decorators are (remove_no_grad).
int32_t rewrite_steps(const TrainingHook& hook, const HookRun& run, const StepRewrite& rewrite);

// The step whose backward pass is `backward`; nullopt, after a warning, when no step follows
// it in its block.
std::optional<StepSite> step_site(const TrainingHook& hook, const HookRun& run,
                                  const std::vector<Call>& calls, const Call& backward);

// The calls of the model in `statements`: each call of the one plain name there that the file
// does not define (a function or class of the file is not the model); empty when there is no
// such name or several.
std::vector<const Call*> model_calls(const HookRun& run, const std::vector<Call>& calls,
                                     const std::vector<sw_node>& statements);

// `with torch.no_grad():` -> its body and `@torch.no_grad()` -> removed, towards a framework
// that differentiates only what it is asked to. SW_HOOK_CHANGED, SW_HOOK_UNCHANGED or
// SW_FAILED.
int32_t remove_no_grad(const TrainingHook& hook, const HookRun& run, const std::vector<Call>& calls,
                       std::set<sw_node>& removed);

// Backward/step training towards the target's form of it, which its spoke says: a loop
// becomes compile + fit where it maps `fit_model`, a step records on a tape where it maps
// `record_gradients`, else it differentiates a loss function (`value_and_grad`).
int32_t step_to_target(const TrainingHook& hook, const HookRun& run);

// Backward/step training from the source's form of it: compile + fit where its spoke maps
// `fit_model`, a tape where it maps `record_gradients`, else value_and_grad.
int32_t step_from_source(const TrainingHook& hook, const HookRun& run);

// ---- from compile + fit (from_fit.cpp) ----
int32_t fit_to_loop(const TrainingHook& hook, const HookRun& run);
// Optimizers made without parameters and given to compile: the compiled model's parameters.
int32_t compiled_optimizers_to_torch(const TrainingHook& hook, const HookRun& run);

// ---- towards compile + fit (to_fit.cpp) and a gradient tape (to_tape.cpp) ----
int32_t loop_to_fit(const TrainingHook& hook, const HookRun& run);
int32_t step_to_tape(const TrainingHook& hook, const HookRun& run);
// ---- from a gradient tape (from_tape.cpp) ----
int32_t tape_to_step(const TrainingHook& hook, const HookRun& run);

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
