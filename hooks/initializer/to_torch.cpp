// initializer, Flax NNX -> PyTorch: an assignment to a Flax parameter's value that fills or
// draws it as an initializer does becomes PyTorch's in-place initializer of the same tensor.
//
//   for _, m in self.iter_modules():                 for m in self.modules():
//       if isinstance(m, nnx.Conv):                      if isinstance(m, nn.Conv2d):
//           m.kernel.value =                     ->          nn.init.kaiming_normal_(
//               nnx.initializers.variance_scaling(               m.weight, mode="fan_out",
//               2.0, "fan_out", "normal")(                       nonlinearity="relu")
//               rngs.params(), m.kernel.value.shape)
//           m.bias.value = jnp.zeros_like(m.bias.value)          nn.init.zeros_(m.bias)
//
// It reads the forms to_flax.cpp writes, whatever the engine did to them before (a fill may
// already be `torch.zeros_like`, a normal draw `torch.randn(key, shape)`): fills of the value
// itself, `mean + std * <normal or truncated normal draw>(key, ..., value.shape)`, uniform
// draws with `minval`/`maxval`, and `variance_scaling` / `orthogonal` initializers applied to a
// key. The parameter keeps its layer and takes PyTorch's name (`kernel`, `scale`, `embedding`
// -> `weight`); `self.<name>.value` (an `nnx.Param` of the module itself) is `self.<name>`.
// Caveat: the variance scale becomes PyTorch's nonlinearity where it is the gain of one
// (2.0 -> relu, 1.0 -> linear, which sigmoid and the convolutions share), else a leaky_relu
// slope. An assignment that draws from the key parameter in another form is left as it is,
// with a warning.
#include "initializer.h"

#include <switcheroo/tree.h>
#include <switcheroo/sdk.hpp>

#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace switcheroo::hooks::initializer {

namespace {

// ---- reading the text to_flax writes ----

// `text` split at its last top-level `symbol` (" + ", " * "), outside brackets and strings.
std::optional<std::pair<std::string, std::string>> split_last(const std::string& text,
                                                              std::string_view symbol) {
  int depth = 0;
  char quote = 0;
  size_t found = std::string::npos;
  for (size_t at = 0; at < text.size(); ++at) {
    const char c = text[at];
    if (quote != 0) {
      if (c == '\\')
        ++at;
      else if (c == quote)
        quote = 0;
      continue;
    }
    if (c == '\'' || c == '"') quote = c;
    if (c == '(' || c == '[' || c == '{') ++depth;
    if (c == ')' || c == ']' || c == '}') --depth;
    if (depth == 0 && text.compare(at, symbol.size(), symbol) == 0) found = at;
  }
  if (found == std::string::npos || found == 0) return std::nullopt;
  return std::make_pair(text.substr(0, found), text.substr(found + symbol.size()));
}

// `(a * b)` -> `a * b` when the outer parentheses enclose the whole text.
std::string unparenthesized(const std::string& text) {
  if (text.size() < 2 || text.front() != '(' || text.back() != ')') return text;
  int depth = 0;
  for (size_t at = 0; at + 1 < text.size(); ++at) {
    if (text[at] == '(') ++depth;
    if (text[at] == ')') --depth;
    if (depth == 0) return text;  // `(a) * (b)`: the first pair closes early
  }
  return text.substr(1, text.size() - 2);
}

// A name, or a name indexed by a string key (`layers["head"]`, a layer read from the mapping a
// sequential layer was built from).
bool name_or_keyed(const std::string& part) {
  const size_t open = part.find('[');
  if (open == std::string::npos) return is_identifier(part);
  const std::string key = part.substr(open);
  return is_identifier(part.substr(0, open)) && key.size() > 4 && key[1] == key[key.size() - 2] &&
         (key[1] == '"' || key[1] == '\'') && key.back() == ']' &&
         is_identifier(key.substr(2, key.size() - 4));
}

// `<parameter>.value = <value>` (one dotted target): {parameter, value}, or nullopt.
std::optional<std::pair<std::string, std::string>> assignment_of(const std::string& line) {
  const size_t equals = line.find(" = ");
  const std::string suffix = ".value";
  if (equals == std::string::npos || equals <= suffix.size() ||
      line.compare(equals - suffix.size(), suffix.size(), suffix) != 0) {
    return std::nullopt;
  }
  const std::string parameter = line.substr(0, equals - suffix.size());
  size_t start = 0;
  for (size_t dot = parameter.find('.'); start != std::string::npos;
       start = dot == std::string::npos ? dot : dot + 1, dot = parameter.find('.', start)) {
    if (!name_or_keyed(parameter.substr(start, dot == std::string::npos ? dot : dot - start))) {
      return std::nullopt;
    }
  }
  return std::make_pair(parameter, line.substr(equals + 3));
}

// A value read as `mean + std * draw`; mean and std empty when not written.
struct Scaled {
  std::string mean;
  std::string std;
  std::string draw;
};

Scaled scaled_of(const std::string& value) {
  Scaled scaled{"", "", value};
  if (auto sum = split_last(value, " + ")) {
    scaled.mean = sum->first;
    scaled.draw = sum->second;
  }
  if (auto product = split_last(scaled.draw, " * ")) {
    scaled.std = unparenthesized(product->first);
    scaled.draw = product->second;
  }
  return scaled;
}

// The absolute bound PyTorch takes for a bound `edge` in standard deviations: to_flax wrote
// `(bound - mean) / std`, or the number.
std::string absolute_bound(const std::string& edge, const Scaled& scaled) {
  const std::string mean = scaled.mean.empty() ? "0.0" : scaled.mean;
  const std::string std = scaled.std.empty() ? "1.0" : scaled.std;
  if (number(edge) && number(mean) && number(std)) {
    return written(*number(mean) + *number(edge) * *number(std));
  }
  const std::string divided = " / " + operand(std);
  if (edge.size() > divided.size() &&
      edge.compare(edge.size() - divided.size(), divided.size(), divided) == 0) {
    const std::string centred = edge.substr(0, edge.size() - divided.size());
    if (is(mean, 0.0)) return unparenthesized(centred);
    const std::string minus = " - " + operand(mean) + ")";
    if (centred.front() == '(' && centred.size() > minus.size() + 1 &&
        centred.compare(centred.size() - minus.size(), minus.size(), minus) == 0) {
      return centred.substr(1, centred.size() - minus.size() - 1);
    }
  }
  return mean + " + " + operand(edge) + " * " + operand(std);
}

// PyTorch's (nonlinearity, slope) whose kaiming gain squared is `scale`; the slope is "" for
// a nonlinearity without one.
std::pair<std::string, std::string> nonlinearity_of(const std::string& scale) {
  const auto value = number(scale);
  if (value && *value == 2.0) return {"\"relu\"", ""};
  if (value && *value == 1.0) return {"\"linear\"", ""};
  if (scale == "25 / 9") return {"\"tanh\"", ""};
  if (scale == "9 / 16") return {"\"selu\"", ""};
  const std::string head = "2 / (1 + ";
  const std::string tail = " ** 2)";
  if (scale.rfind(head, 0) == 0 && scale.size() > head.size() + tail.size() &&
      scale.compare(scale.size() - tail.size(), tail.size(), tail) == 0) {
    return {"",
            unparenthesized(scale.substr(head.size(), scale.size() - head.size() - tail.size()))};
  }
  if (value && *value > 0.0 && *value < 2.0) return {"", written(std::sqrt(2.0 / *value - 1.0))};
  return {"", ""};
}

// The gain whose square is `scale` (xavier, written `gain ** 2` or computed).
std::string gain_of(const std::string& scale) {
  const std::string tail = " ** 2";
  if (scale.size() > tail.size() &&
      scale.compare(scale.size() - tail.size(), tail.size(), tail) == 0) {
    return unparenthesized(scale.substr(0, scale.size() - tail.size()));
  }
  if (const auto value = number(scale); value && *value >= 0.0) return written(std::sqrt(*value));
  return operand(scale) + " ** 0.5";
}

// ---- the rewrite ----

// One PyTorch initializer call: the hub operation and its arguments after the tensor (a
// keyword, or "" for positional).
struct InPlace {
  std::string operation;
  std::vector<std::pair<std::string, std::string>> arguments;
};

struct Reverse {
  const Initializer& hook;
  const HookRun& run;
  const sw_tree_service& service;
  sw_tree* tree;
  std::vector<Call> calls;
  std::string key_parameter;  // the source's parameter carrying keys (`rngs`)

  // The hub operation of a call, read in the source's spelling or the target's (the engine
  // wrote some already), without its form. What the engine wrote is read by the callee as
  // written: the imports its text needs come after the hooks.
  std::string operation_of(const Call& call) const {
    std::string operation = run.knowledge.call_operation(tree, call.index, run.source);
    if (operation.empty()) operation = run.knowledge.call_operation(tree, call.index, run.target);
    if (operation.empty()) operation = run.knowledge.operation(run.target, call.callee);
    return operation.substr(0, operation.find('/'));
  }

  // `variance_scaling(scale, mode, distribution)` or `orthogonal(gain)`, applied to a key.
  std::optional<InPlace> applied(const Call& initializer) const {
    const std::string op = operation_of(initializer);
    const CallArguments& given = initializer.arguments;
    if (op == "init_orthogonal") {
      const auto gain = given.get(run.knowledge.parameter(run.source, op, "gain"), 0);
      if (!gain || is(gain, 1.0)) return InPlace{op, {}};
      return InPlace{op, {{"gain", *gain}}};
    }
    if (op.rfind("init_kaiming", 0) != 0 && op.rfind("init_xavier", 0) != 0) return std::nullopt;
    const auto scale = given.get(run.knowledge.parameter(run.source, op, "a"), 0);
    const std::string mode = unquoted(given.get("mode", 1).value_or(""));
    const std::string distribution = unquoted(given.get("distribution", 2).value_or(""));
    if (!scale || (distribution != "normal" && distribution != "uniform")) return std::nullopt;
    if (mode == "fan_avg") {
      InPlace xavier{"init_xavier_" + distribution, {}};
      if (!is(scale, 1.0)) xavier.arguments.emplace_back("gain", gain_of(*scale));
      return xavier;
    }
    if (mode != "fan_in" && mode != "fan_out") return std::nullopt;
    const auto [nonlinearity, slope] = nonlinearity_of(*scale);
    if (nonlinearity.empty() && slope.empty()) return std::nullopt;
    InPlace kaiming{"init_kaiming_" + distribution, {}};
    if (!slope.empty() && !is(slope, 0.0)) kaiming.arguments.emplace_back("a", slope);
    if (mode == "fan_out") kaiming.arguments.emplace_back("mode", "\"fan_out\"");
    if (!nonlinearity.empty()) kaiming.arguments.emplace_back("nonlinearity", nonlinearity);
    return kaiming;
  }

  // A fill of the value itself, or a draw of its shape: the initializer it stands for.
  std::optional<InPlace> filled_or_drawn(const Call& call, const Scaled& scaled,
                                         const std::string& value) const {
    const std::string op = operation_of(call);
    const CallArguments& given = call.arguments;
    const bool plain = scaled.mean.empty() && scaled.std.empty();
    if (op == "zeros_like" || op == "ones_like" || op == "full_like") {
      if (!plain || given.get("", 0) != value) return std::nullopt;
      if (op != "full_like") return InPlace{op == "zeros_like" ? "init_zeros" : "init_ones", {}};
      const auto fill = given.get(run.knowledge.parameter(run.source, op, "fill_value"), 1);
      return fill ? std::optional<InPlace>(InPlace{"init_constant", {{"", *fill}}}) : std::nullopt;
    }
    if (call.original.find(value + ".shape") == std::string::npos) return std::nullopt;
    InPlace drawn{"", {}};
    if (!scaled.mean.empty()) drawn.arguments.emplace_back("mean", scaled.mean);
    if (!scaled.std.empty()) drawn.arguments.emplace_back("std", scaled.std);
    if (op == "randn" || op == "normal") {
      drawn.operation = "init_normal";
    } else if (op == "truncated_normal" && given.positional.size() == 4) {
      drawn.operation = "init_trunc_normal";
      const std::string a = absolute_bound(given.positional[1], scaled);
      const std::string b = absolute_bound(given.positional[2], scaled);
      if (!is(a, -2.0) || !is(b, 2.0))
        drawn.arguments.insert(drawn.arguments.end(), {{"a", a}, {"b", b}});
    } else if ((op == "uniform" || op == "rand") && plain) {
      drawn.operation = "init_uniform";
      if (const auto low = given.get("minval", 3)) drawn.arguments.emplace_back("a", *low);
      if (const auto high = given.get("maxval", 4)) drawn.arguments.emplace_back("b", *high);
    } else {
      return std::nullopt;
    }
    return drawn;
  }

  // The PyTorch statement for `<parameter>.value = <value>`, "" with `why` when it is not
  // one, or "" with no `why` when the assignment is not an initializer's.
  std::string statement(const Call& call, const std::string& parameter, const std::string& value,
                        std::string& why) const {
    const Scaled scaled = scaled_of(value);
    const Call* core = call_written(calls, call.statement, scaled.draw);
    if (core != &call) {
      // Said once, at the statement's first call, when no call of it is the value's core.
      const bool first = call.index == 0 || calls[call.index - 1].statement != call.statement;
      if (core == nullptr && first && word_count(value, key_parameter) > 0) {
        why = "its value is not one an initializer draws";
      }
      return "";
    }
    std::optional<InPlace> in_place;
    if (const Call* initializer = call_written(calls, call.statement, core->callee)) {
      if (scaled.mean.empty() && scaled.std.empty()) in_place = applied(*initializer);
    } else {
      in_place = filled_or_drawn(*core, scaled, parameter + ".value");
    }
    if (!in_place) {
      if (word_count(value, key_parameter) > 0) why = "its value is not one an initializer draws";
      return "";
    }
    const std::string base = parameter.substr(0, parameter.rfind('.'));
    const std::string name = parameter.substr(parameter.rfind('.') + 1);
    const std::string torch_name = base == "self" ? name : torch_parameter(name);
    if (torch_name.empty()) {
      why = "'" + parameter + "' is not a parameter of a layer PyTorch has";
      return "";
    }
    const auto api = run.knowledge.write(tree, run.target, in_place->operation);
    if (!api) {
      why = "the target's spoke does not spell '" + in_place->operation + "'";
      return "";
    }
    std::string text = *api + "(" + base + "." + torch_name;
    for (const auto& [keyword, argument] : in_place->arguments) {
      const std::string named =
          keyword.empty() || keyword == "nonlinearity"
              ? keyword
              : run.knowledge.parameter(run.target, in_place->operation, keyword);
      text += ", " + (named.empty() ? "" : named + "=") + argument;
    }
    return text + ")" + (call.comment.empty() ? "" : "  " + call.comment);
  }

  // `for _, m in X.iter_modules():` -> `for m in X.modules():`, `iter_children` likewise.
  bool rewrite_loop(const Call& call, bool& changed) const {
    const bool children = call.name == "iter_children";
    if (call.info.kind != SW_CALL_METHOD || (!children && call.name != "iter_modules") ||
        call.info.argument_count != 0 ||
        std::string_view(service.kind(tree, call.statement)) != "for_stmt") {
      return true;
    }
    const sw_node target = service.next_sibling(tree, service.first_child(tree, call.statement));
    const std::string pair = text_of(service.text(tree, target));
    const std::string header = call.line.substr(0, call.line.find('\n'));
    if (pair.rfind("_, ", 0) != 0 || !is_identifier(pair.substr(3)) ||
        header != "for " + pair + " in " + call.original + ":") {
      return true;
    }
    const std::string suffix = children ? ".iter_children" : ".iter_modules";
    const std::string iterated = call.callee.substr(0, call.callee.size() - suffix.size()) +
                                 (children ? ".children()" : ".modules()");
    changed = true;
    return service.replace(tree, target, pair.substr(3).c_str()) == SW_OK &&
           service.replace_call(tree, call.index, iterated.c_str()) == SW_OK;
  }

  int32_t rewrite() {
    calls = calls_of(service, tree);
    bool changed = false;
    for (const Call& call : calls) {
      const auto assignment = assignment_of(call.line);
      if (!assignment) continue;
      std::string why;
      const std::string replacement = statement(call, assignment->first, assignment->second, why);
      if (replacement.empty()) {
        if (!why.empty()) warn(hook, run, call, why);
        continue;
      }
      if (service.insert_statement(tree, call.statement, 1, replacement.c_str()) != SW_OK ||
          service.remove_statement(tree, call.statement) != SW_OK) {
        return SW_FAILED;
      }
      changed = true;
    }
    for (const Call& call : calls) {
      if (!rewrite_loop(call, changed)) return SW_FAILED;
    }
    return changed ? SW_HOOK_CHANGED : SW_HOOK_UNCHANGED;
  }
};

}  // namespace

int32_t to_torch(const Initializer& hook, const HookRun& run) {
  Reverse reverse{hook, run, run.service, run.tree, {}, run.source_trait("rng.parameter")};
  return reverse.rewrite();
}

}  // namespace switcheroo::hooks::initializer
