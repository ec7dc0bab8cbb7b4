// Flax NNX + optax training idioms written as PyTorch ones.
#include "training.h"

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

bool is_zero(const std::string& text) {
  return text == "0" || text == "0.0" || text == "0.";
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
};

// nnx.value_and_grad(f, argnums, has_aux) and nothing else.
bool only_known_arguments(const CallArguments& arguments) {
  if (arguments.positional.size() > 3) return false;
  for (const auto& [keyword, value] : arguments.keywords) {
    if (keyword != "f" && keyword != "argnums" && keyword != "has_aux") return false;
  }
  return true;
}

std::vector<GradStep> grad_steps(const sw_tree_service& service, sw_tree* tree,
                                 const std::vector<Call>& calls) {
  std::vector<GradStep> steps;
  for (const Call& transform : calls) {
    GradStep step;
    step.value = transform.name == "flax.nnx.value_and_grad";
    if (transform.info.kind != SW_CALL_FUNCTION ||
        (!step.value && transform.name != "flax.nnx.grad")) {
      continue;
    }
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
    const CallArguments& arguments = transform.arguments;
    step.aux = arguments.get("has_aux", 2).value_or("False") == "True";
    step.function = arguments.get("f", 0).value_or("");
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
      const std::string optimizer = method_receiver(call, "update");
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
    if (step.function.empty() || arguments.unpacked || applied.unpacked) {
      step.problem = "its function or arguments are not spelled out";
    } else if (arguments.get("argnums", 1).value_or("0") != "0") {
      step.problem = "it differentiates other than the first argument";
    } else if (!only_known_arguments(arguments)) {
      step.problem = "an argument of '" + transform.callee + "' has no PyTorch form";
    } else if (first != step.model) {
      step.problem = "the model '" + step.model +
                     "' the optimizer updates is not the first argument of the function";
    } else if (word_count(scope_text(service, tree, transform.statement), step.grads) != 2) {
      step.problem = "'" + step.grads + "' is used for more than the update";
    }
    steps.push_back(step);
  }
  return steps;
}

// ---- optimizer_wrap ----

struct Transformation {
  const char* optax;
  const char* torch;
  std::vector<const char*> parameters;  // optax's, in order
};

const std::vector<Transformation>& transformations() {
  static const std::vector<Transformation> table = {
      {"optax.adam",
       "torch.optim.Adam",
       {"learning_rate", "b1", "b2", "eps", "eps_root", "mu_dtype", "nesterov"}},
      {"optax.adamw",
       "torch.optim.AdamW",
       {"learning_rate", "b1", "b2", "eps", "eps_root", "mu_dtype", "weight_decay", "mask",
        "nesterov"}},
      {"optax.sgd",
       "torch.optim.SGD",
       {"learning_rate", "momentum", "nesterov", "accumulator_dtype"}},
  };
  return table;
}

// `torch.optim.X(model.parameters(), ...)` for one optax optimizer call, or nullopt with `why`.
std::optional<std::string> torch_optimizer(const Call& call, const std::string& model,
                                           std::string& why) {
  const Transformation* found = nullptr;
  for (const Transformation& candidate : transformations()) {
    if (call.name == candidate.optax) found = &candidate;
  }
  if (found == nullptr) {
    why = "'" + call.name + "' has no PyTorch optimizer here";
    return std::nullopt;
  }
  std::map<std::string, std::string> given;
  const CallArguments& arguments = call.arguments;
  if (arguments.unpacked || arguments.positional.size() > found->parameters.size()) {
    why = "the arguments of '" + call.name + "' are not spelled out";
    return std::nullopt;
  }
  for (size_t i = 0; i < arguments.positional.size(); ++i) {
    given[found->parameters[i]] = arguments.positional[i];
  }
  for (const auto& [keyword, value] : arguments.keywords) given[keyword] = value;
  auto take = [&](const char* name) -> std::optional<std::string> {
    auto at = given.find(name);
    if (at == given.end()) return std::nullopt;
    std::string value = at->second;
    given.erase(at);
    return value;
  };
  const auto lr = take("learning_rate");
  if (!lr || lr->find('(') != std::string::npos) {
    why = lr ? "its learning rate is a schedule" : "it has no learning rate";
    return std::nullopt;
  }
  std::string text = std::string(found->torch) + "(" + model + ".parameters(), lr=" + *lr;
  const auto b1 = take("b1");
  const auto b2 = take("b2");
  if (b1 || b2) text += ", betas=(" + b1.value_or("0.9") + ", " + b2.value_or("0.999") + ")";
  if (const auto eps = take("eps")) text += ", eps=" + *eps;
  if (const auto momentum = take("momentum"); momentum && *momentum != "None") {
    text += ", momentum=" + *momentum;
  }
  if (found->torch == std::string_view("torch.optim.SGD")) {
    if (const auto nesterov = take("nesterov")) text += ", nesterov=" + *nesterov;
  }
  if (found->torch == std::string_view("torch.optim.AdamW")) {
    // optax's default decay is 1e-4, PyTorch's 1e-2.
    text += ", weight_decay=" + take("weight_decay").value_or("0.0001");
  }
  // What PyTorch does anyway.
  for (const char* neutral : {"eps_root", "mu_dtype", "accumulator_dtype", "mask", "nesterov"}) {
    auto at = given.find(neutral);
    if (at == given.end()) continue;
    const std::string& value = at->second;
    if (value == "None" || value == "False" ||
        (neutral == std::string_view("eps_root") && is_zero(value))) {
      given.erase(at);
    }
  }
  if (!given.empty()) {
    why = "'" + given.begin()->first + "' of '" + call.name + "' has no PyTorch form";
    return std::nullopt;
  }
  return text + ")";
}

}  // namespace

int32_t optimizer_to_torch(const TrainingHook& hook, const sw_tree_service& service,
                           sw_tree* tree) {
  const std::vector<Call> calls = calls_of(service, tree);
  const Definitions definitions = Definitions::of(service, tree);
  std::string max_norm;
  bool changed = false;
  std::set<sw_node> removed;
  for (const Call& call : calls) {
    if (call.info.kind != SW_CALL_FUNCTION || call.name != "flax.nnx.Optimizer") continue;
    const std::string model = call.arguments.get("model", 0).value_or("");
    const std::string tx = call.arguments.get("tx", 1).value_or("");
    const auto wrt = call.arguments.get("wrt", 2);
    std::string why;
    // The transformation: written in the call, or assigned to a name before it in its scope.
    const Call* transformation = call_written(calls, call.statement, tx);
    const Call* assigned = nullptr;
    if (transformation == nullptr && is_identifier(tx)) {
      const int scope = place_of(service, tree, definitions, call.statement).function;
      for (const Call& candidate : calls) {
        if (candidate.index < call.index && candidate.line == tx + " = " + candidate.original &&
            place_of(service, tree, definitions, candidate.statement).function == scope) {
          assigned = &candidate;
        }
      }
      transformation = assigned;
    }
    if (call.arguments.unpacked || !is_identifier(model) || call.arguments.count() > 3) {
      why = "its arguments are not spelled out";
    } else if (wrt && !is_param_filter(*wrt)) {
      why = "it updates more than the parameters ('wrt=" + *wrt + "')";
    } else if (transformation == nullptr) {
      why = "its optax transformation is not written in this function";
    }
    // optax.chain(optax.clip_by_global_norm(n), optimizer): the clip goes before every step.
    const Call* optimizer = transformation;
    std::string norm;
    if (why.empty() && transformation->name == "optax.chain") {
      optimizer = nullptr;
      for (const std::string& part : transformation->arguments.positional) {
        const Call* link = call_written(calls, transformation->statement, part);
        if (link != nullptr && link->name == "optax.clip_by_global_norm" &&
            link->arguments.count() == 1) {
          norm = *link->arguments.get("max_norm", 0);
        } else if (link != nullptr && optimizer == nullptr) {
          optimizer = link;
        } else {
          why = "'" + part + "' in its optax.chain has no PyTorch form";
        }
      }
      if (why.empty() && (optimizer == nullptr || !transformation->arguments.keywords.empty())) {
        why = "its optax.chain is not a clip and an optimizer";
      }
    }
    std::optional<std::string> text;
    if (why.empty()) text = torch_optimizer(*optimizer, model, why);
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
  if (!max_norm.empty()) {
    // Before each step: `optimizer.update(model, grads)` of a gradient statement, or, when
    // training_step has already run, `optimizer.step()` after `loss.backward()`.
    std::vector<std::pair<sw_node, std::string>> before;
    for (const GradStep& step : grad_steps(service, tree, calls)) {
      if (step.problem.empty()) before.emplace_back(step.update->statement, step.model);
    }
    for (const Call& backward : calls) {
      if (receiver_of(backward, "backward").empty() || backward.line != backward.original) {
        continue;
      }
      const sw_node block = service.parent(tree, backward.statement);
      const Call* loss = nullptr;
      for (const Call& call : calls) {
        if (call.index < backward.index && service.parent(tree, call.statement) == block &&
            call.line == receiver_of(backward, "backward") + " = " + call.original) {
          loss = &call;
        }
      }
      for (const Call& step : calls) {
        if (step.index < backward.index || receiver_of(step, "step").empty() ||
            step.line != step.original || service.parent(tree, step.statement) != block) {
          continue;
        }
        if (loss == nullptr || loss->arguments.positional.empty()) {
          warn(hook, service, tree, backward,
               "no gradient clip is added before this step: the model it trains is not the "
               "first argument of what computes '" +
                   receiver_of(backward, "backward") + "'");
        } else {
          before.emplace_back(step.statement, loss->arguments.positional.front());
        }
        break;
      }
    }
    for (const auto& [statement, model] : before) {
      const std::string clip =
          "torch.nn.utils.clip_grad_norm_(" + model + ".parameters(), " + max_norm + ")";
      if (service.insert_statement(tree, statement, 0, clip.c_str()) != SW_OK) return SW_FAILED;
    }
  }
  if (!changed) return SW_HOOK_UNCHANGED;
  if (service.add_import(tree, "import torch") != SW_OK) return SW_FAILED;
  return SW_HOOK_CHANGED;
}

// ---- training_step ----

int32_t value_and_grad_to_step(const TrainingHook& hook, const sw_tree_service& service,
                               sw_tree* tree) {
  const std::vector<Call> calls = calls_of(service, tree);
  bool changed = false;
  for (const GradStep& step : grad_steps(service, tree, calls)) {
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
    std::string text = step.optimizer + ".zero_grad()\n";
    if (loss.empty()) {
      text += applied + ".backward()";
    } else {
      text += assigned + " = " + applied + "\n" + loss + ".backward()";
    }
    if (service.insert_statement(tree, step.transform->statement, 1, text.c_str()) != SW_OK ||
        service.remove_statement(tree, step.transform->statement) != SW_OK) {
      return SW_FAILED;
    }
    const std::string update = step.optimizer + ".step()";
    if (service.replace_call(tree, step.update->index, update.c_str()) != SW_OK) return SW_FAILED;
    changed = true;
  }
  return changed ? SW_HOOK_CHANGED : SW_HOOK_UNCHANGED;
}

// ---- state_filter ----

int32_t state_to_parameters(const TrainingHook&, const sw_tree_service& service, sw_tree* tree) {
  bool changed = false;
  for (const Call& call : calls_of(service, tree)) {
    const auto& given = call.arguments.positional;
    if (call.info.kind != SW_CALL_FUNCTION || call.name != "flax.nnx.state" || given.size() != 2 ||
        !call.arguments.keywords.empty() || !is_param_filter(given[1]) ||
        !is_identifier(given[0])) {
      continue;
    }
    const std::string text = given[0] + ".parameters()";
    if (service.replace_call(tree, call.index, text.c_str()) != SW_OK) return SW_FAILED;
    changed = true;
  }
  return changed ? SW_HOOK_CHANGED : SW_HOOK_UNCHANGED;
}

}  // namespace switcheroo::hooks::training
