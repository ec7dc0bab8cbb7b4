// Training idioms between PyTorch and Flax NNX. One set of sources, three plugins (the knowledge
// base names three hooks); SWITCHEROO_TRAINING_HOOK picks which one this build is:
//
// optimizer_wrap:  torch.optim.Adam(model.parameters(), lr=1e-3)
//                    <-> nnx.Optimizer(model, optax.adam(1e-3), wrt=nnx.Param)
//                  torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0) before the step
//                    <-> optax.chain(optax.clip_by_global_norm(1.0), optax.adam(...))
// training_step:   optimizer.zero_grad(); <loss statements>; loss.backward(); optimizer.step()
//                    <-> def loss_fn(model): <loss statements>; return loss
//                        loss, grads = nnx.value_and_grad(loss_fn)(model)
//                        optimizer.update(model, grads)
//                  with torch.no_grad(): <body>  -> <body>
// state_filter:    model.parameters() <-> nnx.state(model, nnx.Param)
//
// to_flax.cpp writes Flax NNX from PyTorch, to_torch.cpp PyTorch from Flax NNX.
#include "training.h"

#include <cctype>
#include <string_view>
#include <utility>

namespace switcheroo::hooks::training {

#define SW_STRINGIFY2(x) #x
#define SW_STRINGIFY(x) SW_STRINGIFY2(x)
namespace {
constexpr const char* kId = SW_STRINGIFY(SWITCHEROO_TRAINING_HOOK);
}  // namespace

const char* hook_id() {
  return kId;
}

TrainingHook::TrainingHook(const sdk::InitContext& context) : host(context.host) {
  if (std::string_view(context.options_json) != "{}") {
    throw sdk::PluginError("it takes no options, but the manifest gives " +
                           std::string(context.options_json));
  }
}

std::vector<Call> calls_of(const sw_tree_service& service, sw_tree* tree) {
  std::vector<Call> calls;
  for (uint32_t index = 0; index < service.call_count(tree); ++index) {
    Call call{index, {}, {}, {}, {}, {}, 0, {}};
    call.info.struct_size = sizeof(call.info);
    if (service.call(tree, index, &call.info) != SW_OK) break;
    call.name = call.info.name;
    call.callee = text_of(call.info.callee);
    call.original = call.callee + text_of(service.text(tree, call.info.trailer));
    call.arguments = call_arguments(service, tree, index, call.info.argument_count);
    call.statement = service.statement_of(tree, call.info.trailer);
    call.line = trimmed(service.text(tree, call.statement));
    calls.push_back(std::move(call));
  }
  return calls;
}

void warn(const TrainingHook& hook, const sw_tree_service& service, const sw_tree* tree,
          const Call& call, const std::string& message) {
  hook.host.report(sdk::Severity::warning, service.file(tree), call.info.line, call.info.column,
                   message, hook_id());
}

std::string method_receiver(const Call& call, const std::string& method) {
  const std::string suffix = "." + method;
  if (call.info.kind != SW_CALL_METHOD || call.name != method ||
      call.callee.size() <= suffix.size() ||
      call.callee.compare(call.callee.size() - suffix.size(), suffix.size(), suffix) != 0) {
    return "";
  }
  const std::string receiver = call.callee.substr(0, call.callee.size() - suffix.size());
  return is_identifier(receiver) ? receiver : "";
}

std::string receiver_of(const Call& call, const std::string& method) {
  return call.info.argument_count == 0 ? method_receiver(call, method) : "";
}

bool is_statement(const sw_tree_service& service, const sw_tree* tree, sw_node node) {
  const std::string_view kind = service.kind(tree, node);
  return kind != "NEWLINE" && kind != "INDENT" && kind != "DEDENT";
}

size_t word_count(const std::string& text, const std::string& name) {
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  size_t count = 0;
  for (size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
    const size_t end = at + name.size();
    if ((at == 0 || !word(text[at - 1])) && (end == text.size() || !word(text[end]))) ++count;
  }
  return count;
}

std::string scope_text(const sw_tree_service& service, const sw_tree* tree, sw_node node) {
  for (sw_node at = service.parent(tree, node); at != SW_NO_NODE; at = service.parent(tree, at)) {
    if (std::string_view(service.kind(tree, at)) == "function_def") {
      return text_of(service.text(tree, at));
    }
  }
  return text_of(service.text(tree, service.root(tree)));
}

std::vector<std::string> top_level_parts(const std::string& text) {
  std::vector<std::string> parts;
  int depth = 0;
  std::string part;
  auto flush = [&] {
    const size_t begin = part.find_first_not_of(" \t");
    const size_t end = part.find_last_not_of(" \t");
    parts.push_back(begin == std::string::npos ? std::string()
                                               : part.substr(begin, end - begin + 1));
    part.clear();
  };
  for (char c : text) {
    if (c == '(' || c == '[' || c == '{') ++depth;
    if (c == ')' || c == ']' || c == '}') --depth;
    if (c == ',' && depth == 0) {
      flush();
      continue;
    }
    part += c;
  }
  flush();
  return parts;
}

const Call* call_written(const std::vector<Call>& calls, sw_node statement,
                         const std::string& text) {
  for (const Call& call : calls) {
    if (call.statement == statement && call.original == text) return &call;
  }
  return nullptr;
}

namespace {

bool from_torch(const std::string& framework) {
  return framework == "torch" || framework == "pytorch";
}
bool from_flax(const std::string& framework) {
  return framework == "flax" || framework == "jax" || framework == "flax_nnx";
}

using Rewrite = int32_t (*)(const TrainingHook&, const sw_tree_service&, sw_tree*);
struct Rewrites {
  const char* id;
  Rewrite to_flax, to_torch;
};
constexpr Rewrites kRewrites[] = {
    {"optimizer_wrap", &optimizer_to_optax, &optimizer_to_torch},
    {"training_step", &step_to_value_and_grad, &value_and_grad_to_step},
    {"state_filter", &parameters_to_state, &state_to_parameters},
};

int32_t apply(void* instance, sw_tree* tree, const sw_hook_context* context) noexcept {
  auto& plugin = *static_cast<TrainingHook*>(instance);
  const std::string source = context->source_framework;
  const std::string target = context->target_framework;
  const bool to_flax = from_torch(source) && from_flax(target);
  const bool to_torch = from_flax(source) && from_torch(target);
  if (!to_flax && !to_torch) return SW_HOOK_UNCHANGED;
  const auto* service = plugin.host.find<sw_tree_service>(SW_SERVICE_TREE, 1);
  if (service == nullptr) return SW_FAILED;
  try {
    for (const Rewrites& rewrites : kRewrites) {
      if (std::string_view(rewrites.id) != kId) continue;
      return (to_flax ? rewrites.to_flax : rewrites.to_torch)(plugin, *service, tree);
    }
    return SW_FAILED;
  } catch (...) {
    return SW_FAILED;  // nothing may cross the plugin boundary
  }
}

const char* const kOptions[] = {nullptr};
const sw_hook_interface kHook = {sizeof(sw_hook_interface),
                                 "training idioms between PyTorch and Flax NNX + optax", kOptions,
                                 &apply};

const sw_plugin_descriptor kDescriptor = sdk::make_descriptor<TrainingHook>(
    SW_PLUGIN_KIND_HOOK, kId, "0.2.0",
    "training idioms (optimizers, backward/step, no_grad, parameters) between PyTorch and Flax "
    "NNX",
    &kHook, SW_PLUGIN_FLAG_DEFAULT_ENABLED);

}  // namespace
}  // namespace switcheroo::hooks::training

extern "C" const sw_plugin_descriptor* training_plugin_entry() {
  return &switcheroo::hooks::training::kDescriptor;
}

SWITCHEROO_PLUGIN_ENTRY(training_plugin_entry)
