// Flax NNX + optax training idioms written as PyTorch ones.
#include "training.h"

#include <switcheroo/hub_call.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace switcheroo::hooks::training {
namespace {

bool ends_with(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// `nnx.Param` as written, or as the engine already rewrote it (`nn.Parameter`).
bool is_param_filter(const std::string& text) {
  return text == "Param" || text == "Parameter" || ends_with(text, ".Param") ||
         ends_with(text, ".Parameter");
}

// ---- the training steps of the file: `loss, grads = nnx.value_and_grad(f)(model, ...)` (or
// `grads = nnx.grad(f)(...)`) followed in the same block by `optimizer.update(model, grads)`.

struct GradStep {
  const Call* transform = nullptr;  // nnx.value_and_grad(f, ...)
  const Call* applied = nullptr;    // nnx.value_and_grad(f, ...)(model, ...)
  const Call* update = nullptr;     // optimizer.update(model, grads)
  bool value = false;               // value_and_grad, not grad
  bool aux = false;                 // has_aux=True
  std::string targets;              // what the gradient statement assigns, before `grads`
  std::string grads, optimizer, model, function;
  std::string problem;  // why the step stays as it is, "" when it can be rewritten
  // `grads, _ = optim.clip_grad_norm(grads, max_norm)` between the two (MLX), with the norm.
  std::vector<std::pair<const Call*, std::string>> clips;
};

// The clips of `step`'s gradients between its gradient statement and its update, each a
// statement `grads, _ = clip(grads, max_norm)` in the source's spelling.
std::vector<std::pair<const Call*, std::string>> gradient_clips(const HookRun& run,
                                                                const std::vector<Call>& calls,
                                                                const GradStep& step) {
  std::vector<std::pair<const Call*, std::string>> clips;
  const sw_node block = run.service.parent(run.tree, step.update->statement);
  for (const Call& call : calls) {
    if (call.index <= step.applied->index || call.index >= step.update->index ||
        run.service.parent(run.tree, call.statement) != block ||
        call.line != step.grads + ", _ = " + call.original) {
      continue;
    }
    const auto hub = sdk::read_hub_call(run.knowledge, run.tree, call.index, run.source);
    if (hub && hub->operation == "clip_grad_norm" && hub->text("params") == step.grads &&
        hub->text("max_norm") && !hub->text("norm_type")) {
      clips.emplace_back(&call, *hub->text("max_norm"));
    }
  }
  return clips;
}

std::vector<GradStep> grad_steps(const HookRun& run, const std::vector<Call>& calls) {
  const sw_tree_service& service = run.service;
  sw_tree* tree = run.tree;
  const std::string update_method = method_of(run, run.source, "optimizer_step");
  std::vector<GradStep> steps;
  for (const Call& transform : calls) {
    GradStep step;
    if (transform.info.kind != SW_CALL_FUNCTION) continue;
    const std::string operation = run.knowledge.call_operation(tree, transform.index, run.source);
    step.value = operation == "value_and_grad";
    if (!step.value && operation != "grad") continue;
    step.transform = &transform;
    // The transformed function applied at once, as the whole value of an assignment.
    for (const Call& call : calls) {
      if (call.statement == transform.statement && call.callee == transform.original) {
        step.applied = &call;
      }
    }
    const size_t equals = transform.line.find(" = ");
    if (step.applied == nullptr || equals == std::string::npos ||
        transform.line.substr(equals + 3) != step.applied->original) {
      continue;  // not a training step's gradient statement
    }
    const std::vector<std::string> targets = top_level_parts(transform.line.substr(0, equals));
    // Read through the source's spoke: `nnx.value_and_grad(f)`, `nn.value_and_grad(model, fn)`.
    const auto hub = sdk::read_hub_call(run.knowledge, tree, transform.index, run.source);
    const std::string reading = hub ? "" : run.knowledge.reason();
    step.aux = hub && hub->text("has_aux").value_or("False") == "True";
    step.function = hub ? hub->text("fn").value_or("") : "";
    if (step.value && targets.size() == 2) {
      step.targets = targets[0];
      step.grads = targets[1];
    } else if (!step.value && targets.size() == (step.aux ? 2u : 1u)) {
      step.grads = targets[0];
      if (step.aux) step.targets = targets[1];
    }
    if (!is_identifier(step.grads)) continue;
    // The update of the same gradients later in the block.
    const sw_node block = service.parent(tree, transform.statement);
    for (const Call& call : calls) {
      const std::string optimizer = method_receiver(call, update_method);
      if (optimizer.empty() || call.index < transform.index || call.line != call.original ||
          service.parent(tree, call.statement) != block || call.arguments.unpacked) {
        continue;
      }
      const auto& given = call.arguments.positional;
      if (given.empty() || given.size() > 2 || given.back() != step.grads) continue;
      step.update = &call;
      step.optimizer = optimizer;
      if (given.size() == 2) step.model = given.front();
      break;
    }
    if (step.update == nullptr) continue;
    const CallArguments& applied = step.applied->arguments;
    const std::string first = applied.positional.empty() ? "" : applied.positional.front();
    if (step.model.empty()) step.model = first;
    if (!hub) {
      step.problem = "it does not read as '" + operation + "' (" + reading + ")";
    } else if (step.function.empty() || transform.arguments.unpacked || applied.unpacked) {
      step.problem = "its function or arguments are not spelled out";
    } else if (hub->text("argnums").value_or("0") != "0") {
      step.problem = "it differentiates other than the first argument";
    } else if (first != step.model) {
      step.problem = "the model '" + step.model +
                     "' the optimizer updates is not the first argument of the function";
    }
    step.clips = gradient_clips(run, calls, step);
    if (step.problem.empty() && word_count(scope_text(service, tree, transform.statement),
                                           step.grads) != 2 + 2 * step.clips.size()) {
      step.problem = "'" + step.grads + "' is used for more than the update";
    }
    steps.push_back(step);
  }
  return steps;
}

// ---- optimizer_wrap ----

// The stateful optimizer for one optimizer transformation read through the source's spoke
// (`torch.optim.Adam(model.parameters(), lr=...)`), or nullopt with `why`.
std::optional<std::string> stateful_optimizer(const HookRun& run, sdk::HubCall hub,
                                              const std::string& model, std::string& why) {
  if (hub.kind != "optimizer" || hub.argument_of_kind("params").empty()) {
    why = "'" + hub.operation + "' is not an optimizer";
    return std::nullopt;
  }
  const auto lr = hub.text("lr");
  if (lr && lr->find('(') != std::string::npos) {
    why = "its learning rate is a schedule";
    return std::nullopt;
  }
  auto params =
      sdk::write_hub_call(run.knowledge, run.tree, run.target, "parameters", {{"module", model}});
  if (params) {
    hub.arguments[hub.argument_of_kind("params")] = *params;
    params = sdk::write_hub_call(run.knowledge, run.tree, run.target, hub.operation, hub.arguments);
  }
  if (!params) why = run.knowledge.reason();
  return params;
}

// The transformation an optimizer object is made with: written in its call, or assigned to a
// name before it in its scope (`assigned`, whose statement may go).
const Call* transformation_of(const HookRun& run, const std::vector<Call>& calls,
                              const Definitions& definitions, const Call& call,
                              const std::string& tx, const Call*& assigned) {
  const Call* transformation = call_written(calls, call.statement, tx);
  if (transformation != nullptr || !is_identifier(tx)) return transformation;
  const int scope = place_of(run.service, run.tree, definitions, call.statement).function;
  for (const Call& candidate : calls) {
    if (candidate.index < call.index && candidate.line == tx + " = " + candidate.original &&
        place_of(run.service, run.tree, definitions, candidate.statement).function == scope) {
      assigned = &candidate;
    }
  }
  return assigned;
}

// A chain of a gradient clip and an optimizer: the optimizer, and the clip's norm in `norm`;
// the transformation itself when it is no chain. Nullptr with `why`.
const Call* unchained(const HookRun& run, const std::vector<Call>& calls, const Call& chain,
                      std::string& norm, std::string& why) {
  auto hub = sdk::read_hub_call(run.knowledge, run.tree, chain.index, run.source);
  if (!hub || hub->operation != "optimizer_chain") return &chain;
  const Call* optimizer = nullptr;
  for (const std::string& part : chain.arguments.positional) {
    const Call* link = call_written(calls, chain.statement, part);
    auto read = link != nullptr
                    ? sdk::read_hub_call(run.knowledge, run.tree, link->index, run.source)
                    : std::nullopt;
    if (read && read->operation == "clip_grad_norm" && read->text("max_norm") &&
        link->arguments.count() == 1) {
      norm = *read->text("max_norm");
    } else if (link != nullptr && optimizer == nullptr) {
      optimizer = link;
    } else {
      why = "'" + part + "' in its chain has no " + run.target + " form";
      return nullptr;
    }
  }
  if (optimizer == nullptr || !chain.arguments.keywords.empty()) {
    why = "its chain is not a clip and an optimizer";
    return nullptr;
  }
  return optimizer;
}

// Where gradient clips go, each with the model whose parameters it clips: before
// `optimizer.update(model, grads)` of a gradient statement, or, when training_step has already
// run, before `optimizer.step()` after `loss.backward()`.
std::vector<std::pair<sw_node, std::string>> clip_points(const TrainingHook& hook,
                                                         const HookRun& run,
                                                         const std::vector<Call>& calls) {
  const sw_tree_service& service = run.service;
  sw_tree* tree = run.tree;
  std::vector<std::pair<sw_node, std::string>> before;
  for (const GradStep& step : grad_steps(run, calls)) {
    if (step.problem.empty()) before.emplace_back(step.update->statement, step.model);
  }
  const std::string backward_method = method_of(run, run.target, "backward");
  const std::string step_method = method_of(run, run.target, "optimizer_step");
  for (const Call& backward : calls) {
    if (receiver_of(backward, backward_method).empty() || backward.line != backward.original) {
      continue;
    }
    const sw_node block = service.parent(tree, backward.statement);
    const Call* loss = nullptr;
    for (const Call& call : calls) {
      if (call.index < backward.index && service.parent(tree, call.statement) == block &&
          call.line == receiver_of(backward, backward_method) + " = " + call.original) {
        loss = &call;
      }
    }
    for (const Call& step : calls) {
      if (step.index < backward.index || receiver_of(step, step_method).empty() ||
          step.line != step.original || service.parent(tree, step.statement) != block) {
        continue;
      }
      if (loss == nullptr || loss->arguments.positional.empty()) {
        warn(hook, service, tree, backward,
             "no gradient clip is added before this step: the model it trains is not the "
             "first argument of what computes '" +
                 receiver_of(backward, backward_method) + "'");
      } else {
        before.emplace_back(step.statement, loss->arguments.positional.front());
      }
      break;
    }
  }
  return before;
}

// A gradient clip to `max_norm` inserted at each clip point.
int32_t add_gradient_clips(const TrainingHook& hook, const HookRun& run,
                           const std::vector<Call>& calls, const std::string& max_norm) {
  const sw_tree_service& service = run.service;
  sw_tree* tree = run.tree;
  for (const auto& [statement, model] : clip_points(hook, run, calls)) {
    auto params =
        sdk::write_hub_call(run.knowledge, tree, run.target, "parameters", {{"module", model}});
    auto clip = params ? sdk::write_hub_call(run.knowledge, tree, run.target, "clip_grad_norm",
                                             {{"params", *params}, {"max_norm", max_norm}})
                       : std::nullopt;
    if (!clip) return SW_FAILED;
    if (service.insert_statement(tree, statement, 0, clip->c_str()) != SW_OK) return SW_FAILED;
  }
  return SW_OK;
}

// The statement right after an update that computes what it left pending, where the source
// computes lazily (`mx.eval(model.parameters(), optimizer.state)`): nullptr when there is none.
const Call* evaluation_after(const HookRun& run, const std::vector<Call>& calls,
                             const Call& update) {
  const std::vector<sw_node> block =
      statements_of(run.service, run.tree, run.service.parent(run.tree, update.statement));
  auto at = std::find(block.begin(), block.end(), update.statement);
  if (at == block.end() || ++at == block.end()) return nullptr;
  for (const Call& call : calls) {
    if (call.statement == *at && call.line == call.original &&
        run.knowledge.call_operation(run.tree, call.index, run.source).rfind("evaluate_step", 0) ==
            0) {
      return &call;
    }
  }
  return nullptr;
}

}  // namespace

int32_t optimizer_to_torch(const TrainingHook& hook, const HookRun& run) {
  // Optimizers that hold no model (compiled with one instead) have no `optimizer` spelling.
  if (!run.knowledge.api(run.source, "optimizer")) return compiled_optimizers_to_torch(hook, run);
  const sw_tree_service& service = run.service;
  sw_tree* tree = run.tree;
  const std::vector<Call> calls = calls_of(service, tree);
  const Definitions definitions = Definitions::of(service, tree);
  std::string max_norm;
  bool changed = false;
  std::set<sw_node> removed;
  for (const Call& call : calls) {
    if (call.info.kind != SW_CALL_FUNCTION) continue;
    auto made = sdk::read_hub_call(run.knowledge, tree, call.index, run.source);
    if (!made || made->operation != "optimizer") continue;
    const std::string model = made->text("model").value_or("");
    const std::string tx = made->text("tx").value_or("");
    const auto wrt = made->text("wrt");
    std::string why;
    const Call* assigned = nullptr;
    const Call* transformation = transformation_of(run, calls, definitions, call, tx, assigned);
    if (call.arguments.unpacked || !is_identifier(model)) {
      why = "its arguments are not spelled out";
    } else if (wrt && !is_param_filter(*wrt)) {
      why = "it updates more than the parameters ('wrt=" + *wrt + "')";
    } else if (transformation == nullptr) {
      why = "its transformation is not written in this function";
    }
    std::string norm;
    const Call* optimizer =
        why.empty() ? unchained(run, calls, *transformation, norm, why) : nullptr;
    std::optional<std::string> text;
    if (optimizer != nullptr) {
      auto hub = sdk::read_hub_call(run.knowledge, tree, optimizer->index, run.source);
      if (hub) {
        text = stateful_optimizer(run, *hub, model, why);
      } else {
        why = run.knowledge.reason();
      }
    }
    if (!text) {
      warn(hook, service, tree, call, "'" + call.callee + "' is left as it is: " + why);
      continue;
    }
    if (!norm.empty() && max_norm.empty()) max_norm = norm;
    if (service.replace_call(tree, call.index, text->c_str()) != SW_OK) return SW_FAILED;
    if (assigned != nullptr && word_count(scope_text(service, tree, call.statement), tx) == 2 &&
        removed.insert(assigned->statement).second &&
        service.remove_statement(tree, assigned->statement) != SW_OK) {
      return SW_FAILED;
    }
    changed = true;
  }
  if (!max_norm.empty() && add_gradient_clips(hook, run, calls, max_norm) != SW_OK) {
    return SW_FAILED;
  }
  return changed ? SW_HOOK_CHANGED : SW_HOOK_UNCHANGED;
}

// ---- training_step ----

int32_t value_and_grad_to_step(const TrainingHook& hook, const HookRun& run) {
  const sw_tree_service& service = run.service;
  sw_tree* tree = run.tree;
  const std::vector<Call> calls = calls_of(service, tree);
  bool changed = false;
  for (const GradStep& step : grad_steps(run, calls)) {
    std::string problem = step.problem;
    // What the function returns, and the loss among it.
    std::string assigned = step.targets, loss = step.targets;
    if (step.aux && step.value) {
      std::string inner = step.targets;
      if (inner.size() > 2 && inner.front() == '(' && inner.back() == ')') {
        inner = inner.substr(1, inner.size() - 2);
      }
      const std::vector<std::string> parts = top_level_parts(inner);
      assigned = inner;
      loss = parts.size() == 2 ? parts[0] : "";
    } else if (step.aux) {
      loss = "loss";
      assigned = loss + ", " + step.targets;
      if (word_count(scope_text(service, tree, step.transform->statement), loss) != 0) {
        problem = problem.empty() ? "'loss' already names something else" : problem;
      }
    }
    if (problem.empty() && step.value && !is_identifier(loss)) {
      problem = "its loss '" + step.targets + "' is not a name";
    }
    if (!problem.empty()) {
      warn(hook, service, tree, *step.transform,
           "'" + step.transform->callee + "' is left as it is: " + problem);
      continue;
    }
    const std::string applied =
        operand(step.function) + step.applied->original.substr(step.applied->callee.size());
    const auto reset =
        written(hook, run, *step.update, "zero_grad", {{"optimizer", step.optimizer}});
    const auto backward =
        written(hook, run, *step.transform, "backward", {{"loss", loss.empty() ? applied : loss}});
    const auto update =
        written(hook, run, *step.update, "optimizer_step", {{"optimizer", step.optimizer}});
    if (!reset || !backward || !update) continue;
    std::string text = *reset + "\n";
    text += loss.empty() ? *backward : assigned + " = " + applied + "\n" + *backward;
    if (service.insert_statement(tree, step.transform->statement, 1, text.c_str()) != SW_OK ||
        service.remove_statement(tree, step.transform->statement) != SW_OK) {
      return SW_FAILED;
    }
    if (service.replace_call(tree, step.update->index, update->c_str()) != SW_OK) return SW_FAILED;
    for (const auto& [clip, norm] : step.clips) {
      const auto params = written(hook, run, *clip, "parameters", {{"module", step.model}});
      const auto clipped = params ? written(hook, run, *clip, "clip_grad_norm",
                                            {{"params", *params}, {"max_norm", norm}})
                                  : std::nullopt;
      if (!clipped) return SW_FAILED;
      if (service.insert_statement(tree, clip->statement, 1, clipped->c_str()) != SW_OK ||
          service.remove_statement(tree, clip->statement) != SW_OK) {
        return SW_FAILED;
      }
    }
    const Call* evaluation = evaluation_after(run, calls, *step.update);
    if (evaluation != nullptr && service.remove_statement(tree, evaluation->statement) != SW_OK) {
      return SW_FAILED;
    }
    changed = true;
  }
  return changed ? SW_HOOK_CHANGED : SW_HOOK_UNCHANGED;
}

// ---- state_filter ----

int32_t state_to_parameters(const TrainingHook&, const HookRun& run) {
  bool changed = false;
  for (const Call& call : calls_of(run.service, run.tree)) {
    const auto& given = call.arguments.positional;
    if (call.info.kind != SW_CALL_FUNCTION || given.size() != 2 ||
        !call.arguments.keywords.empty() || !is_param_filter(given[1]) ||
        !is_identifier(given[0]) ||
        run.knowledge.call_operation(run.tree, call.index, run.source) != "parameters") {
      continue;
    }
    auto text = sdk::write_hub_call(run.knowledge, run.tree, run.target, "parameters",
                                    {{"module", given[0]}});
    if (!text) continue;
    if (run.service.replace_call(run.tree, call.index, text->c_str()) != SW_OK) return SW_FAILED;
    changed = true;
  }
  return changed ? SW_HOOK_CHANGED : SW_HOOK_UNCHANGED;
}

}  // namespace switcheroo::hooks::training
