// What the engine writes for the hooks it implements itself (see converter.h).
#include "converter.h"

#include "core/expression_template.h"
#include "rewrite/edits.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace switcheroo::convert::engine_detail {

// The statement that ends where the call does (`... = f(x)`, `return f(x)`); kNoNode otherwise.
NodeId Converter::ends_statement(const Call& call) const {
  const NodeId statement = rewrite::enclosing_statement(tree_, call.primary);
  if (statement == python::kNoNode) return statement;
  const auto& bytes = tree_.source().bytes();
  const uint32_t end = tree_.node(call.trailer).end;
  for (uint32_t i = end; i < tree_.node(statement).end; ++i) {
    if (bytes[i] != ' ' && bytes[i] != '\n' && bytes[i] != '\r') return python::kNoNode;
  }
  return statement;
}

// Is the call the whole value of its statement (`return f(x)`, `y = f(x)`), so that an
// expression of lower precedence needs no parentheses in its place?
bool Converter::is_whole_value(const Call& call) const {
  const NodeId statement = ends_statement(call);
  if (statement == python::kNoNode) return false;
  const auto& bytes = tree_.source().bytes();
  const std::string before(
      bytes.substr(tree_.node(statement).begin, call.callee_begin - tree_.node(statement).begin));
  if (before == "return ") return true;
  if (before.size() < 3 || before.compare(before.size() - 2, 2, "= ") != 0) return false;
  const char previous = before[before.size() - 3];
  return previous != '=' && previous != '!' && previous != '<' && previous != '>' &&
         before.find('(') == std::string::npos && before.find('[') == std::string::npos;
}

// `carry, ys = jax.lax.scan(f, init, xs)` as a statement of its own, where the target has no
// scan: the loop it stands for, the outputs stacked.
//
//   carry = init
//   ys = []
//   for step_x in xs:
//       carry, step_y = f(carry, step_x)
//       ys.append(step_y)
//   ys = torch.stack(ys)
//
// A tuple display of inputs is zipped (scan slices each); a name is taken as one array.
std::optional<std::string> Converter::scan_loop(const Call& call, const HubCall& hub_call,
                                                const std::string& api, std::string& why) {
  why = "it needs the 'scan_loop' hook (only `carry, ys = " + api +
        "(f, init, xs)` as a statement converts)";
  auto fn = hub_call.values.find("fn");
  auto init = hub_call.values.find("init");
  auto xs = hub_call.values.find("xs");
  auto stack = target_.data->ops.find("stack");
  const NodeId statement = rewrite::enclosing_statement(tree_, call.primary);
  if (fn == hub_call.values.end() || init == hub_call.values.end() || xs == hub_call.values.end() ||
      stack == target_.data->ops.end() || statement == python::kNoNode || !is_whole_value(call)) {
    return std::nullopt;
  }
  const auto& bytes = tree_.source().bytes();
  const uint32_t begin = tree_.node(statement).begin;
  for (uint32_t i = begin; i > 0 && bytes[i - 1] != '\n'; --i) {
    if (bytes[i - 1] != ' ') return std::nullopt;  // not alone on its line
  }
  const std::string targets(bytes.substr(begin, call.callee_begin - begin));
  const size_t comma = targets.find(", ");
  const size_t equals = targets.rfind(" = ");
  if (comma == std::string::npos || equals == std::string::npos || equals < comma ||
      equals + 3 != targets.size()) {
    return std::nullopt;
  }
  const std::string carry_name = targets.substr(0, comma);
  const std::string ys_name = targets.substr(comma + 2, equals - comma - 2);
  for (const auto& name : {carry_name, ys_name}) {
    if (name.empty() || !std::all_of(name.begin(), name.end(), [](char c) {
          return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
        })) {
      return std::nullopt;
    }
  }
  const std::string carry = carry_name == "_" ? "carry" : carry_name;
  std::string loop_over = xs->second.text;
  if (xs->second.elements && !xs->second.elements->empty()) {
    loop_over = "zip(";
    for (size_t i = 0; i < xs->second.elements->size(); ++i) {
      loop_over += (i ? ", " : "") + (*xs->second.elements)[i];
    }
    loop_over += ")";
  }
  const std::string indent = "\n" + rewrite::indentation_of(tree_, statement);
  const bool collect = ys_name != "_";
  std::string text = carry + " = " + init->second.text;
  if (collect) text += indent + ys_name + " = []";
  text += indent + "for step_x in " + loop_over + ":";
  text += indent + "    " + carry + ", " + (collect ? "step_y" : "_") + " = " +
          as_operand(fn->second.text) + "(" + carry + ", step_x)";
  if (collect) {
    text += indent + "    " + ys_name + ".append(step_y)";
    text += indent + ys_name + " = " + spelling_.api(stack->second.api) + "(" + ys_name + ")";
  }
  edits_.replace(begin, call.callee_begin, "");
  why.clear();
  note(call.callee_begin, "'" + api + "' becomes a Python loop; its inputs and per-step outputs " +
                              "are taken as single arrays");
  return text;
}

// jax.lax.cond(pred, f, g, *operands) where the target has no such function: Python's
// conditional expression, which also evaluates one branch only.
std::optional<std::string> Converter::conditional(const HubCall& call, std::string& why) {
  auto pred = call.values.find("pred");
  auto on_true = call.values.find("true_fn");
  auto on_false = call.values.find("false_fn");
  if (pred == call.values.end() || on_true == call.values.end() || on_false == call.values.end()) {
    why = "it needs the 'cond_control_flow' hook";
    return std::nullopt;
  }
  std::string operands;
  if (auto given = call.values.find("operands"); given != call.values.end()) {
    const HubValue& value = given->second;
    const std::vector<std::string> items = value.spread ? value.items
                                           : value.text.empty()
                                               ? std::vector<std::string>{}
                                               : std::vector<std::string>{value.text};
    for (const auto& item : items) operands += (operands.empty() ? "" : ", ") + item;
  }
  return "(" + as_operand(on_true->second.text) + "(" + operands + ") if " + pred->second.text +
         " else " + as_operand(on_false->second.text) + "(" + operands + "))";
}

// A loss whose target returns one value per example (optax): the hub's reduction becomes a
// method on the result, `.mean()` or `.sum()`; a loss layer (nn.CrossEntropyLoss()) becomes a
// lambda of the layer's inputs.
std::optional<std::string> Converter::reduced_loss(const HubOp& op, bool layer, HubCall& call,
                                                   const OpMapping& target, std::string& why) {
  if ((target.api.empty() && target.expression.empty()) || !target.note.empty()) {
    // Only a loss that differs by its reduction alone; a note says what else differs
    // (smooth_l1 = huber / beta, kl_div sums per example). An expression gives the per-example
    // loss where no one API does (optax's cross-entropy of either target form).
    why = "it needs the 'loss_reduction' hook";
    if (!target.note.empty()) why += " (" + target.note + ")";
    return std::nullopt;
  }
  std::string reduction = "'mean'";
  if (auto given = call.values.find("reduction"); given != call.values.end()) {
    reduction = given->second.text;
    call.values.erase(given);
  }
  std::string method;
  if (same_value(reduction, "'mean'")) {
    method = ".mean()";
  } else if (same_value(reduction, "'sum'")) {
    method = ".sum()";
  } else if (!same_value(reduction, "'none'")) {
    why = "reduction=" + reduction + " is not a literal 'mean', 'sum' or 'none'";
    return std::nullopt;
  }
  std::string parameters;
  if (layer) {
    for (const HubArgument& input : op.arguments) {
      if (input.kind.rfind("tensor", 0) != 0 || !input.required()) continue;
      const std::string name = target.framework_name(input.name);
      call.values[input.name] = value_of(name);
      parameters += (parameters.empty() ? "" : ", ") + name;
    }
  }
  std::optional<std::string> text;
  if (!target.expression.empty()) {
    text = convert::write_expression(call, target, hub_spelling(), why);
  } else if (auto written = write_call(call, target, Phase::construct, hub_spelling(), {}, why)) {
    text = written->text;
  }
  if (!text) return std::nullopt;
  const std::string reduced = method.empty() ? *text : *text + method;
  return layer ? "lambda " + parameters + ": " + reduced : reduced;
}

// padding='same' with a stride pads (low, high) from the input size ('same' of a strided
// convolution is often asymmetric); a target whose spoke says `strided-same = false` refuses
// it. Only stride 1 converts there.
bool Converter::same_padding_fits(HubCall& call, const OpMapping& target, std::string& why) const {
  if (target.strided_same) return true;
  auto padding = call.values.find("padding");
  auto stride = call.values.find("stride");
  if (padding == call.values.end() || !same_value(padding->second.text, "'same'") ||
      stride == call.values.end()) {
    return true;
  }
  auto ones = [](const HubValue& value) {
    if (!value.elements) return same_value(value.text, "1");
    return std::all_of(value.elements->begin(), value.elements->end(),
                       [](const std::string& item) { return same_value(item, "1"); });
  };
  if (ones(stride->second)) return true;
  if (auto kernel = call.values.find("kernel_size");
      kernel != call.values.end() && ones(kernel->second)) {
    padding->second = value_of("0");  // a 1x1 window needs no padding at any stride
    return true;
  }
  const std::string& text = stride->second.text;
  why = "'" + target.api + "' takes padding='same' only with stride 1 ('same' with strides " +
        text + " pads by the input size)";
  return false;
}

// ---- the idioms of idioms.h ----

// No single API in the target: the spoke's expression (lerp, F.linear, F.normalize).
std::optional<std::string> Converter::write_expression(IdiomCall& idiom) {
  // A spoke entry that names the idiom but gives no expression would write nothing: the call
  // is reported instead of leaving invalid Python.
  if (idiom.target.expression.empty()) {
    idiom.why = "the target's spoke names the 'expression' idiom but gives no expression";
    return std::nullopt;
  }
  // A layer (nn.AdaptiveAvgPool2d((6, 6))) becomes a lambda of the inputs it is called with,
  // where the target has modules to hold it (NumPy's layers are reported).
  const bool layer = idiom.entry.mapping->kind == "layer" && idiom.phase == Phase::construct &&
                     target_.data->traits.has_modules();
  std::string parameters;
  for (const HubArgument& input : idiom.entry.op->arguments) {
    if (!layer || input.kind.rfind("tensor", 0) != 0 || !input.required() ||
        idiom.hub_call.values.count(input.name)) {
      continue;
    }
    idiom.hub_call.values[input.name] = value_of(input.name);
    parameters += (parameters.empty() ? "" : ", ") + input.name;
  }
  auto text = convert::write_expression(idiom.hub_call, idiom.target, hub_spelling(), idiom.why);
  if (!text || parameters.empty()) return text;
  return "lambda " + parameters + ": " + *text;
}

std::optional<std::string> Converter::write_conditional(IdiomCall& idiom) {
  auto text = conditional(idiom.hub_call, idiom.why);
  if (text && is_whole_value(idiom.call)) return text->substr(1, text->size() - 2);
  return text;
}

std::optional<std::string> Converter::write_scan_loop(IdiomCall& idiom) {
  return scan_loop(idiom.call, idiom.hub_call, idiom.entry.mapping->api, idiom.why);
}

std::optional<std::string> Converter::write_reduced_loss(IdiomCall& idiom) {
  const bool layer = idiom.entry.mapping->kind == "layer" && idiom.phase == Phase::construct;
  return reduced_loss(*idiom.entry.op, layer, idiom.hub_call, idiom.target, idiom.why);
}

// One call per result: torch.max(x, 1) -> (jnp.max(x, axis=1), jnp.argmax(x, axis=1)), or only
// the one that `.values` / `.indices` picks.
std::optional<std::string> Converter::write_result_parts(IdiomCall& idiom) {
  static const std::map<std::string, std::vector<std::string>> kParts = {
      {"max_with_indices", {"amax", "argmax"}},
      {"min_with_indices", {"amin", "argmin"}},
      {"sort_with_indices", {"sort", "argsort"}}};
  const HubOp& op = *idiom.entry.op;
  auto parts = kParts.find(op.name);
  if (parts == kParts.end() || op.results.size() != parts->second.size()) {
    idiom.why = "it needs the 'multi_result' hook";
    return std::nullopt;
  }
  std::vector<std::string> texts;
  for (size_t i = 0; i < op.results.size(); ++i) {
    if (!selected_result_.empty() && op.results[i].name != selected_result_) continue;
    const HubOp* part = builtin_hub().find(parts->second[i]);
    auto mapping = target_.data->ops.find(parts->second[i]);
    if (part == nullptr || mapping == target_.data->ops.end()) {
      idiom.why = "no '" + parts->second[i] + "' for its " + op.results[i].name;
      return std::nullopt;
    }
    HubCall as_part = idiom.hub_call;
    as_part.op = part;
    auto text =
        write_call(as_part, mapping->second, Phase::construct, hub_spelling(), {}, idiom.why);
    if (!text) return std::nullopt;
    texts.push_back(text->text);
  }
  if (texts.size() == 1) return texts.front();
  return "(" + texts[0] + ", " + texts[1] + ")";
}

// x.chunk(n) is split into n equal parts when n divides the axis, and split refuses anything
// else: an error instead of differently sized parts.
std::optional<std::string> Converter::write_chunks_as_split(IdiomCall& idiom) {
  const HubOp* split = builtin_hub().find("split");
  auto split_target = target_.data->ops.find("split");
  auto chunks = idiom.hub_call.values.find("chunks");
  if (split == nullptr || split_target == target_.data->ops.end() ||
      chunks == idiom.hub_call.values.end()) {
    idiom.why = "it needs the 'chunk_sizes' hook";
    return std::nullopt;
  }
  HubCall as_split = idiom.hub_call;
  as_split.op = split;
  as_split.values.erase("chunks");
  as_split.values["sections"] = chunks->second;
  note(idiom.call.callee_begin, "'" + idiom.entry.mapping->api + "' becomes '" +
                                    split_target->second.api +
                                    "', which needs the axis to divide evenly");
  auto text =
      write_call(as_split, split_target->second, idiom.phase, hub_spelling(), {}, idiom.why);
  if (!text) return std::nullopt;
  return text->text;
}

namespace {

// The operands of a split call: its sizes, the input's text and the axis's (0 when not given).
struct SplitOperands {
  HubValue& sizes;
  std::string input;
  std::string axis;
};

std::optional<SplitOperands> split_operands(IdiomCall& idiom, const char* missing) {
  auto& values = idiom.hub_call.values;
  auto sizes = values.find("sizes");
  auto input = values.find("input");
  if (sizes == values.end() || input == values.end() || sizes->second.spread) {
    idiom.why = missing;
    return std::nullopt;
  }
  auto axis = values.find("axis");
  return SplitOperands{sizes->second, input->second.text,
                       axis == values.end() ? "0" : axis->second.text};
}

// `sizes` becomes `text`, given where the call gave it (positionally or by keyword).
void replace_sizes(HubValue& sizes, const std::string& text) {
  const bool positional = sizes.positional;
  sizes = value_of(text);
  sizes.positional = positional;
}

}  // namespace

// x.split([2, 3], dim=1) -> jnp.split(x, [2], axis=1): the target cuts at indices.
bool Converter::adjust_split_sizes(IdiomCall& idiom, std::string& /*suffix*/) {
  auto split = split_operands(idiom, "it gives no sizes to cut at");
  if (!split) return false;
  replace_sizes(split->sizes,
                split_cut_indices(split->sizes, split->input, split->axis, hub_spelling()));
  return true;
}

// torch.split(x, 2) -> tf.split(x, [min(2, x.shape[0] - offset) for offset in ...]): the
// target reads one number as a count of equal parts, PyTorch as the size of each.
bool Converter::adjust_split_size_list(IdiomCall& idiom, std::string& /*suffix*/) {
  auto split = split_operands(idiom, "it gives no sizes to split at");
  if (!split) return false;
  auto list = split_size_list(split->sizes, split->input, split->axis);
  if (!list) {
    idiom.why = "'" + split->input + "' names 'offset', which the list of sizes uses";
    return false;
  }
  if (*list != split->sizes.text) replace_sizes(split->sizes, *list);
  return true;
}

// x.expand(-1, -1, d) -> jnp.broadcast_to(x, (x.shape[-3], x.shape[-2], d)): PyTorch's -1 keeps
// that axis's size, which NumPy and JAX refuse. The sizes line up with the input's last axes, so
// size i of n is axis i - n whatever the input's rank. The input is named twice, so it must be a
// name: an expression would be computed twice (or miss its own rewrite).
bool Converter::adjust_kept_sizes(IdiomCall& idiom, std::string& /*suffix*/) {
  auto& values = idiom.hub_call.values;
  auto shape = values.find("shape");
  auto input = values.find("input");
  if (shape == values.end() || input == values.end()) return true;
  std::vector<std::string> sizes = shape->second.spread     ? shape->second.items
                                   : shape->second.elements ? *shape->second.elements
                                                            : std::vector<std::string>{};
  if (std::find(sizes.begin(), sizes.end(), "-1") == sizes.end()) return true;
  const std::string& name = input->second.text;
  const bool plain = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
  });
  if (!plain) {
    idiom.why = "-1 keeps the size of an axis of '" + name + "', which is not a name";
    return false;
  }
  const int count = static_cast<int>(sizes.size());
  for (int i = 0; i < count; ++i) {
    if (sizes[i] == "-1") sizes[i] = name + ".shape[" + std::to_string(i - count) + "]";
  }
  const bool positional = shape->second.positional;
  std::string text = "(";
  for (int i = 0; i < count; ++i) text += (i ? ", " : "") + sizes[i];
  shape->second = value_of(text + (count == 1 ? ",)" : ")"));
  shape->second.elements = sizes;
  shape->second.positional = positional;
  return true;
}

// x.size(1) -> x.shape[1]: the property, then the one remaining argument as its index.
bool Converter::adjust_subscript(IdiomCall& idiom, std::string& suffix) {
  if (idiom.target.kind != "property") return true;
  const std::string receiver = receiver_of(*idiom.entry.op, idiom.target);
  auto& values = idiom.hub_call.values;
  for (auto it = values.begin(); it != values.end(); ++it) {
    if (it->first == receiver) continue;
    suffix = "[" + it->second.text + "]";
    values.erase(it);
    break;
  }
  if (suffix.empty()) {
    idiom.why = "no index for '" + idiom.target.api + "'";
    return false;
  }
  return true;
}

}  // namespace switcheroo::convert::engine_detail
