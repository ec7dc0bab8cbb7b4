// PyTorch training idioms written as Flax NNX + optax ones.
#include "training.h"

#include <switcheroo/hub_call.hpp>

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace switcheroo::hooks::training {
namespace {

// The module whose parameters an argument names: `model.parameters()`, the source's spelling
// of the hub's `parameters` as a method.
std::string model_of(const HookRun& run, const std::string& params) {
  const std::string method = method_of(run, run.source, "parameters");
  if (method.empty()) return "";
  const std::string suffix = "." + method + "()";
  if (params.size() > suffix.size() &&
      params.compare(params.size() - suffix.size(), suffix.size(), suffix) == 0) {
    return params.substr(0, params.size() - suffix.size());
  }
  return "";
}

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
// wrt=nnx.Param)`), its transformation chained after a clip when `max_norm` is set; nullopt
// with `why`.
std::optional<std::string> functional_optimizer(const HookRun& run, sdk::HubCall hub,
                                                const std::string& max_norm, std::string& why) {
  const std::string params = hub.argument_of_kind("params");
  const std::string model = model_of(run, hub.text(params).value_or(""));
  if (model.empty()) {
    why = "its parameters are not 'model.parameters()'";
    return std::nullopt;
  }
  hub.arguments.erase(params);
  auto tx = sdk::write_hub_call(run.knowledge, run.tree, run.target, hub.operation, hub.arguments);
  if (tx && !max_norm.empty()) {
    auto clip = sdk::write_hub_call(run.knowledge, run.tree, run.target, "clip_grad_norm",
                                    {{"max_norm", max_norm}});
    if (clip) {
      tx = sdk::write_hub_call(run.knowledge, run.tree, run.target, "optimizer_chain",
                               {{"transforms", {{"items", {*clip, *tx}}}}});
    }
  }
  if (tx) {
    tx = sdk::write_hub_call(run.knowledge, run.tree, run.target, "optimizer",
                             {{"model", model}, {"tx", *tx}});
  }
  if (!tx) why = run.knowledge.reason();
  return tx;
}

}  // namespace

int32_t optimizer_to_optax(const TrainingHook& hook, const HookRun& run) {
  const sw_tree_service& service = run.service;
  sw_tree* tree = run.tree;
  const std::vector<Call> calls = calls_of(service, tree);
  std::string max_norm;
  bool changed = false;
  for (const Call& call : calls) {
    const auto norm = call.info.kind == SW_CALL_FUNCTION ? clip_norm(run, call) : "";
    if (!norm || norm->empty() || (!max_norm.empty() && max_norm != *norm)) continue;
    max_norm = *norm;
    if (service.remove_statement(tree, call.statement) != SW_OK) return SW_FAILED;
    changed = true;
  }
  for (const Call& call : calls) {
    if (call.info.kind != SW_CALL_FUNCTION || call.arguments.unpacked) continue;
    auto hub = sdk::read_hub_call(run.knowledge, tree, call.index, run.source);
    if (!hub || hub->kind != "optimizer" || hub->argument_of_kind("params").empty() ||
        run.knowledge.operation_hook(run.target, hub->operation) != hook_id()) {
      continue;
    }
    std::string why;
    auto text = functional_optimizer(run, *hub, max_norm, why);
    if (!text) {
      warn(hook, service, tree, call, "'" + call.name + "' is left as it is: " + why);
      continue;
    }
    if (service.replace_call(tree, call.index, text->c_str()) != SW_OK) return SW_FAILED;
    changed = true;
  }
  return changed ? SW_HOOK_CHANGED : SW_HOOK_UNCHANGED;
}

// ---- training_step ----

namespace {

// A statement's text one level deeper (its continuation lines lose `indent` columns first).
std::string indented(const std::string& text, uint32_t indent) {
  std::string out = "    ";
  for (size_t i = 0; i < text.size(); ++i) {
    out += text[i];
    if (text[i] != '\n') continue;
    size_t skip = 0;
    while (skip < indent && i + 1 + skip < text.size() && text[i + 1 + skip] == ' ') ++skip;
    i += skip;
    out += "    ";
  }
  return out;
}

// The body of `with torch.no_grad():` `columns` to the left, or "" when a line of it (a
// continuation line, a string) sits left of the body's indentation.
std::string dedented(const std::string& body, uint32_t columns) {
  std::string out;
  size_t at = body.find('\n');
  if (at == std::string::npos) return "";
  for (++at; at < body.size();) {
    size_t end = body.find('\n', at);
    if (end == std::string::npos) end = body.size();
    const std::string line = body.substr(at, end - at);
    if (line.find_first_not_of(" \t\r") == std::string::npos) {
      out += "\n";
    } else if (line.compare(0, columns, std::string(columns, ' ')) != 0) {
      return "";
    } else {
      out += line.substr(columns) + "\n";
    }
    at = end + 1;
  }
  while (out.size() > 1 && out[out.size() - 2] == '\n') out.pop_back();
  return out;
}

// `with torch.no_grad():` -> its body; `@torch.no_grad()` -> removed. JAX differentiates only
// what is given to nnx.value_and_grad / jax.grad. SW_HOOK_CHANGED, SW_HOOK_UNCHANGED or
// SW_FAILED.
int32_t remove_no_grad(const TrainingHook& hook, const HookRun& run, const std::vector<Call>& calls,
                       std::set<sw_node>& removed) {
  const sw_tree_service& service = run.service;
  sw_tree* tree = run.tree;
  const Definitions definitions = Definitions::of(service, tree);
  int32_t result = SW_HOOK_UNCHANGED;
  for (const Call& call : calls) {
    if (call.info.kind != SW_CALL_FUNCTION || call.info.argument_count != 0 ||
        run.knowledge.call_operation(tree, call.index, run.source) != "no_grad") {
      continue;
    }
    const sw_node holder = service.parent(tree, service.parent(tree, call.info.trailer));
    const std::string_view kind = service.kind(tree, holder);
    if (kind == "decorator") {
      for (size_t index = 0; index < definitions.items.size(); ++index) {
        for (uint32_t which = 0; which < definitions.items[index].decorator_count; ++which) {
          if (service.decorator(tree, static_cast<uint32_t>(index), which) != holder) continue;
          if (service.remove_decorator(tree, static_cast<uint32_t>(index), which) != SW_OK) {
            return SW_FAILED;
          }
          result = SW_HOOK_CHANGED;
        }
      }
      continue;
    }
    const std::string header = call.line.substr(0, call.line.find('\n'));
    if (kind != "with_stmt" || header != "with " + call.original + ":" || removed.count(holder)) {
      warn(hook, service, tree, call,
           "'" + call.original + "' is left as it is: only 'with " + call.original +
               ":' alone on its line, or a decorator, is removed");
      continue;
    }
    sw_node block = SW_NO_NODE;
    for (sw_node child = service.first_child(tree, holder); child != SW_NO_NODE;
         child = service.next_sibling(tree, child)) {
      if (std::string_view(service.kind(tree, child)) == "block") block = child;
    }
    const std::vector<sw_node> body =
        block == SW_NO_NODE ? std::vector<sw_node>{} : statements_of(service, tree, block);
    if (body.empty()) continue;
    uint32_t line = 0, with_column = 0, body_column = 0;
    service.position(tree, holder, &line, &with_column);
    service.position(tree, body.front(), &line, &body_column);
    const std::string text =
        dedented(text_of(service.text(tree, block)), body_column - with_column);
    if (text.empty()) {
      warn(hook, service, tree, call,
           "'with " + call.original +
               ":' is left as it is: a line of its body is indented less than the body");
      continue;
    }
    if (service.insert_statement(tree, holder, 1, text.c_str()) != SW_OK ||
        service.remove_statement(tree, holder) != SW_OK) {
      return SW_FAILED;
    }
    removed.insert(holder);
    result = SW_HOOK_CHANGED;
  }
  return result;
}

}  // namespace

int32_t step_to_value_and_grad(const TrainingHook& hook, const HookRun& run) {
  const sw_tree_service& service = run.service;
  sw_tree* tree = run.tree;
  const std::vector<Call> calls = calls_of(service, tree);
  const std::string backward_method = method_of(run, run.source, "backward");
  const std::string step_method = method_of(run, run.source, "optimizer_step");
  const std::string reset_method = method_of(run, run.source, "zero_grad");
  bool changed = false;
  std::set<sw_node> removed;
  for (const Call& backward : calls) {
    const std::string loss = receiver_of(backward, backward_method);
    if (loss.empty() || backward.line != backward.original) continue;
    const sw_node block = service.parent(tree, backward.statement);
    // The step after the backward pass in the same block, and the zero_grad before it.
    const Call* step = nullptr;
    std::string optimizer;
    for (const Call& candidate : calls) {
      const std::string receiver = receiver_of(candidate, step_method);
      if (receiver.empty() || candidate.line != candidate.original ||
          service.parent(tree, candidate.statement) != block || candidate.index < backward.index) {
        continue;
      }
      step = &candidate;
      optimizer = receiver;
      break;
    }
    if (step == nullptr) {
      warn(hook, service, tree, backward,
           "'" + loss +
               ".backward()' is left as it is: no 'optimizer.step()' follows it in its block");
      continue;
    }
    // The loss statements: from after the last zero_grad before backward (the block's start
    // when nothing comes between them) up to backward.
    std::vector<sw_node> moved, before_reset;
    for (sw_node node = service.first_child(tree, block); node != SW_NO_NODE;
         node = service.next_sibling(tree, node)) {
      if (!is_statement(service, tree, node)) continue;
      if (node == backward.statement) break;
      if (trimmed(service.text(tree, node)) == optimizer + "." + reset_method + "()") {
        before_reset.insert(before_reset.end(), moved.begin(), moved.end());
        moved.clear();
        if (removed.insert(node).second && service.remove_statement(tree, node) != SW_OK) {
          return SW_FAILED;
        }
        continue;
      }
      moved.push_back(node);
    }
    if (moved.empty()) moved = before_reset;
    if (moved.empty()) {
      warn(hook, service, tree, backward,
           "'" + loss + ".backward()' is left as it is: no statement computes the loss before it");
      continue;
    }
    // The model: what the loss statements call, by its usual name, else the first parameter.
    std::string model = "model";
    uint32_t line = 0, column = 0;
    service.position(tree, backward.statement, &line, &column);
    std::string body = "def loss_fn(" + model + "):\n";
    for (sw_node node : moved) {
      body += indented(trimmed(service.text(tree, node)), column - 1) + "\n";
    }
    body += "    return " + loss + "\n";
    const auto transform = written(hook, run, backward, "value_and_grad", {{"fn", "loss_fn"}});
    const auto update = written(hook, run, *step, "optimizer_step",
                                {{"optimizer", optimizer}, {"model", model}, {"grads", "grads"}});
    if (!transform || !update) continue;
    body += loss + ", grads = " + *transform + "(" + model + ")";
    if (service.insert_statement(tree, step->statement, 0, body.c_str()) != SW_OK) return SW_FAILED;
    for (sw_node node : moved) {
      if (removed.insert(node).second && service.remove_statement(tree, node) != SW_OK) {
        return SW_FAILED;
      }
    }
    if (service.remove_statement(tree, backward.statement) != SW_OK) return SW_FAILED;
    removed.insert(backward.statement);
    if (service.replace_call(tree, step->index, update->c_str()) != SW_OK) return SW_FAILED;
    changed = true;
  }
  // zero_grad anywhere else: gradients are returned, not accumulated.
  for (const Call& call : calls) {
    if (!changed || receiver_of(call, reset_method).empty() || call.line != call.original ||
        !removed.insert(call.statement).second) {
      continue;
    }
    if (service.remove_statement(tree, call.statement) != SW_OK) return SW_FAILED;
  }
  const int32_t no_grad = remove_no_grad(hook, run, calls, removed);
  if (no_grad == SW_FAILED) return SW_FAILED;
  if (no_grad == SW_HOOK_CHANGED) changed = true;
  return changed ? SW_HOOK_CHANGED : SW_HOOK_UNCHANGED;
}

// ---- state_filter ----

int32_t parameters_to_state(const TrainingHook& hook, const HookRun& run) {
  const std::string method = method_of(run, run.source, "parameters");
  if (method.empty()) return SW_HOOK_UNCHANGED;
  bool changed = false;
  for (const Call& call : calls_of(run.service, run.tree)) {
    const std::string model = receiver_of(call, method);
    if (model.empty()) continue;
    auto text = sdk::write_hub_call(run.knowledge, run.tree, run.target, "parameters",
                                    {{"module", model}});
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
