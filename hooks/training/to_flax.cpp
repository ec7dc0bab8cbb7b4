// PyTorch training idioms written as Flax NNX + optax ones.
#include "training.h"

#include <switcheroo/hub_call.hpp>

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace switcheroo::hooks::training {
namespace {

// ---- optimizer_wrap ----

// A gradient clip that is a statement of its own, whose returned norm is not used: its norm,
// once the statement is removed; "" when the call is no such clip.
std::optional<std::string> clip_norm(const HookRun& run, const Call& call) {
  if (call.line != call.original) return "";
  auto hub = sdk::read_hub_call(run.knowledge, run.tree, call.index, run.source);
  if (!hub || hub->operation != "clip_grad_norm" || hub->text("norm_type")) return "";
  return hub->text("max_norm").value_or("");
}

// The target's optimizer object for one optimizer call (`nnx.Optimizer(model, optax.adam(lr),
// wrt=nnx.Param)`), its transformation chained after a clip when `max_norm` is set and the
// target chains transformations (`chains`), else clipping by its own `max_norm` argument where
// the target has one (Keras's global_clipnorm, `folded` then set). Nullopt with `why`.
std::optional<std::string> functional_optimizer(const HookRun& run, sdk::HubCall hub,
                                                const std::string& max_norm, bool chains,
                                                bool& folded, std::string& why) {
  const std::string params = hub.argument_of_kind("params");
  const std::string model = model_of(run, hub.text(params).value_or(""));
  if (model.empty()) {
    why = "its parameters are not 'model.parameters()'";
    return std::nullopt;
  }
  hub.arguments.erase(params);
  std::optional<std::string> tx;
  if (!chains && !max_norm.empty()) {
    nlohmann::json clipped = hub.arguments;
    clipped["max_norm"] = max_norm;
    tx = sdk::write_hub_call(run.knowledge, run.tree, run.target, hub.operation, clipped);
    folded = folded || tx.has_value();
  }
  if (!tx) {
    tx = sdk::write_hub_call(run.knowledge, run.tree, run.target, hub.operation, hub.arguments);
  }
  if (tx && chains && !max_norm.empty()) {
    auto clip = sdk::write_hub_call(run.knowledge, run.tree, run.target, "clip_grad_norm",
                                    {{"max_norm", max_norm}});
    if (clip) {
      tx = sdk::write_hub_call(run.knowledge, run.tree, run.target, "optimizer_chain",
                               {{"transforms", {{"items", {*clip, *tx}}}}});
    }
  }
  // A framework whose optimizer object holds the model wraps the transformation in it; one whose
  // optimizers are told the parameters later (model.compile, apply_gradients) has none.
  const auto holder = run.knowledge.api(run.target, "optimizer");
  if (tx && holder) {
    tx = sdk::write_hub_call(run.knowledge, run.tree, run.target, "optimizer",
                             {{"model", model}, {"tx", *tx}});
  }
  if (!tx) why = run.knowledge.reason();
  return tx;
}

// The gradient clips between the backward pass and the step of `site` (statements of their
// own) where the target leaves clipping to this hook: it clips the gradients a step returns
// (`grads, _ = optim.clip_grad_norm(grads, max_norm)` in MLX). Each with its norm.
std::vector<std::pair<const Call*, std::string>> step_clips(const HookRun& run,
                                                            const std::vector<Call>& calls,
                                                            const StepSite& site) {
  std::vector<std::pair<const Call*, std::string>> clips;
  if (run.knowledge.operation_hook(run.target, "clip_grad_norm") != hook_id()) return clips;
  for (const Call& call : calls) {
    if (call.index <= site.backward->index || call.index >= site.step->index ||
        call.info.kind != SW_CALL_FUNCTION ||
        run.service.parent(run.tree, call.statement) !=
            run.service.parent(run.tree, site.step->statement)) {
      continue;
    }
    const auto norm = clip_norm(run, call);
    if (norm && !norm->empty()) clips.emplace_back(&call, *norm);
  }
  return clips;
}

}  // namespace

int32_t optimizer_to_optax(const TrainingHook& hook, const HookRun& run) {
  const sw_tree_service& service = run.service;
  sw_tree* tree = run.tree;
  const std::vector<Call> calls = calls_of(service, tree);
  // A clip is folded into the optimizers where the target chains transformations or gives its
  // optimizers a norm to clip to; elsewhere it stays a call of its own, converted or reported
  // by the engine.
  const bool chains = run.knowledge.api(run.target, "optimizer_chain").has_value();
  std::string max_norm;
  std::vector<const Call*> clips;
  for (const Call& call : calls) {
    const auto norm = call.info.kind == SW_CALL_FUNCTION ? clip_norm(run, call) : "";
    if (!norm || norm->empty() || (!max_norm.empty() && max_norm != *norm)) continue;
    max_norm = *norm;
    clips.push_back(&call);
  }
  bool changed = false, folded = false;
  for (const Call& call : calls) {
    if (call.info.kind != SW_CALL_FUNCTION || call.arguments.unpacked) continue;
    auto hub = sdk::read_hub_call(run.knowledge, tree, call.index, run.source);
    if (!hub || hub->kind != "optimizer" || hub->argument_of_kind("params").empty() ||
        run.knowledge.operation_hook(run.target, hub->operation) != hook_id()) {
      continue;
    }
    std::string why;
    auto text = functional_optimizer(run, *hub, max_norm, chains, folded, why);
    if (!text) {
      warn(hook, service, tree, call, "'" + call.name + "' is left as it is: " + why);
      continue;
    }
    if (service.replace_call(tree, call.index, text->c_str()) != SW_OK) return SW_FAILED;
    changed = true;
  }
  // A target that leaves clipping to this hook has no other form of it: the clip is reported.
  const bool reports = run.knowledge.operation_hook(run.target, "clip_grad_norm") == hook_id();
  for (const Call* clip : clips) {
    if (!folded && !chains) {
      if (reports) {
        warn(hook, service, tree, *clip,
             "'" + clip->callee + "' is left as it is: no optimizer of the file takes its norm");
      }
      continue;
    }
    if (service.remove_statement(tree, clip->statement) != SW_OK) return SW_FAILED;
    changed = true;
  }
  return changed ? SW_HOOK_CHANGED : SW_HOOK_UNCHANGED;
}

// ---- training_step ----

namespace {

// One backward/step training step written as a differentiated loss function and an update.
int32_t value_and_grad_step(const TrainingHook& hook, const HookRun& run,
                            const std::vector<Call>& calls, const StepSite& site,
                            std::set<sw_node>& removed) {
  const sw_tree_service& service = run.service;
  sw_tree* tree = run.tree;
  const Call& backward = *site.backward;
  // The model: what the loss statements call, by its usual name.
  const std::string model = "model";
  uint32_t line = 0, column = 0;
  service.position(tree, backward.statement, &line, &column);
  std::string body = "def loss_fn(" + model + "):\n";
  for (sw_node node : site.moved()) {
    body += indented(trimmed(service.text(tree, node)), column - 1) + "\n";
  }
  body += "    return " + site.loss + "\n";
  // The module whose parameters are differentiated, where the target names it apart from the
  // function (MLX); a target that does not refuses it.
  auto transform = sdk::write_hub_call(run.knowledge, tree, run.target, "value_and_grad",
                                       {{"fn", "loss_fn"}, {"model", model}});
  if (!transform) {
    transform = written(hook, run, backward, "value_and_grad", {{"fn", "loss_fn"}});
  }
  const auto update =
      written(hook, run, *site.step, "optimizer_step",
              {{"optimizer", site.optimizer}, {"model", model}, {"grads", "grads"}});
  if (!transform || !update) return SW_HOOK_UNCHANGED;
  body += site.loss + ", grads = " + *transform + "(" + model + ")";
  // Clips between the backward pass and the step clip the returned gradients after it.
  std::vector<sw_node> gone = site.resets;
  for (const auto& [clip, norm] : step_clips(run, calls, site)) {
    const auto clipped =
        written(hook, run, *clip, "clip_grad_norm", {{"params", "grads"}, {"max_norm", norm}});
    if (!clipped) return SW_HOOK_UNCHANGED;
    body += "\ngrads, _ = " + *clipped;
    gone.push_back(clip->statement);
  }
  if (service.insert_statement(tree, site.step->statement, 0, body.c_str()) != SW_OK) {
    return SW_FAILED;
  }
  gone.insert(gone.end(), site.moved().begin(), site.moved().end());
  gone.push_back(backward.statement);
  for (sw_node node : gone) {
    if (removed.insert(node).second && service.remove_statement(tree, node) != SW_OK) {
      return SW_FAILED;
    }
  }
  if (service.replace_call(tree, site.step->index, update->c_str()) != SW_OK) return SW_FAILED;
  // A framework that computes lazily evaluates what the update left pending (mx.eval).
  const auto pending = sdk::write_hub_call(run.knowledge, tree, run.target, "evaluate_step",
                                           {{"model", model}, {"optimizer", site.optimizer}});
  if (pending &&
      service.insert_statement(tree, site.step->statement, 1, pending->c_str()) != SW_OK) {
    return SW_FAILED;
  }
  return SW_HOOK_CHANGED;
}

}  // namespace

int32_t step_to_value_and_grad(const TrainingHook& hook, const HookRun& run) {
  return rewrite_steps(
      hook, run,
      [&](const std::vector<Call>& calls, const StepSite& site, std::set<sw_node>& removed) {
        return value_and_grad_step(hook, run, calls, site, removed);
      });
}

// ---- state_filter ----

int32_t parameters_to_state(const TrainingHook& hook, const HookRun& run) {
  const std::string method = method_of(run, run.source, "parameters");
  if (method.empty()) return SW_HOOK_UNCHANGED;
  bool changed = false;
  for (const Call& call : calls_of(run.service, run.tree)) {
    const std::string model = receiver_of(call, method);
    if (model.empty()) continue;
    auto text =
        sdk::write_hub_call(run.knowledge, run.tree, run.target, "parameters", {{"module", model}});
    if (!text) {
      warn(hook, run.service, run.tree, call,
           "'" + call.callee + "' is left as it is: " + run.knowledge.reason());
      continue;
    }
    if (run.service.replace_call(run.tree, call.index, text->c_str()) != SW_OK) return SW_FAILED;
    changed = true;
  }
  return changed ? SW_HOOK_CHANGED : SW_HOOK_UNCHANGED;
}

}  // namespace switcheroo::hooks::training
