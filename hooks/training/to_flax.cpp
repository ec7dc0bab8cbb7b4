// PyTorch training idioms written as Flax NNX + optax ones.
#include "training.h"

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace switcheroo::hooks::training {
namespace {

// The module whose parameters an argument names: `model.parameters()`.
std::string model_of(const std::string& params) {
  const std::string suffix = ".parameters()";
  if (params.size() > suffix.size() &&
      params.compare(params.size() - suffix.size(), suffix.size(), suffix) == 0) {
    return params.substr(0, params.size() - suffix.size());
  }
  return "";
}

// ---- optimizer_wrap ----

struct Optimizer {
  const char* torch;
  const char* optax;
  const char* lr;  // PyTorch's default learning rate
  // PyTorch keyword -> optax keyword; "betas" splits into b1 and b2.
  std::vector<std::pair<const char*, const char*>> keywords;
  // optax keywords whose default differs from PyTorch's, with PyTorch's value, written when the
  // call does not give them (the PyTorch keyword is the second of the pair in `keywords`).
  std::vector<std::pair<const char*, const char*>> defaults;
  const char* always = "";  // appended as it is
};

const std::vector<Optimizer>& optimizers() {
  static const std::vector<Optimizer> table = {
      {"torch.optim.Adam", "optax.adam", "0.001", {{"betas", "betas"}, {"eps", "eps"}}, {}},
      {"torch.optim.AdamW",
       "optax.adamw",
       "0.001",
       {{"betas", "betas"}, {"eps", "eps"}, {"weight_decay", "weight_decay"}},
       {{"weight_decay", "0.01"}}},
      {"torch.optim.SGD",
       "optax.sgd",
       "0.001",
       {{"momentum", "momentum"}, {"nesterov", "nesterov"}},
       {}},
      // PyTorch adds eps outside the square root, optax (by default) inside.
      {"torch.optim.RMSprop",
       "optax.rmsprop",
       "0.01",
       {{"alpha", "decay"}, {"eps", "eps"}, {"momentum", "momentum"}, {"centered", "centered"}},
       {{"decay", "0.99"}, {"eps", "1e-08"}},
       ", eps_in_sqrt=False"},
      {"torch.optim.Adagrad",
       "optax.adagrad",
       "0.01",
       {{"eps", "eps"}, {"initial_accumulator_value", "initial_accumulator_value"}},
       {{"initial_accumulator_value", "0.0"}, {"eps", "1e-10"}}},
  };
  return table;
}

// The optax transformation of one optimizer call; empty when an argument has no optax form.
std::string transformation(const Optimizer& optimizer, const CallArguments& arguments) {
  if (arguments.positional.size() > 2) return "";
  std::string text =
      std::string(optimizer.optax) + "(" + arguments.get("lr", 1).value_or(optimizer.lr);
  std::set<std::string> given;
  for (const auto& [keyword, value] : arguments.keywords) {
    if (keyword == "lr" || keyword == "params") continue;
    const char* written = nullptr;
    for (const auto& [torch_name, optax_name] : optimizer.keywords) {
      if (keyword == torch_name) written = optax_name;
    }
    if (written == nullptr) return "";  // no optax argument: left as it was
    if (std::string_view(written) == "betas") {
      const std::vector<std::string> betas =
          value.size() > 2 && value.front() == '(' && value.back() == ')'
              ? top_level_parts(value.substr(1, value.size() - 2))
              : std::vector<std::string>{};
      if (betas.size() != 2) return "";
      text += ", b1=" + betas[0] + ", b2=" + betas[1];
      continue;
    }
    if (std::string_view(written) == "momentum" && (value == "0" || value == "0.0")) continue;
    given.insert(written);
    text += ", " + std::string(written) + "=" + value;
  }
  for (const auto& [name, value] : optimizer.defaults) {
    if (!given.count(name)) text += ", " + std::string(name) + "=" + value;
  }
  return text + optimizer.always + ")";
}

}  // namespace

int32_t optimizer_to_optax(const TrainingHook& hook, const sw_tree_service& service,
                           sw_tree* tree) {
  const std::vector<Call> calls = calls_of(service, tree);
  std::string max_norm;
  bool changed = false;
  for (const Call& call : calls) {
    if (call.info.kind != SW_CALL_FUNCTION || call.name != "torch.nn.utils.clip_grad_norm_" ||
        call.line != call.original) {
      continue;  // only a clip whose returned norm is not used
    }
    auto norm = call.arguments.get("max_norm", 1);
    auto type = call.arguments.get("norm_type", 2);
    if (!norm || (type && *type != "2" && *type != "2.0")) continue;
    if (!max_norm.empty() && max_norm != *norm) continue;
    max_norm = *norm;
    if (service.remove_statement(tree, call.statement) != SW_OK) return SW_FAILED;
    changed = true;
  }
  for (const Call& call : calls) {
    if (call.info.kind != SW_CALL_FUNCTION || call.arguments.unpacked) continue;
    for (const Optimizer& optimizer : optimizers()) {
      if (call.name != optimizer.torch) continue;
      const std::string model = model_of(call.arguments.get("params", 0).value_or(""));
      std::string tx = transformation(optimizer, call.arguments);
      if (model.empty() || tx.empty()) {
        warn(hook, service, tree, call,
             "'" + call.name + "' is left as it is: " +
                 (model.empty() ? "its parameters are not 'model.parameters()'"
                                : "an argument has no optax form"));
        continue;
      }
      if (!max_norm.empty())
        tx = "optax.chain(optax.clip_by_global_norm(" + max_norm + "), " + tx + ")";
      const std::string text = "nnx.Optimizer(" + model + ", " + tx + ", wrt=nnx.Param)";
      if (service.replace_call(tree, call.index, text.c_str()) != SW_OK) return SW_FAILED;
      changed = true;
    }
  }
  if (!changed) return SW_HOOK_UNCHANGED;
  if (service.add_import(tree, "import optax") != SW_OK ||
      service.add_import(tree, "from flax import nnx") != SW_OK) {
    return SW_FAILED;
  }
  return SW_HOOK_CHANGED;
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
int32_t remove_no_grad(const TrainingHook& hook, const sw_tree_service& service, sw_tree* tree,
                       const std::vector<Call>& calls, std::set<sw_node>& removed) {
  const Definitions definitions = Definitions::of(service, tree);
  int32_t result = SW_HOOK_UNCHANGED;
  for (const Call& call : calls) {
    if (call.info.kind != SW_CALL_FUNCTION || call.name != "torch.no_grad" ||
        call.info.argument_count != 0) {
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

int32_t step_to_value_and_grad(const TrainingHook& hook, const sw_tree_service& service,
                               sw_tree* tree) {
  const std::vector<Call> calls = calls_of(service, tree);
  bool changed = false;
  std::set<sw_node> removed;
  for (const Call& backward : calls) {
    const std::string loss = receiver_of(backward, "backward");
    if (loss.empty() || backward.line != backward.original) continue;
    const sw_node block = service.parent(tree, backward.statement);
    // The step after the backward pass in the same block, and the zero_grad before it.
    const Call* step = nullptr;
    std::string optimizer;
    for (const Call& candidate : calls) {
      const std::string receiver = receiver_of(candidate, "step");
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
      if (trimmed(service.text(tree, node)) == optimizer + ".zero_grad()") {
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
    body += loss + ", grads = nnx.value_and_grad(loss_fn)(" + model + ")";
    if (service.insert_statement(tree, step->statement, 0, body.c_str()) != SW_OK) return SW_FAILED;
    for (sw_node node : moved) {
      if (removed.insert(node).second && service.remove_statement(tree, node) != SW_OK) {
        return SW_FAILED;
      }
    }
    if (service.remove_statement(tree, backward.statement) != SW_OK) return SW_FAILED;
    removed.insert(backward.statement);
    const std::string update = optimizer + ".update(" + model + ", grads)";
    if (service.replace_call(tree, step->index, update.c_str()) != SW_OK) return SW_FAILED;
    changed = true;
  }
  // zero_grad anywhere else: gradients are returned, not accumulated.
  for (const Call& call : calls) {
    if (!changed || receiver_of(call, "zero_grad").empty() || call.line != call.original ||
        !removed.insert(call.statement).second) {
      continue;
    }
    if (service.remove_statement(tree, call.statement) != SW_OK) return SW_FAILED;
  }
  const bool stepped = changed;
  const int32_t no_grad = remove_no_grad(hook, service, tree, calls, removed);
  if (no_grad == SW_FAILED) return SW_FAILED;
  if (no_grad == SW_HOOK_CHANGED) changed = true;
  if (!changed) return SW_HOOK_UNCHANGED;
  if (stepped && service.add_import(tree, "from flax import nnx") != SW_OK) return SW_FAILED;
  return SW_HOOK_CHANGED;
}

// ---- state_filter ----

int32_t parameters_to_state(const TrainingHook&, const sw_tree_service& service, sw_tree* tree) {
  bool changed = false;
  for (const Call& call : calls_of(service, tree)) {
    const std::string model = receiver_of(call, "parameters");
    if (model.empty()) continue;
    const std::string text = "nnx.state(" + model + ", nnx.Param)";
    if (service.replace_call(tree, call.index, text.c_str()) != SW_OK) return SW_FAILED;
    changed = true;
  }
  if (!changed) return SW_HOOK_UNCHANGED;
  if (service.add_import(tree, "from flax import nnx") != SW_OK) return SW_FAILED;
  return SW_HOOK_CHANGED;
}

}  // namespace switcheroo::hooks::training
