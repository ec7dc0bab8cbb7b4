// What the rewrites of a backward/step training step share, whichever form they write: the
// step found in its block, statements moved one level deeper, `no_grad` removed, and the choice
// of the target's form from its spoke.
#include "training.h"

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace switcheroo::hooks::training {

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

std::vector<sw_node> body_statements(const sw_tree_service& service, sw_tree* tree,
                                     sw_node compound, sw_node& block) {
  block = SW_NO_NODE;
  for (sw_node child = service.first_child(tree, compound); child != SW_NO_NODE;
       child = service.next_sibling(tree, child)) {
    if (std::string_view(service.kind(tree, child)) == "block") block = child;
  }
  return block == SW_NO_NODE ? std::vector<sw_node>{} : statements_of(service, tree, block);
}

std::optional<StepSite> step_site(const TrainingHook& hook, const HookRun& run,
                                  const std::vector<Call>& calls, const Call& backward) {
  const sw_tree_service& service = run.service;
  sw_tree* tree = run.tree;
  StepSite site;
  site.backward = &backward;
  site.loss = receiver_of(backward, method_of(run, run.source, "backward"));
  if (site.loss.empty() || backward.line != backward.original) return std::nullopt;
  const sw_node block = service.parent(tree, backward.statement);
  // The step after the backward pass in the same block, and the zero_grad before it.
  const std::string step_method = method_of(run, run.source, "optimizer_step");
  for (const Call& candidate : calls) {
    const std::string receiver = receiver_of(candidate, step_method);
    if (receiver.empty() || candidate.line != candidate.original ||
        service.parent(tree, candidate.statement) != block || candidate.index < backward.index) {
      continue;
    }
    site.step = &candidate;
    site.optimizer = receiver;
    break;
  }
  if (site.step == nullptr) {
    warn(hook, service, tree, backward,
         "'" + site.loss +
             ".backward()' is left as it is: no 'optimizer.step()' follows it in its block");
    return std::nullopt;
  }
  // The loss statements: from after the last zero_grad before backward (the block's start
  // when nothing comes between them) up to backward.
  const std::string reset = site.optimizer + "." + method_of(run, run.source, "zero_grad") + "()";
  for (sw_node node : statements_of(service, tree, block)) {
    if (node == backward.statement) break;
    if (trimmed(service.text(tree, node)) == reset) {
      site.earlier.insert(site.earlier.end(), site.loss_statements.begin(),
                          site.loss_statements.end());
      site.loss_statements.clear();
      site.resets.push_back(node);
      continue;
    }
    site.loss_statements.push_back(node);
  }
  return site;
}

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
    const std::vector<sw_node> body = body_statements(service, tree, holder, block);
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

std::vector<const Call*> model_calls(const HookRun& run, const std::vector<Call>& calls,
                                     const std::vector<sw_node>& statements) {
  std::set<std::string> defined;
  for (const sw_definition_info& item : Definitions::of(run.service, run.tree).items) {
    defined.insert(item.name);
  }
  const std::set<sw_node> inside(statements.begin(), statements.end());
  std::vector<const Call*> found;
  for (const Call& call : calls) {
    if (call.info.kind != SW_CALL_LOCAL || !inside.count(call.statement) ||
        !is_identifier(call.callee) || defined.count(call.callee)) {
      continue;
    }
    if (!found.empty() && found.front()->callee != call.callee) return {};
    found.push_back(&call);
  }
  return found;
}

int32_t rewrite_steps(const TrainingHook& hook, const HookRun& run, const StepRewrite& rewrite) {
  const sw_tree_service& service = run.service;
  sw_tree* tree = run.tree;
  const std::vector<Call> calls = calls_of(service, tree);
  const std::string backward_method = method_of(run, run.source, "backward");
  const std::string reset_method = method_of(run, run.source, "zero_grad");
  bool changed = false;
  std::set<sw_node> removed;
  for (const Call& backward : calls) {
    if (receiver_of(backward, backward_method).empty()) continue;
    const auto site = step_site(hook, run, calls, backward);
    if (!site) continue;
    if (site->moved().empty()) {
      warn(hook, service, tree, backward,
           "'" + site->loss +
               ".backward()' is left as it is: no statement computes the loss before it");
      continue;
    }
    const int32_t result = rewrite(calls, *site, removed);
    if (result == SW_FAILED) return SW_FAILED;
    changed = changed || result == SW_HOOK_CHANGED;
  }
  // zero_grad anywhere else: gradients are not accumulated in the target.
  for (const Call& call : calls) {
    if (!changed || receiver_of(call, reset_method).empty() || call.line != call.original ||
        !removed.insert(call.statement).second) {
      continue;
    }
    if (service.remove_statement(tree, call.statement) != SW_OK) return SW_FAILED;
  }
  const int32_t no_grad = remove_no_grad(hook, run, calls, removed);
  if (no_grad == SW_FAILED) return SW_FAILED;
  return changed || no_grad == SW_HOOK_CHANGED ? SW_HOOK_CHANGED : SW_HOOK_UNCHANGED;
}

int32_t step_to_target(const TrainingHook& hook, const HookRun& run) {
  const auto has = [&](const char* operation) {
    const auto api = run.knowledge.api(run.target, operation);
    return api && !api->empty();
  };
  if (has("fit_model")) return loop_to_fit(hook, run);
  if (has("record_gradients")) return step_to_tape(hook, run);
  return step_to_value_and_grad(hook, run);
}

int32_t step_from_source(const TrainingHook& hook, const HookRun& run) {
  const auto has = [&](const char* operation) {
    const auto api = run.knowledge.api(run.source, operation);
    return api && !api->empty();
  };
  if (has("fit_model")) return fit_to_loop(hook, run);
  if (has("record_gradients")) return tape_to_step(hook, run);
  return value_and_grad_to_step(hook, run);
}

}  // namespace switcheroo::hooks::training
