// A backward/step training step written for a framework that records the loss on a gradient
// tape (its spoke maps `record_gradients`):
//
//   optimizer.zero_grad()                      with tf.GradientTape() as tape:
//   loss = loss_of(model(x), y)          ->        loss = loss_of(model(x), y)
//   loss.backward()                            grads = tape.gradient(loss,
//   model.trainable_variables) optimizer.step() optimizer.apply_gradients(zip(grads,
//   model.trainable_variables))
//
// Every spelling is the target spoke's: `record_gradients`, `tape_gradient`, `parameters`,
// `apply_gradients`.
#include "training.h"

#include <set>
#include <string>
#include <vector>

namespace switcheroo::hooks::training {
namespace {

// The statements that replace the backward pass and the step of `site`, or nullopt after a
// warning. `tape` is the recording block with the gradients taken after it, `apply` the update.
struct TapeStep {
  std::string tape, apply;
};

std::optional<TapeStep> tape_step(const TrainingHook& hook, const HookRun& run,
                                  const std::vector<Call>& calls, const StepSite& site,
                                  const std::vector<sw_node>& moved) {
  const sw_tree_service& service = run.service;
  const Call& backward = *site.backward;
  const std::vector<const Call*> model = model_calls(run, calls, moved);
  if (model.empty()) {
    warn(hook, service, run.tree, backward,
         "'" + site.loss +
             ".backward()' is left as it is: the statements before it call no one model");
    return std::nullopt;
  }
  const auto params = written(hook, run, backward, "parameters", {{"module", model[0]->callee}});
  const auto record = written(hook, run, backward, "record_gradients", nlohmann::json::object());
  if (!params || !record) return std::nullopt;
  const auto gradient = written(hook, run, backward, "tape_gradient",
                                {{"tape", "tape"}, {"target", site.loss}, {"sources", *params}});
  const auto apply =
      written(hook, run, *site.step, "apply_gradients",
              {{"optimizer", site.optimizer}, {"grads", "grads"}, {"params", *params}});
  if (!gradient || !apply) return std::nullopt;
  uint32_t line = 0, column = 0;
  service.position(run.tree, backward.statement, &line, &column);
  TapeStep step{"with " + *record + " as tape:\n", *apply};
  for (sw_node node : moved) {
    step.tape += indented(trimmed(service.text(run.tree, node)), column - 1) + "\n";
  }
  step.tape += "grads = " + *gradient;
  return step;
}

}  // namespace

int32_t step_to_tape(const TrainingHook& hook, const HookRun& run) {
  const sw_tree_service& service = run.service;
  sw_tree* tree = run.tree;
  return rewrite_steps(
      hook, run,
      [&](const std::vector<Call>& calls, const StepSite& site,
          std::set<sw_node>& removed) -> int32_t {
        const auto step = tape_step(hook, run, calls, site, site.moved());
        if (!step) return SW_HOOK_UNCHANGED;
        // The tape replaces the backward pass, so that what runs between it and the step (a clip)
        // still sees the gradients.
        const sw_node backward = site.backward->statement;
        if (service.insert_statement(tree, backward, 1, step->tape.c_str()) != SW_OK) {
          return SW_FAILED;
        }
        std::vector<sw_node> gone = site.moved();
        gone.insert(gone.end(), site.resets.begin(), site.resets.end());
        gone.push_back(backward);
        for (sw_node node : gone) {
          if (removed.insert(node).second && service.remove_statement(tree, node) != SW_OK) {
            return SW_FAILED;
          }
        }
        if (service.replace_call(tree, site.step->index, step->apply.c_str()) != SW_OK) {
          return SW_FAILED;
        }
        return SW_HOOK_CHANGED;
      });
}

}  // namespace switcheroo::hooks::training
