// initializer: PyTorch's in-place parameter initializers (torch.nn.init.*_) as assignments to
// the Flax NNX parameters they fill, with the parameter's Flax name.
//
//   for m in self.modules():                        for _, m in self.iter_modules():
//       if isinstance(m, nnx.Conv):                     if isinstance(m, nnx.Conv):
//           nn.init.kaiming_normal_(m.weight,   ->          m.kernel.value =
//           nnx.initializers.variance_scaling(
//               mode="fan_out", nonlinearity="relu")            2.0, "fan_out",
//               "normal")(rngs.params(), m.kernel.value.shape)
//       elif isinstance(m, nnx.BatchNorm):              elif isinstance(m, nnx.BatchNorm):
//           nn.init.constant_(m.weight, 1)                  m.scale.value =
//           jnp.full_like(m.scale.value, 1)
//
// Runs after the conversion engine, which leaves these calls to it, on files converted from
// PyTorch to Flax NNX. Which layer a tensor belongs to (weight is `kernel` in nnx.Linear and
// nnx.Conv, `scale` in the norms, `embedding` in nnx.Embed) comes from the `isinstance` test of
// the enclosing if/elif, or from the `self.<name> = nnx.<Layer>(...)` assignment of the class.
// Random initializers draw from `rngs.params()`, so they need `rngs` in the function. The fans
// of variance_scaling are those of the Flax kernel (inputs on axis -2, outputs on -1), which
// are PyTorch's fans of the same layer. to_torch.cpp reads what this writes back.
#include "initializer.h"

#include <switcheroo/tree.h>
#include <switcheroo/sdk.hpp>

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace switcheroo::hooks::initializer {

namespace {

// `gain ** 2`, computed when the gain is a number.
std::string squared(const std::string& gain) {
  if (const auto value = number(gain)) return written(*value * *value);
  return operand(gain) + " ** 2";
}

// The variance scale (squared gain) of torch.nn.init.calculate_gain(nonlinearity, a); empty
// when the nonlinearity is not a known literal.
std::string kaiming_scale(const std::string& nonlinearity, const std::string& slope) {
  const std::string name = unquoted(nonlinearity);
  if (name == "relu") return "2.0";
  if (name == "leaky_relu") {
    if (const auto a = number(slope)) return written(2.0 / (1.0 + *a * *a));
    return "2 / (1 + " + operand(slope) + " ** 2)";
  }
  if (name == "linear" || name == "sigmoid" || name.rfind("conv", 0) == 0) return "1.0";
  if (name == "tanh") return "25 / 9";
  if (name == "selu") return "9 / 16";
  return "";
}

// ---- where a tensor's layer class comes from ----

// `nnx.Conv` -> "Conv" when the class is in the module of the target's module base class
// (`flax.nnx`, written `flax.nnx` or `nnx`); "" otherwise.
std::string layer_class(const std::string& text, const std::string& layer_module) {
  const size_t dot = text.rfind('.');
  if (dot == std::string::npos || layer_module.empty()) return "";
  const std::string module = text.substr(0, dot);
  const size_t last = layer_module.rfind('.');
  const std::string alias =
      last == std::string::npos ? layer_module : layer_module.substr(last + 1);
  if (module != alias && module != layer_module) return "";
  return text.substr(dot + 1);
}

// The classes `isinstance(name, ...)` tests in `test`, or empty.
std::vector<std::string> isinstance_classes(const std::string& test, const std::string& name) {
  const std::string head = "isinstance(" + name + ",";
  const size_t at = test.find(head);
  if (at == std::string::npos || (at > 0 && test[at - 1] != ' ' && test[at - 1] != '(')) {
    return {};
  }
  int depth = 1;
  size_t end = at + head.size();
  for (; end < test.size() && depth > 0; ++end) {
    if (test[end] == '(' || test[end] == '[') ++depth;
    if (test[end] == ')' || test[end] == ']') --depth;
  }
  std::string classes = test.substr(at + head.size(), end - 1 - at - head.size());
  const size_t first = classes.find_first_not_of(" \n");
  const size_t last = classes.find_last_not_of(" \n,");
  if (first == std::string::npos) return {};
  classes = classes.substr(first, last - first + 1);
  if (classes.front() == '(' && classes.back() == ')') {
    classes = classes.substr(1, classes.size() - 2);
  }
  std::vector<std::string> result;
  for (const std::string& part : top_level_parts(classes)) {
    if (!part.empty()) result.push_back(part);
  }
  return result;
}

// The Flax layer classes `name` is known to be at `node`: from the nearest enclosing if/elif
// whose test is an isinstance of it.
std::vector<std::string> tested_classes(const sw_tree_service& service, const sw_tree* tree,
                                        sw_node node, const std::string& name) {
  for (sw_node at = service.parent(tree, node); at != SW_NO_NODE; at = service.parent(tree, at)) {
    const std::string_view kind = service.kind(tree, at);
    if (kind == "function_def" || kind == "class_def") break;
    if (kind != "block") continue;
    const sw_node clause = service.parent(tree, at);
    const std::string_view clause_kind = service.kind(tree, clause);
    if (clause_kind != "if_stmt" && clause_kind != "elif_clause") continue;
    const sw_node test = service.next_sibling(tree, service.first_child(tree, clause));
    std::vector<std::string> classes = isinstance_classes(text_of(service.text(tree, test)), name);
    if (!classes.empty()) return classes;
  }
  return {};
}

// ---- the rewrite ----

struct Rewriter {
  const Initializer& hook;
  const HookRun& run;
  const sw_tree_service& service;
  sw_tree* tree;
  std::vector<Call> calls;
  Definitions definitions;
  std::map<std::pair<int, std::string>, std::string> attributes;  // (class, name) -> layer
  std::string layer_module;   // the module of the target's layers (`flax.nnx`)
  std::string key_parameter;  // the target's parameter carrying keys (`rngs`)

  // The target's API for hub operation `operation`, spelled for the file (its import added).
  std::string spelled(const std::string& operation) const {
    const auto text = run.knowledge.write(tree, run.target, operation);
    if (!text) throw std::runtime_error("the target's spoke does not spell '" + operation + "'");
    return *text;
  }

  // `self.conv = nnx.Conv(...)`: which Flax layer (or nnx.Param) each attribute of each class
  // holds. By the callee as written: the imports the engine's text needs come after the hooks.
  void collect_attributes() {
    for (const Call& call : calls) {
      const std::string layer = layer_class(call.callee, layer_module);
      const size_t equals = call.line.find(" = ");
      if (layer.empty() || equals == std::string::npos || call.line.rfind("self.", 0) != 0 ||
          call.line.substr(equals + 3) != call.original) {
        continue;
      }
      const auto place = place_of(service, tree, definitions, call.statement);
      attributes[{place.owner_class, call.line.substr(5, equals - 5)}] = layer;
    }
  }

  // `for m in X.modules():` -> `for _, m in X.iter_modules():`, and `X.children()` ->
  // `X.iter_children()` likewise: nnx yields each module with its path or name.
  static constexpr size_t kFailed = static_cast<size_t>(-1);
  size_t rewrite_module_loops() {
    size_t rewritten = 0;
    for (const Call& call : calls) {
      const bool children = call.name == "children";
      const std::string suffix = children ? ".children" : ".modules";
      if (call.info.kind != SW_CALL_METHOD || (!children && call.name != "modules") ||
          call.info.argument_count != 0 || call.callee.size() <= suffix.size() ||
          std::string_view(service.kind(tree, call.statement)) != "for_stmt") {
        continue;
      }
      const std::string receiver = call.callee.substr(0, call.callee.size() - suffix.size());
      const sw_node target = service.next_sibling(tree, service.first_child(tree, call.statement));
      const std::string name = text_of(service.text(tree, target));
      const std::string header = call.line.substr(0, call.line.find('\n'));
      if (!is_identifier(name) || header != "for " + name + " in " + call.original + ":") {
        continue;
      }
      const std::string iterated = receiver + (children ? ".iter_children()" : ".iter_modules()");
      const std::string pair = "_, " + name;
      if (service.replace(tree, target, pair.c_str()) != SW_OK ||
          service.replace_call(tree, call.index, iterated.c_str()) != SW_OK) {
        return kFailed;
      }
      ++rewritten;
    }
    return rewritten;
  }

  // The Flax class `self.<name>` holds in the class around `call`, or "".
  std::string held_by_self(const Call& call, const std::string& text) const {
    if (text.rfind("self.", 0) != 0 || !is_identifier(text.substr(5))) {
      return "";
    }
    const auto place = place_of(service, tree, definitions, call.statement);
    auto found = attributes.find({place.owner_class, text.substr(5)});
    return found == attributes.end() ? "" : found->second;
  }

  // The Flax spelling of the tensor an initializer fills, or "" with `why`.
  std::string parameter(const Call& call, const std::string& tensor, std::string& why) const {
    const size_t dot = tensor.rfind('.');
    if (dot == std::string::npos) {
      why = "'" + tensor + "' is not a layer's parameter";
      return "";
    }
    const std::string base = tensor.substr(0, dot);
    const std::string attribute = tensor.substr(dot + 1);
    // `self.table = nnx.Param(...)`: the tensor is the parameter itself.
    if (held_by_self(call, tensor) == "Param") return tensor;
    if (attribute == "bias") return tensor;
    std::vector<std::string> classes;
    for (const std::string& text : tested_classes(service, tree, call.statement, base)) {
      classes.push_back(layer_class(text, layer_module));
    }
    if (classes.empty() && !held_by_self(call, base).empty()) {
      classes.push_back(held_by_self(call, base));
    }
    std::string flax;
    for (const std::string& layer : classes) {
      const std::string name = flax_parameter(layer, attribute);
      if (name.empty() || (!flax.empty() && name != flax)) {
        why = "'" + base + "' may be layers whose '" + attribute +
              "' has different Flax names, or none";
        return "";
      }
      flax = name;
    }
    if (flax.empty()) why = "which layer '" + tensor + "' belongs to is not known here";
    return flax.empty() ? "" : base + "." + flax;
  }

  // Does the function around `statement` take `rngs`?
  bool has_rngs(sw_node statement) const {
    const auto place = place_of(service, tree, definitions, statement);
    if (place.function < 0) return false;
    const auto& info = definitions.items[static_cast<size_t>(place.function)];
    for (uint32_t item = 0; item < info.item_count; ++item) {
      sw_text name{nullptr, 0};
      service.definition_item(tree, static_cast<uint32_t>(place.function), item, &name);
      if (text_of(name) == key_parameter) return true;
    }
    return false;
  }

  // Argument `hub_name` of an initializer call, by the source's name for it or by position.
  std::optional<std::string> argument(const Call& call, const std::string& operation,
                                      const char* hub_name, size_t position) const {
    return call.arguments.get(run.knowledge.parameter(run.source, operation, hub_name), position);
  }

  // zeros, ones and constant: the array filled like the parameter's value, or "" with `why`.
  std::string filled(const Call& call, const std::string& op, const std::string& array,
                     std::string& why) const {
    if (op != "init_constant") {
      return spelled(op == "init_zeros" ? "zeros_like" : "ones_like") + "(" + array + ")";
    }
    const auto val = argument(call, op, "val", 1);
    if (!val) why = "it gives no value";
    return val ? spelled("full_like") + "(" + array + ", " + *val + ")" : "";
  }

  // truncated normal: PyTorch's bounds are absolute, the hub's truncated_normal draw takes them
  // in standard deviations.
  std::string truncated(const Call& call, const std::string& op, const std::string& key,
                        const std::string& shape) const {
    const std::string m = argument(call, op, "mean", 1).value_or("0.0");
    const std::string s = argument(call, op, "std", 2).value_or("1.0");
    auto bound = [&](const std::string& edge) {
      if (number(edge) && number(m) && number(s)) {
        return written((*number(edge) - *number(m)) / *number(s));
      }
      const std::string centred =
          number(m) && *number(m) == 0.0 ? operand(edge) : "(" + edge + " - " + operand(m) + ")";
      return centred + " / " + operand(s);
    };
    return spelled("truncated_normal") + "(" + key + ", " +
           bound(argument(call, op, "a", 3).value_or("-2.0")) + ", " +
           bound(argument(call, op, "b", 4).value_or("2.0")) + ", " + shape + ")";
  }

  // normal, truncated normal and uniform: a draw from the parameter's key.
  std::string drawn(const Call& call, const std::string& op, const std::string& key,
                    const std::string& shape) const {
    if (op == "init_uniform") {
      const auto a = argument(call, op, "a", 1);
      const auto b = argument(call, op, "b", 2);
      std::string draw = spelled("uniform") + "(" + key + ", " + shape;
      if (a && !is(a, 0.0)) draw += ", minval=" + *a;
      if (b && !is(b, 1.0)) draw += ", maxval=" + *b;
      return draw + ")";
    }
    const auto mean = argument(call, op, "mean", 1);
    const auto std = argument(call, op, "std", 2);
    std::string draw = op == "init_normal" ? spelled("randn") + "(" + key + ", " + shape + ")"
                                           : truncated(call, op, key, shape);
    if (std && !is(std, 1.0)) draw = operand(*std) + " * " + draw;
    if (mean && !is(mean, 0.0)) draw = *mean + " + " + draw;
    return draw;
  }

  // xavier, kaiming and orthogonal: the target's initializer applied to the key, or "" with
  // `why`. The variance-scaling ones all use the spoke's API for init_kaiming_normal.
  std::string scaled(const Call& call, const std::string& op, const std::string& key,
                     const std::string& shape, std::string& why) const {
    if (op == "init_orthogonal") {
      return spelled(op) + "(" + argument(call, op, "gain", 1).value_or("1.0") + ")(" + key + ", " +
             shape + ")";
    }
    std::string scale, mode = "\"fan_avg\"";
    const bool uniform = op == "init_xavier_uniform" || op == "init_kaiming_uniform";
    if (op == "init_xavier_uniform" || op == "init_xavier_normal") {
      scale = squared(argument(call, op, "gain", 1).value_or("1.0"));
    } else {
      scale = kaiming_scale(call.arguments.get("nonlinearity", 3).value_or("'leaky_relu'"),
                            argument(call, op, "a", 1).value_or("0"));
      mode = argument(call, op, "mode", 2).value_or("\"fan_in\"");
      if (unquoted(mode) != "fan_in" && unquoted(mode) != "fan_out") scale.clear();
    }
    if (scale.empty()) {
      why = "its nonlinearity or mode is not one PyTorch names";
      return "";
    }
    // The "normal" distribution is not truncated, as PyTorch's is not.
    return spelled("init_kaiming_normal") + "(" + scale + ", " + mode + ", " +
           (uniform ? "\"uniform\"" : "\"normal\"") + ")(" + key + ", " + shape + ")";
  }

  // The value initializer operation `op` gives `target` (the parameter's spelling in the
  // target), or "" with `why`.
  std::string value(const Call& call, const std::string& op, const std::string& target,
                    std::string& why) const {
    const std::string array = target + ".value";
    if (op == "init_zeros" || op == "init_ones" || op == "init_constant") {
      return filled(call, op, array, why);
    }
    if (!has_rngs(call.statement)) {
      why = "it draws random numbers, and '" + key_parameter +
            "' is not a parameter of this function";
      return "";
    }
    const std::string key = key_parameter + ".params()";
    const std::string shape = array + ".shape";
    if (op == "init_normal" || op == "init_trunc_normal" || op == "init_uniform") {
      return drawn(call, op, key, shape);
    }
    if (op.rfind("init_xavier", 0) == 0 || op.rfind("init_kaiming", 0) == 0 ||
        op == "init_orthogonal") {
      return scaled(call, op, key, shape, why);
    }
    why = "it has no form in the target here";
    return "";
  }

  // The initializer operation of a call the target's spoke leaves to this hook, or "".
  std::string initializer_of(const Call& call) const {
    const std::string operation = run.knowledge.call_operation(tree, call.index, run.source);
    const std::string op = operation.substr(0, operation.find('/'));
    return run.knowledge.operation_hook(run.target, op) == kId ? op : "";
  }

  // `jnp.empty(shape).normal_(std=0.02)`, a value made to be drawn into (ViT's position
  // embedding, `nn.Parameter(torch.empty(1, n, d).normal_(std=0.02))`): the draw of that shape
  // that replaces the call, or "" with `why`.
  std::string drawn_in_place(const Call& call, const std::string& op, std::string& why) const {
    why = "its value is used";
    const std::string made = spelled("empty") + "(";
    const size_t dot = call.callee.rfind('.');
    const std::string receiver = dot == std::string::npos ? "" : call.callee.substr(0, dot);
    if (receiver.rfind(made, 0) != 0 || receiver.back() != ')' ||
        (op != "init_normal" && op != "init_trunc_normal" && op != "init_uniform")) {
      return "";
    }
    int depth = 0;
    for (size_t i = made.size() - 1; i + 1 < receiver.size(); ++i) {
      depth += receiver[i] == '(' ? 1 : receiver[i] == ')' ? -1 : 0;
      if (depth == 0) return "";  // `jnp.empty(a)(b)`: not one call
    }
    if (!has_rngs(call.statement)) {
      why = "it draws random numbers, and '" + key_parameter +
            "' is not a parameter of this function";
      return "";
    }
    Call with_tensor = call;  // the method's receiver is the function form's first argument
    with_tensor.arguments.positional.insert(with_tensor.arguments.positional.begin(), receiver);
    const std::string shape = receiver.substr(made.size(), receiver.size() - made.size() - 1);
    if (shape.empty() || (shape.front() != '(' && shape.front() != '[')) return "";
    return drawn(with_tensor, op, key_parameter + ".params()", shape);
  }

  // The assignment that replaces one initializer call, or "" with `why`.
  std::string assignment(const Call& call, const std::string& op, std::string& why) const {
    const auto tensor = argument(call, op, "tensor", 0);
    if (!tensor || call.arguments.unpacked) {
      why = "it names no tensor";
      return "";
    }
    const std::string target = parameter(call, *tensor, why);
    const std::string assigned = target.empty() ? "" : value(call, op, target, why);
    if (assigned.empty()) return "";
    return target + ".value = " + assigned + (call.comment.empty() ? "" : "  " + call.comment);
  }

  int32_t rewrite() {
    calls = calls_of(service, tree);
    definitions = Definitions::of(service, tree);
    collect_attributes();
    bool changed = false;
    for (const Call& call : calls) {
      const std::string op = initializer_of(call);
      if (op.empty()) continue;
      std::string why;
      if (call.line != call.original) {
        const std::string draw = drawn_in_place(call, op, why);
        if (draw.empty()) {
          warn(hook, run, call, why);
        } else if (service.replace_call(tree, call.index, draw.c_str()) != SW_OK) {
          return SW_FAILED;
        }
        changed = changed || !draw.empty();
        continue;
      }
      const std::string statement = assignment(call, op, why);
      if (statement.empty()) {
        warn(hook, run, call, why);
        continue;
      }
      if (service.insert_statement(tree, call.statement, 1, statement.c_str()) != SW_OK ||
          service.remove_statement(tree, call.statement) != SW_OK) {
        return SW_FAILED;
      }
      changed = true;
    }
    const size_t loops = rewrite_module_loops();
    if (loops == kFailed) return SW_FAILED;
    if (loops > 0) changed = true;
    return changed ? SW_HOOK_CHANGED : SW_HOOK_UNCHANGED;
  }
};

}  // namespace

int32_t to_flax(const Initializer& hook, const HookRun& run, const std::string& layer_module) {
  Rewriter rewriter{hook,     run,          run.service,
                    run.tree, {},           {},
                    {},       layer_module, run.target_trait("rng.parameter")};
  return rewriter.rewrite();
}

}  // namespace switcheroo::hooks::initializer
