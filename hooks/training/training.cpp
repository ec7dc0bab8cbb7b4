// Training idioms, PyTorch -> Flax NNX. One source, three plugins (the knowledge base names
// three hooks); SWITCHEROO_TRAINING_HOOK picks which one this build is:
//
// optimizer_wrap:  torch.optim.Adam(model.parameters(), lr=1e-3)
//                    -> nnx.Optimizer(model, optax.adam(1e-3), wrt=nnx.Param)
//                  torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)   (a statement)
//                    -> removed, and the file's optimizers become
//                       optax.chain(optax.clip_by_global_norm(1.0), optax.adam(...))
// training_step:   optimizer.zero_grad(); <loss statements>; loss.backward(); optimizer.step()
//                    -> def loss_fn(model): <loss statements>; return loss
//                       loss, grads = nnx.value_and_grad(loss_fn)(model)
//                       optimizer.update(model, grads)
// state_filter:    model.parameters() -> nnx.state(model, nnx.Param)
#include "../common/hook_support.h"

#include <switcheroo/tree.h>
#include <switcheroo/sdk.hpp>

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using switcheroo::hooks::CallArguments;
using switcheroo::hooks::text_of;
using switcheroo::hooks::trimmed;
using switcheroo::sdk::InitContext;

#define SW_STRINGIFY2(x) #x
#define SW_STRINGIFY(x) SW_STRINGIFY2(x)
constexpr const char* kId = SW_STRINGIFY(SWITCHEROO_TRAINING_HOOK);

class TrainingHook {
 public:
  explicit TrainingHook(const InitContext& context) : host(context.host) {
    if (std::string_view(context.options_json) != "{}") {
      throw switcheroo::sdk::PluginError("it takes no options, but the manifest gives " +
                                         std::string(context.options_json));
    }
  }
  switcheroo::sdk::Host host;
};

struct Call {
  uint32_t index;
  sw_call_info info;
  std::string name, callee, original;
  CallArguments arguments;
  sw_node statement;
  std::string line;  // the statement's text, without its line break
};

std::vector<Call> calls_of(const sw_tree_service& service, sw_tree* tree) {
  std::vector<Call> calls;
  for (uint32_t index = 0; index < service.call_count(tree); ++index) {
    Call call{index, {}, {}, {}, {}, {}, 0, {}};
    call.info.struct_size = sizeof(call.info);
    if (service.call(tree, index, &call.info) != SW_OK) break;
    call.name = call.info.name;
    call.callee = text_of(call.info.callee);
    call.original = call.callee + text_of(service.text(tree, call.info.trailer));
    call.arguments =
        switcheroo::hooks::call_arguments(service, tree, index, call.info.argument_count);
    call.statement = service.statement_of(tree, call.info.trailer);
    call.line = trimmed(service.text(tree, call.statement));
    calls.push_back(std::move(call));
  }
  return calls;
}

void warn(const TrainingHook& hook, const sw_tree_service& service, const sw_tree* tree,
          const Call& call, const std::string& message) {
  hook.host.report(switcheroo::sdk::Severity::warning, service.file(tree), call.info.line,
                   call.info.column, message, kId);
}

// `receiver.method()` with no arguments: the receiver when it is a plain name, else "".
std::string receiver_of(const Call& call, const std::string& method) {
  const std::string suffix = "." + method;
  if (call.info.kind != SW_CALL_METHOD || call.name != method || call.info.argument_count != 0 ||
      call.callee.size() <= suffix.size() ||
      call.callee.compare(call.callee.size() - suffix.size(), suffix.size(), suffix) != 0) {
    return "";
  }
  const std::string receiver = call.callee.substr(0, call.callee.size() - suffix.size());
  return switcheroo::hooks::is_identifier(receiver) ? receiver : "";
}

// The module whose parameters an argument names: `model.parameters()` or
// `nnx.state(model, nnx.Param)`.
std::string model_of(const std::string& params) {
  const std::string suffix = ".parameters()";
  if (params.size() > suffix.size() &&
      params.compare(params.size() - suffix.size(), suffix.size(), suffix) == 0) {
    return params.substr(0, params.size() - suffix.size());
  }
  return "";
}

bool applies(const sw_hook_context* context) {
  const std::string source = context->source_framework;
  const std::string target = context->target_framework;
  return (source == "torch" || source == "pytorch") &&
         (target == "flax" || target == "jax" || target == "flax_nnx");
}

// ---- optimizer_wrap ----

struct Optimizer {
  const char* torch;
  const char* optax;
  const char* lr;  // PyTorch's default learning rate
};
constexpr Optimizer kOptimizers[] = {
    {"torch.optim.Adam", "optax.adam", "0.001"},
    {"torch.optim.AdamW", "optax.adamw", "0.001"},
    {"torch.optim.SGD", "optax.sgd", "0.001"},
    {"torch.optim.RMSprop", "optax.rmsprop", "0.01"},
    {"torch.optim.Adagrad", "optax.adagrad", "0.01"},
};

// The optax transformation of one optimizer call; empty when an argument has no optax form.
std::string transformation(const Optimizer& optimizer, const CallArguments& arguments) {
  std::string text =
      std::string(optimizer.optax) + "(" + arguments.get("lr", 1).value_or(optimizer.lr);
  const std::string name = optimizer.torch;
  for (const auto& [keyword, value] : arguments.keywords) {
    if (keyword == "lr" || keyword == "params") continue;
    if (keyword == "betas" && (name == "torch.optim.Adam" || name == "torch.optim.AdamW") &&
        value.size() > 2 && value.front() == '(' && value.back() == ')') {
      const std::string inner = value.substr(1, value.size() - 2);
      const size_t comma = inner.find(',');
      if (comma == std::string::npos) return "";
      const size_t start = inner.find_first_not_of(' ', comma + 1);
      text += ", b1=" + inner.substr(0, comma) + ", b2=" + inner.substr(start);
    } else if (keyword == "eps" && name != "torch.optim.SGD") {
      text += ", eps=" + value;
    } else if (keyword == "momentum" && name == "torch.optim.SGD") {
      text += ", momentum=" + value;
    } else if (keyword == "weight_decay" && name == "torch.optim.AdamW") {
      text += ", weight_decay=" + value;
    } else {
      return "";  // no optax argument: left as it was
    }
  }
  if (arguments.positional.size() > 2) return "";
  return text + ")";
}

int32_t optimizer_wrap(const TrainingHook& hook, const sw_tree_service& service, sw_tree* tree) {
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
    for (const Optimizer& optimizer : kOptimizers) {
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

bool is_statement(const sw_tree_service& service, const sw_tree* tree, sw_node node) {
  const std::string_view kind = service.kind(tree, node);
  return kind != "NEWLINE" && kind != "INDENT" && kind != "DEDENT";
}

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

int32_t training_step(const TrainingHook& hook, const sw_tree_service& service, sw_tree* tree) {
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
  if (!changed) return SW_HOOK_UNCHANGED;
  if (service.add_import(tree, "from flax import nnx") != SW_OK) return SW_FAILED;
  return SW_HOOK_CHANGED;
}

// ---- state_filter ----

int32_t state_filter(const TrainingHook&, const sw_tree_service& service, sw_tree* tree) {
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

using Rewrite = int32_t (*)(const TrainingHook&, const sw_tree_service&, sw_tree*);
constexpr std::pair<const char*, Rewrite> kRewrites[] = {
    {"optimizer_wrap", &optimizer_wrap},
    {"training_step", &training_step},
    {"state_filter", &state_filter},
};

int32_t apply(void* instance, sw_tree* tree, const sw_hook_context* context) noexcept {
  auto& plugin = *static_cast<TrainingHook*>(instance);
  if (!applies(context)) return SW_HOOK_UNCHANGED;
  const auto* service = plugin.host.find<sw_tree_service>(SW_SERVICE_TREE, 1);
  if (service == nullptr) return SW_FAILED;
  try {
    for (const auto& [id, rewrite] : kRewrites) {
      if (std::string_view(id) == kId) return rewrite(plugin, *service, tree);
    }
    return SW_FAILED;
  } catch (...) {
    return SW_FAILED;  // nothing may cross the plugin boundary
  }
}

const char* const kOptions[] = {nullptr};
const sw_hook_interface kHook = {sizeof(sw_hook_interface),
                                 "PyTorch training idioms as Flax NNX + optax ones", kOptions,
                                 &apply};

const sw_plugin_descriptor kDescriptor = switcheroo::sdk::make_descriptor<TrainingHook>(
    SW_PLUGIN_KIND_HOOK, kId, "0.1.0",
    "training idioms (optimizers, backward/step, parameters) from PyTorch to Flax NNX", &kHook,
    SW_PLUGIN_FLAG_DEFAULT_ENABLED);

}  // namespace

extern "C" const sw_plugin_descriptor* training_plugin_entry() {
  return &kDescriptor;
}

SWITCHEROO_PLUGIN_ENTRY(training_plugin_entry)
