#include "engine.h"

#include "call_mapping.h"
#include "edit_set.h"
#include "layer_idioms.h"
#include "layout_flow.h"
#include "module_rewriter.h"
#include "spelling.h"

#include "core/expression_template.h"
#include "core/hook_runner.h"
#include "core/hub.h"
#include "rewrite/edits.h"
#include "rewrite/import_fixer.h"
#include "rewrite/names.h"

#include <algorithm>
#include <map>
#include <set>

namespace switcheroo::convert {
namespace {

using python::NodeId;
using rewrite::Call;
using rewrite::NameResolver;
using rewrite::ResolvedCall;

constexpr const char* kUnit = "kb";

struct SourceEntry {
  const HubOp* op;
  const OpMapping* mapping;
};

// The source spoke by how a call names its API: qualified functions, layers and classes;
// methods by their name (the receiver's type is unknown).
class SourceIndex {
 public:
  SourceIndex(const AdapterData& data, const Hub& hub) {
    auto add = [&](const OpMapping& mapping) {
      const HubOp* op = hub.find(mapping.op);
      if (op == nullptr || mapping.api.empty()) return;
      if (mapping.kind == "method") {
        methods_[mapping.api.substr(mapping.api.rfind('.') + 1)].push_back({op, &mapping});
      } else if (mapping.kind != "property" && mapping.kind != "identity") {
        apis_[mapping.api].push_back({op, &mapping});
      }
    };
    for (const auto& [name, mapping] : data.ops) add(mapping);
    for (const auto& [name, mapping] : data.alternatives) add(mapping);
    for (const auto& [module, alias] : data.traits.imports) {
      modules_.insert(module.substr(0, module.find('.')));
    }
  }
  const std::vector<SourceEntry>* api(const std::string& qualified) const {
    auto found = apis_.find(qualified);
    return found == apis_.end() ? nullptr : &found->second;
  }
  const std::vector<SourceEntry>* method(const std::string& name) const {
    auto found = methods_.find(name);
    return found == methods_.end() ? nullptr : &found->second;
  }
  /// Does a qualified name belong to the source framework's modules?
  bool owns(const std::string& qualified) const {
    return modules_.count(qualified.substr(0, qualified.find('.'))) > 0;
  }

 private:
  std::map<std::string, std::vector<SourceEntry>> apis_;
  std::map<std::string, std::vector<SourceEntry>> methods_;
  std::set<std::string> modules_;
};

// The target spelling of an op, preferring the source call's own kind: a layer stays a layer
// (nnx.Dropout -> nn.Dropout), a method a method (x.view -> x.reshape) where the target has one.
const OpMapping* target_mapping(const AdapterData& target, const std::string& op,
                                const std::string& kind) {
  auto primary = target.ops.find(op);
  if (primary != target.ops.end() && primary->second.kind == kind) return &primary->second;
  for (const auto& [key, mapping] : target.alternatives) {
    if (mapping.op == op && mapping.kind == kind && !mapping.api.empty()) return &mapping;
  }
  return primary == target.ops.end() ? nullptr : &primary->second;
}

class Converter {
 public:
  Converter(const std::string& file, const python::SyntaxTree& tree, const Framework& source,
            const Framework& target, const Options& options)
      : file_(file),
        tree_(tree),
        source_(source),
        target_(target),
        options_(options),
        source_name_(canonical_framework(source.name)),
        target_name_(canonical_framework(target.name)),
        resolver_(tree),
        index_(*source.data, builtin_hub()),
        spelling_(target_name_, target.data->traits, resolver_.imports()),
        edits_(tree.source().bytes()),
        modules_(tree, resolver_, source.data->traits, target.data->traits) {}

  /// The converted tree, parsed again; nullopt when nothing changed.
  std::optional<python::SyntaxTree> run();
  const rewrite::ImportPlan& import_plan() const { return imports_; }
  FileResult take_result() { return std::move(result_); }
  std::vector<rewrite::Rewriter::Span> spans() const { return spans_; }

 private:
  void convert_call(const Call& call);
  bool convert_framework_call(const Call& call, const ResolvedCall& resolved);
  struct Choice {
    const SourceEntry* entry = nullptr;
    std::optional<HubCall> call;
  };
  Choice choose_entry(const Call& call, const std::vector<SourceEntry>& entries, Phase phase,
                      const FrameworkCall& framework, const Spelling& spelling,
                      std::string& first_why) const;
  void convert_local_call(const Call& call);
  void convert_references();
  void convert_array_properties();
  void convert_function_values();
  std::optional<std::string> function_value_of(const std::string& qualified,
                                               const FrameworkCall& arguments, NodeId where,
                                               std::string& why, bool as_value = false);
  bool is_assigned_value(const python::Node& node) const;
  std::string with_rngs_in_scope(std::string text, NodeId where);
  std::optional<std::string> conditional(const HubCall& call, std::string& why);
  std::optional<std::string> scan_loop(const Call& call, const HubCall& hub_call, std::string& why);
  std::optional<std::string> recurrent_layer(const Call& call, const HubOp& op,
                                             const HubCall& hub_call, const OpMapping& target,
                                             Phase phase, std::string& why);
  bool is_whole_value(const Call& call) const;
  std::optional<std::string> reduced_loss(const HubOp& op, bool layer, HubCall& call,
                                          const OpMapping& target, std::string& why);
  FrameworkCall framework_call(const Call& call) const;
  bool left_to_hook(const OpMapping& source, const OpMapping& target) const;
  bool tensor_method_receiver(const Call& call) const;
  std::optional<std::string> written(const Call& call, const SourceEntry& entry, HubCall& hub_call,
                                     const OpMapping& target, Phase phase, std::string& why);
  void unconverted(const Call& call, const std::string& api, const std::string& why);
  void note(uint32_t offset, const std::string& message);
  std::string node_text(NodeId node) const {
    const auto& n = tree_.node(node);
    return edits_.text(n.begin, n.end);
  }
  Spelling hub_spelling();
  bool same_padding_fits(const HubOp& op, HubCall& call, const OpMapping& target,
                         std::string& why) const;
  CallFacts layout_facts(const Call& call);
  void apply_restores(NodeId consumer);
  bool apply_layout_action(const Call& call, const ResolvedCall& resolved, const SourceEntry& entry,
                           HubCall& hub_call, const OpMapping* target);

  const std::string& file_;
  const python::SyntaxTree& tree_;
  const Framework& source_;
  const Framework& target_;
  const Options& options_;
  std::string source_name_;
  std::string target_name_;
  NameResolver resolver_;
  SourceIndex index_;
  TargetSpelling spelling_;
  EditSet edits_;
  ModuleRewriter modules_;
  std::string selected_result_;  // the result a call's `.values` / `.indices` picks
  bool deferred_ = false;        // written() left the call to a hook plugin
  std::map<NodeId, std::vector<std::pair<uint32_t, std::string>>> comments_;  // statement -> marks
  FileResult result_;
  rewrite::ImportPlan imports_;
  std::vector<rewrite::Rewriter::Span> spans_;  // the edits of the printed result
  LayoutPlan layout_;  // axis numbers that follow the target's image layout (layout_flow.h)
};

Spelling Converter::hub_spelling() {
  Spelling spelling;
  spelling.api = [this](const std::string& qualified) { return spelling_.api(qualified); };
  spelling.dtype = [this](const std::string& name) { return spelling_.dtype(name); };
  spelling.read_dtype = [this](const std::string& text) {
    return read_dtype(source_name_, text,
                      [this](const std::string& dotted) { return resolver_.qualify(dotted); });
  };
  return spelling;
}

FrameworkCall Converter::framework_call(const Call& call) const {
  FrameworkCall result;
  if (!call.method.empty()) result.receiver = edits_.text(call.callee_begin, call.receiver_end);
  for (const auto& argument : call.arguments.items) {
    CallArgument converted;
    converted.kind = static_cast<CallArgument::Kind>(argument.kind);
    converted.keyword = argument.keyword;
    converted.text = node_text(argument.value);
    converted.original = std::string(tree_.text(argument.value));
    converted.elements =
        display_elements(tree_, argument.value, [this](NodeId node) { return node_text(node); });
    result.arguments.push_back(std::move(converted));
  }
  return result;
}

void Converter::note(uint32_t offset, const std::string& message) {
  const auto where = tree_.source().line_column(offset);
  result_.diagnostics.push_back(
      Diagnostic{Severity::note, {file_, where.line, where.column}, message, kUnit});
}

void Converter::unconverted(const Call& call, const std::string& api, const std::string& why) {
  const auto where = tree_.source().line_column(call.callee_begin);
  std::string message = why.empty()
                            ? "no mapping for '" + api + "' to '" + target_.name + "'"
                            : "cannot convert '" + api + "' to '" + target_.name + "': " + why;
  result_.diagnostics.push_back(
      Diagnostic{Severity::warning, {file_, where.line, where.column}, message, kUnit});
  ++result_.unconverted;
  const NodeId statement = rewrite::enclosing_statement(tree_, call.primary);
  if (statement != python::kNoNode) comments_[statement].emplace_back(call.callee_begin, message);
}

// A call whose target names an enabled hook is the hook's. A layer-making target stays the
// engine's, except for a plain function call (F.dropout) that only a hook can rewrite.
bool Converter::left_to_hook(const OpMapping& source, const OpMapping& target) const {
  return !target.hook.empty() && options_.hooks.count(target.hook) &&
         (target.kind != "layer" || source.kind != "layer");
}

std::optional<std::string> Converter::written(const Call& call, const SourceEntry& entry,
                                              HubCall& hub_call, const OpMapping& target,
                                              Phase phase, std::string& why) {
  const HubOp& op = *entry.op;
  const Spelling spelling = hub_spelling();
  if (left_to_hook(*entry.mapping, target)) {
    deferred_ = true;  // the hook plugin rewrites this call after the engine
    return std::nullopt;
  }
  if (!target.expression.empty()) {
    // No single API in the target: the spoke's expression (lerp, F.linear, F.normalize).
    auto value = [&](const std::string& name) -> std::optional<std::string> {
      auto found = hub_call.values.find(name);
      if (found != hub_call.values.end() && !found->second.spread) return found->second.text;
      const HubArgument* argument = op.argument(name);
      if (argument != nullptr && argument->default_value) return *argument->default_value;
      return std::nullopt;
    };
    return render_expression(
        target.expression, value, [&](const std::string& qualified) { return spelling_.api(qualified); },
        why);
  }
  if (target.hook == "cond_control_flow" && target.api.empty()) {
    auto text = conditional(hub_call, why);
    if (text && is_whole_value(call)) return text->substr(1, text->size() - 2);
    return text;
  }
  if (target.hook == "recurrent_layer") {
    return recurrent_layer(call, op, hub_call, target, phase, why);
  }
  if (target.hook == "scan_loop" && target.api.empty()) return scan_loop(call, hub_call, why);
  if (!adapt_for_hook(op, *entry.mapping, target, hub_call, why)) return std::nullopt;
  if (target_name_ == "torch") wrap_scalar_operands(op, hub_call, spelling_);
  if (!same_padding_fits(op, hub_call, target, why)) return std::nullopt;
  if (target.hook == "loss_reduction") {
    return reduced_loss(op, entry.mapping->kind == "layer" && phase == Phase::construct, hub_call,
                        target, why);
  }

  if (target.hook == "multi_result") {
    // One call per result: torch.max(x, 1) -> (jnp.max(x, axis=1), jnp.argmax(x, axis=1)),
    // or only the one that `.values` / `.indices` picks.
    static const std::map<std::string, std::vector<std::string>> kParts = {
        {"max_with_indices", {"amax", "argmax"}},
        {"min_with_indices", {"amin", "argmin"}},
        {"sort_with_indices", {"sort", "argsort"}}};
    auto parts = kParts.find(op.name);
    if (parts == kParts.end() || op.results.size() != parts->second.size()) {
      why = "it needs the 'multi_result' hook";
      return std::nullopt;
    }
    std::vector<std::string> texts;
    for (size_t i = 0; i < op.results.size(); ++i) {
      if (!selected_result_.empty() && op.results[i].name != selected_result_) continue;
      const HubOp* part = builtin_hub().find(parts->second[i]);
      auto mapping = target_.data->ops.find(parts->second[i]);
      if (part == nullptr || mapping == target_.data->ops.end()) {
        why = "no '" + parts->second[i] + "' for its " + op.results[i].name;
        return std::nullopt;
      }
      HubCall as_part = hub_call;
      as_part.op = part;
      auto text = write_call(as_part, mapping->second, Phase::construct, spelling, {}, why);
      if (!text) return std::nullopt;
      texts.push_back(text->text);
    }
    if (texts.size() == 1) return texts.front();
    return "(" + texts[0] + ", " + texts[1] + ")";
  }
  if (target.hook == "chunk_sizes") {
    // x.chunk(n) is split into n equal parts when n divides the axis, and split refuses
    // anything else: an error instead of differently sized parts.
    const HubOp* split = builtin_hub().find("split");
    auto split_target = target_.data->ops.find("split");
    auto chunks = hub_call.values.find("chunks");
    if (split == nullptr || split_target == target_.data->ops.end() ||
        chunks == hub_call.values.end()) {
      why = "it needs the 'chunk_sizes' hook";
      return std::nullopt;
    }
    HubCall as_split = hub_call;
    as_split.op = split;
    as_split.values.erase("chunks");
    as_split.values["sections"] = chunks->second;
    note(call.callee_begin, "'" + entry.mapping->api + "' becomes '" + split_target->second.api +
                                "', which needs the axis to divide evenly");
    auto text = write_call(as_split, split_target->second, phase, spelling, {}, why);
    if (!text) return std::nullopt;
    return text->text;
  }
  if (target.hook == "split_sizes_to_indices") {
    // x.split([2, 3], dim=1) -> jnp.split(x, [2], axis=1): the target cuts at indices.
    auto sizes = hub_call.values.find("sizes");
    auto input = hub_call.values.find("input");
    if (sizes == hub_call.values.end() || input == hub_call.values.end() || sizes->second.spread) {
      why = "it gives no sizes to cut at";
      return std::nullopt;
    }
    auto axis = hub_call.values.find("axis");
    const bool positional = sizes->second.positional;
    sizes->second = value_of(
        split_cut_indices(sizes->second, input->second.text,
                          axis == hub_call.values.end() ? "0" : axis->second.text, spelling));
    sizes->second.positional = positional;
  }
  std::string subscript;
  if (target.hook == "subscript" && target.kind == "property") {
    // x.size(1) -> x.shape[1]: the property, then the one remaining argument as its index.
    const std::string receiver = receiver_of(op, target);
    for (auto it = hub_call.values.begin(); it != hub_call.values.end(); ++it) {
      if (it->first == receiver) continue;
      subscript = "[" + it->second.text + "]";
      hub_call.values.erase(it);
      break;
    }
    if (subscript.empty()) {
      why = "no index for '" + target.api + "'";
      return std::nullopt;
    }
  }
  const bool source_layer = entry.mapping->kind == "layer";
  if (!subscript.empty()) {
    auto text = write_call(hub_call, target, phase, spelling, {}, why);
    if (!text) return std::nullopt;
    return text->text + subscript;
  }
  if (target.kind == "identity" && source_layer && phase == Phase::construct) {
    return std::string("lambda x: x");  // nn.Identity()
  }
  if (phase == Phase::call) {
    const std::string callee = edits_.text(call.callee_begin, call.callee_end);
    auto text = write_call(hub_call, target, Phase::call, spelling, callee, why);
    if (!text) return std::nullopt;
    return text->text;
  }
  if (target.kind == "layer" && !source_layer && op.kind != "layer") {
    why = "'" + target.api + "' is a layer in '" + target_.name +
          "': create it in __init__ and call it here";
    return std::nullopt;
  }
  auto text = write_call(hub_call, target, Phase::construct, spelling, {}, why);
  if (!text) return std::nullopt;
  if (text->injects_rngs) text->text = with_rngs_in_scope(text->text, call.primary);
  const bool builds_layer = op.kind == "layer" && target.kind == "function";
  if (source_layer && target.kind != "layer" && target.kind != "class" && !builds_layer) {
    // A layer object becomes a function value: nn.ReLU() -> jax.nn.relu.
    return function_value(text->text, spelling);
  }
  return text->text;
}

// Is the call the whole value of its statement (`return f(x)`, `y = f(x)`), so that an
// expression of lower precedence needs no parentheses in its place?
bool Converter::is_whole_value(const Call& call) const {
  const NodeId statement = rewrite::enclosing_statement(tree_, call.primary);
  if (statement == python::kNoNode) return false;
  const auto& bytes = tree_.source().bytes();
  const uint32_t end = tree_.node(call.trailer).end;
  for (uint32_t i = end; i < tree_.node(statement).end; ++i) {
    if (bytes[i] != ' ' && bytes[i] != '\n' && bytes[i] != '\r') return false;
  }
  const std::string before(
      bytes.substr(tree_.node(statement).begin, call.callee_begin - tree_.node(statement).begin));
  if (before == "return ") return true;
  if (before.size() < 3 || before.compare(before.size() - 2, 2, "= ") != 0) return false;
  const char previous = before[before.size() - 3];
  return previous != '=' && previous != '!' && previous != '<' && previous != '>' &&
         before.find('(') == std::string::npos && before.find('[') == std::string::npos;
}

// nn.LSTM / nn.GRU where the target runs one cell over a sequence (nnx.RNN): one layer, one
// direction, with biases, becomes nnx.RNN(nnx.LSTMCell(input_size, hidden_size, rngs=rngs)),
// time_major=True unless batch_first. The layer's call returns the outputs only, so it converts
// where the source uses only those: `out, _ = self.lstm(x)` or `self.lstm(x)[0]`.
std::optional<std::string> Converter::recurrent_layer(const Call& call, const HubOp& op,
                                                      const HubCall& hub_call,
                                                      const OpMapping& target, Phase phase,
                                                      std::string& why) {
  auto has = [&](const std::string& name, const std::string& standard) {
    auto value = hub_call.values.find(name);
    return value == hub_call.values.end() || same_value(value->second.text, standard);
  };
  if (phase == Phase::call) {
    auto input = hub_call.values.find("input");
    if (input == hub_call.values.end() || hub_call.values.size() != 1) {
      why = "an initial state has no place in '" + target.api + "'s call (it takes initial_carry)";
      return std::nullopt;
    }
    const std::string callee = edits_.text(call.callee_begin, call.callee_end);
    const std::string text = callee + "(" + input->second.text + ")";
    const NodeId next = tree_.node(call.trailer).next_sibling;
    if (next != python::kNoNode && rewrite::token_text(tree_, next) == "[0]") {
      edits_.replace(tree_.node(next).begin, tree_.node(next).end, "");
      return text;
    }
    const NodeId statement = rewrite::enclosing_statement(tree_, call.primary);
    const auto& bytes = tree_.source().bytes();
    if (statement != python::kNoNode && is_whole_value(call)) {
      const uint32_t begin = tree_.node(statement).begin;
      const std::string before(bytes.substr(begin, call.callee_begin - begin));
      const size_t comma = before.find(", _ = ");
      const std::string name = before.substr(0, comma);
      if (comma != std::string::npos && comma + 6 == before.size() &&
          std::all_of(name.begin(), name.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
          })) {
        edits_.replace(begin, call.callee_begin, name + " = ");
        return text;
      }
    }
    why = "'" + target.api + "' returns the outputs only: the final state needs return_carry=True" +
          " (an LSTM's carry is (c, h), not (h, c))";
    return std::nullopt;
  }
  static const std::map<std::string, std::string> kCells = {{"lstm", "lstm_cell"},
                                                            {"gru", "gru_cell"}};
  auto cell = kCells.find(op.name);
  const HubOp* cell_op = cell == kCells.end() ? nullptr : builtin_hub().find(cell->second);
  auto cell_mapping =
      cell == kCells.end() ? target_.data->ops.end() : target_.data->ops.find(cell->second);
  if (cell_op == nullptr || cell_mapping == target_.data->ops.end()) {
    why = "it needs the 'recurrent_layer' hook";
    return std::nullopt;
  }
  if (!has("num_layers", "1") || !has("bidirectional", "False") || !has("bias", "True")) {
    why = "only one layer, one direction with biases converts ('" + target.api +
          "' runs one cell: stack them for more)";
    return std::nullopt;
  }
  HubCall cell_call;
  cell_call.op = cell_op;
  for (const char* name : {"input_size", "hidden_size"}) {
    auto value = hub_call.values.find(name);
    if (value == hub_call.values.end()) {
      why = std::string("no ") + name;
      return std::nullopt;
    }
    cell_call.values[name] = value->second;
  }
  auto cell_text =
      write_call(cell_call, cell_mapping->second, Phase::construct, hub_spelling(), {}, why);
  if (!cell_text) return std::nullopt;
  std::string text =
      spelling_.api(target.api) + "(" + with_rngs_in_scope(cell_text->text, call.primary);
  // PyTorch's recurrent layers are time-major unless batch_first; Flax's are batch-major.
  auto batch_first = hub_call.values.find("batch_first");
  if (batch_first == hub_call.values.end() || same_value(batch_first->second.text, "False")) {
    text += ", time_major=True";
  } else if (!same_value(batch_first->second.text, "True")) {
    text += ", time_major=not " + as_operand(batch_first->second.text);
  }
  return text + ")";
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
                                                std::string& why) {
  why =
      "it needs the 'scan_loop' hook (only `carry, ys = jax.lax.scan(f, init, xs)` as a "
      "statement converts)";
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
  note(call.callee_begin,
       "'jax.lax.scan' becomes a Python loop; its inputs and per-step outputs "
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
  if (target.api.empty() || !target.note.empty()) {
    // Only a loss that differs by its reduction alone; a note says what else differs
    // (smooth_l1 = huber / beta, kl_div sums per example).
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
  auto text = write_call(call, target, Phase::construct, hub_spelling(), {}, why);
  if (!text) return std::nullopt;
  const std::string reduced = method.empty() ? text->text : text->text + method;
  return layer ? "lambda " + parameters + ": " + reduced : reduced;
}

// padding='same' with a stride: Flax pads (low, high) from the input size ('SAME' of a strided
// convolution is often asymmetric), PyTorch refuses it. Only stride 1 converts.
bool Converter::same_padding_fits(const HubOp& op, HubCall& call, const OpMapping& target,
                                  std::string& why) const {
  if (target_name_ != "torch" || op.name.rfind("conv", 0) != 0) return true;
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
  why = "'" + target.api +
        "' takes padding='same' only with stride 1 (Flax's 'SAME' with strides " + text +
        " pads by the input size)";
  return false;
}

// Outside a constructor that receives rngs (module level, a script's main) a layer gets a new
// stream instead: `rngs=rngs)` -> `rngs=nnx.Rngs(0))`.
std::string Converter::with_rngs_in_scope(std::string text, NodeId where) {
  const std::string in_scope = "rngs=rngs)";
  if (modules_.in_rngs_scope(where) || text.size() <= in_scope.size() ||
      text.compare(text.size() - in_scope.size(), in_scope.size(), in_scope) != 0) {
    return text;
  }
  text.replace(text.size() - in_scope.size(), in_scope.size(),
               "rngs=" + modules_.new_rngs(spelling_) + ")");
  return text;
}

// Could the receiver of a method call be an array? Not a string literal, and not `self`: in a
// module, `self.norm(x)` calls a layer the class holds, whatever Tensor method shares its name.
bool Converter::tensor_method_receiver(const Call& call) const {
  const std::string receiver = edits_.text(call.callee_begin, call.receiver_end);
  return !receiver.empty() && receiver.front() != '\'' && receiver.front() != '"' &&
         receiver != "self";
}

// The entry the call reads as, of several sharing its API or method name.
Converter::Choice Converter::choose_entry(const Call& call, const std::vector<SourceEntry>& entries,
                                          Phase phase, const FrameworkCall& framework,
                                          const Spelling& spelling, std::string& first_why) const {
  // Several ops may share an API (nnx.Conv is conv1d, conv2d and conv3d; jnp.where is where
  // and masked_fill): the one whose arguments fit best wins, the first on a tie.
  Choice choice;
  int best = 0;
  for (const SourceEntry& entry : entries) {
    // A layer is built by a constructor or, for a wrapper, by a function that returns it
    // (torch.nn.utils.weight_norm(layer)): either one's object is called.
    if (phase == Phase::call && entry.mapping->kind != "layer" && entry.op->kind != "layer") {
      continue;
    }
    std::string why;
    auto candidate = read_call(*entry.op, *entry.mapping, phase, framework, spelling, why);
    if (!candidate) {
      // nnx.RNN(nnx.LSTMCell(...)) holds its sizes in the cell: reading it takes the hook, as
      // does a spelling whose hook is not loaded (optax schedules are values, not wrappers of
      // an optimizer).
      if (entry.mapping->hook.rfind("recurrent_", 0) == 0 ||
          (!entry.mapping->hook.empty() && !options_.hooks.count(entry.mapping->hook))) {
        why = "it needs the '" + entry.mapping->hook + "' hook";
      }
      if (first_why.empty()) first_why = why;
      continue;
    }
    int score = candidate_fit(*entry.op, *candidate);
    // An op the target lacks loses to one it has (jnp.mean(x, axis=(1, 2), keepdims=True) is
    // a global average pool for PyTorch, a mean for NumPy).
    if (target_mapping(*target_.data, entry.op->name, entry.mapping->kind) == nullptr) score -= 16;
    // A spelling that is recognized by a value it passes (adaptive_avg_pool2d with
    // output_size=1 is global_avg_pool2d) is more specific than the one that takes any value.
    for (const auto& [parameter, expression] : entry.mapping->injected) {
      if (expression.find('{') == std::string::npos && !is_plumbing(expression)) score += 2;
    }
    // A flag it passes that the call leaves out earns nothing and counts against it.
    score -= 7 * candidate->absent_flags;
    // A spelling that drops some results (torch.sort as `sort`: results ["out", "_"]) fits
    // only when the call's value is narrowed to the kept one (`.values`, `[0]`).
    const auto& results = entry.mapping->results;
    if (std::find(results.begin(), results.end(), "_") != results.end()) {
      const NodeId next = tree_.node(call.trailer).next_sibling;
      const std::string after = next == python::kNoNode ? "" : rewrite::token_text(tree_, next);
      if (after != "[0]" && after != ".values") score -= 3;
    }
    if (choice.entry == nullptr || score > best) {
      choice.entry = &entry;
      choice.call = std::move(candidate);
      best = score;
    }
  }
  return choice;
}

bool Converter::convert_framework_call(const Call& call, const ResolvedCall& resolved) {
  const std::vector<SourceEntry>* entries = nullptr;
  Phase phase = Phase::construct;
  if (resolved.kind == ResolvedCall::Kind::function && resolved.name == "functools.partial" &&
      !call.arguments.items.empty() &&
      call.arguments.items.front().kind == rewrite::Argument::Kind::positional) {
    auto function = resolver_.qualify(rewrite::token_text(tree_, call.arguments.items[0].value));
    if (!function || !index_.api(*function)) return false;
    FrameworkCall bound = framework_call(call);
    bound.arguments.erase(bound.arguments.begin());
    std::string why;
    auto text = function_value_of(*function, bound, call.primary, why);
    if (!text) {
      unconverted(call, *function, why);
      return false;
    }
    if (edits_.replace(call.callee_begin, tree_.node(call.trailer).end, *text)) {
      ++result_.converted;
    }
    return true;
  }
  if (resolved.kind == ResolvedCall::Kind::function) {
    entries = index_.api(resolved.name);
    if (entries == nullptr) {
      if (index_.owns(resolved.name)) {
        unconverted(call, resolved.name, {});
      }
      return false;
    }
  } else if (resolved.kind == ResolvedCall::Kind::instance) {
    entries = index_.api(resolved.name);
    phase = Phase::call;
    if (entries == nullptr) return false;
  } else {
    if (!tensor_method_receiver(call)) return false;
    entries = index_.method(resolved.name);
    if (entries == nullptr) return false;
  }

  // A source spelling that names an enabled hook in every reading (jax.random.normal(key, ...)
  // for rng_threading) is the hook's to rewrite, arguments and all, when the target has the
  // operation at all (an optimizer step towards NumPy is reported below, not left silently).
  if (!entries->empty() &&
      std::all_of(entries->begin(), entries->end(),
                  [&](const SourceEntry& entry) {
                    return !entry.mapping->hook.empty() && entry.mapping->kind != "layer" &&
                           options_.hooks.count(entry.mapping->hook) > 0;
                  }) &&
      std::any_of(entries->begin(), entries->end(), [&](const SourceEntry& entry) {
        return target_mapping(*target_.data, entry.op->name, entry.mapping->kind) != nullptr;
      })) {
    return false;
  }
  const FrameworkCall framework = framework_call(call);
  const Spelling spelling = hub_spelling();
  std::string first_why;
  const auto [chosen, chosen_call_value] =
      choose_entry(call, *entries, phase, framework, spelling, first_why);
  std::optional<HubCall> chosen_call = chosen_call_value;
  if (chosen != nullptr) {
    const SourceEntry& entry = *chosen;
    std::string why;
    auto& hub_call = chosen_call;
    const OpMapping* target = target_mapping(*target_.data, entry.op->name, entry.mapping->kind);
    const std::string& api = entry.mapping->api;
    if (apply_layout_action(call, resolved, entry, *hub_call, target)) return true;
    if (phase == Phase::call) {
      // The constructed object is called: it stays a call of the same object when the target
      // also has a layer; a layer that became a function value is called as it is.
      if (target == nullptr || target->kind != "layer") return false;
    }
    if (target == nullptr) {
      unconverted(call, api, {});
      return false;
    }
    // A source spelling only a hook plugin can read (nnx.value_and_grad(loss_fn) is a training
    // step, not a call to translate) stays unless the hook also writes the target's spelling.
    const std::string& reader = entry.mapping->hook;
    if (!reader.empty() && entry.mapping->kind != "layer" && options_.hooks.count(reader) &&
        target->hook != reader) {
      unconverted(call, api,
                  "reading it is the '" + reader +
                      "' hook's work, which does not "
                      "rewrite towards '" +
                      target_.name + "'");
      return false;
    }
    if (target->kind == "layer" && !target->hook.empty() && !target->note.empty() &&
        target->hook != "recurrent_layer" && phase == Phase::construct) {
      note(call.callee_begin, "'" + target->api + "': " + target->note);
    }
    // `torch.max(x, 1).values`: the attribute picks one of a named multi-result.
    selected_result_.clear();
    uint32_t end = tree_.node(call.trailer).end;
    const NodeId attribute = tree_.node(call.trailer).next_sibling;
    if (entry.mapping->named_results && attribute != python::kNoNode) {
      const std::string name = rewrite::token_text(tree_, attribute);
      if (name.size() > 1 && name[0] == '.' && entry.op->result(name.substr(1)) != nullptr) {
        selected_result_ = name.substr(1);
      }
    }
    deferred_ = false;
    auto text = written(call, entry, *hub_call, *target, phase, why);
    if (!text) {
      if (!deferred_) unconverted(call, api, why);
      return false;
    }
    if (!selected_result_.empty() && target->hook == "multi_result") {
      end = tree_.node(attribute).end;
    }
    const auto& kept = entry.mapping->results;
    if (attribute != python::kNoNode && kept.size() > 1 && kept[0] != "_" &&
        std::find(kept.begin(), kept.end(), "_") != kept.end() && target->results.size() <= 1) {
      // torch.sort(x)[0] read as `sort` (the values only): the selector goes with the tuple.
      const std::string after = rewrite::token_text(tree_, attribute);
      if (after == "[0]" || after == ".values") end = tree_.node(attribute).end;
    }
    const std::string original = edits_.text(call.callee_begin, end);
    if (*text == original) return true;
    *text = follow_layout(*text, original);
    if (!edits_.replace(call.callee_begin, end, *text)) {
      unconverted(call, api, "it overlaps another rewrite");
      return false;
    }
    ++result_.converted;
    for (const auto& ignored : hub_call->ignored) {
      note(call.callee_begin, "'" + ignored + "' of '" + api + "' has no equivalent in '" +
                                  target_.name + "' and is dropped");
    }
    if (target->kind == "identity" && !target->note.empty()) {
      note(call.callee_begin, target->note);
    }
    return true;
  }
  if (resolved.kind != ResolvedCall::Kind::method) {
    unconverted(call, resolved.name, first_why);
  }
  return false;
}

CallFacts Converter::layout_facts(const Call& call) {
  CallFacts facts;
  const ResolvedCall resolved = resolver_.resolve(call);
  const std::vector<SourceEntry>* entries = nullptr;
  Phase phase = Phase::construct;
  if (resolved.kind == ResolvedCall::Kind::function) {
    entries = index_.api(resolved.name);
  } else if (resolved.kind == ResolvedCall::Kind::instance) {
    entries = index_.api(resolved.name);
    facts.layer_call = true;
    phase = Phase::call;
  } else if (resolved.kind == ResolvedCall::Kind::method) {
    if (!tensor_method_receiver(call)) return facts;
    entries = index_.method(resolved.name);
    facts.method = true;
  }
  if (entries == nullptr) return facts;
  const FrameworkCall framework = framework_call(call);
  const Spelling spelling = hub_spelling();
  // The op the conversion itself will choose.
  std::string why;
  auto [chosen, hub] = choose_entry(call, *entries, phase, framework, spelling, why);
  if (chosen != nullptr) {
    facts.op = chosen->op;
    facts.hub = std::move(hub);
  }
  if (chosen == nullptr) return facts;
  facts.constructor = !facts.layer_call && chosen->mapping->kind == "layer";
  if (const OpMapping* target =
          target_mapping(*target_.data, chosen->op->name, chosen->mapping->kind)) {
    facts.layout = layout_permutation(layout_of(*chosen->op, *chosen->mapping, "input"),
                                      layout_of(*chosen->op, *target, "input"));
  }
  return facts;
}

void Converter::apply_restores(NodeId consumer) {
  auto [first, last] = layout_.restores.equal_range(consumer);
  const std::string method = target_name_ == "torch" ? "permute" : "transpose";
  for (auto it = first; it != last; ++it) {
    const LayoutRestore& restore = it->second;
    std::string text = edits_.text(restore.begin, restore.end);
    if (restore.parenthesize) text = "(" + text + ")";
    text += "." + method + "(" + axes_text(restore.axes) + ")";
    if (!edits_.replace(restore.begin, restore.end, text)) {
      const auto where = tree_.source().line_column(restore.begin);
      result_.diagnostics.push_back(Diagnostic{
          Severity::warning,
          {file_, where.line, where.column},
          "this value is in " + target_.name + "'s image layout here but code after it expects " +
              source_.name + "'s; permute it with ." + method + "(" + axes_text(restore.axes) + ")",
          "layout"});
    }
  }
  layout_.restores.erase(first, last);
}

// What the layout analysis decided for this call: the axes it names renumbered, or the call
// dropped because it only reorders axes the converted value already has in that order.
bool Converter::apply_layout_action(const Call& call, const ResolvedCall& resolved,
                                    const SourceEntry& entry, HubCall& hub_call,
                                    const OpMapping* target) {
  auto action = layout_.actions.find(call.trailer);
  if (action == layout_.actions.end()) return false;
  const uint32_t end = tree_.node(call.trailer).end;
  if (action->second.kind == LayoutAction::Kind::drop) {
    std::string kept;
    if (resolved.kind == ResolvedCall::Kind::method) {
      kept = edits_.text(call.callee_begin, call.receiver_end);
    } else if (!call.arguments.items.empty()) {
      kept = node_text(call.arguments.items.front().value);
    }
    if (kept.empty() || !edits_.replace(call.callee_begin, end, kept)) return false;
    ++result_.converted;
    note(call.callee_begin, "'" + entry.mapping->api + "' dropped: the converted value already " +
                                "has its axes in that order (" + target_.name + "'s image layout)");
    return true;
  }
  remap_axes(*entry.op, hub_call, action->second.axes);
  if (target != nullptr && !target->hook.empty() && options_.hooks.count(target->hook) &&
      entry.op->name == "flatten") {
    // The flatten_range hook rewrites this call after the engine: it reads the axes from the
    // source's spelling, so they are renumbered there.
    auto axis = [&](const char* name) {
      auto found = hub_call.values.find(name);
      return found == hub_call.values.end() ? std::string("-1") : found->second.text;
    };
    std::string input;
    if (resolved.kind == ResolvedCall::Kind::method) {
      input = edits_.text(call.callee_begin, call.receiver_end);
      edits_.replace(
          call.callee_begin, end,
          input + "." + call.method + "(" + axis("start_axis") + ", " + axis("end_axis") + ")");
    } else if (!call.arguments.items.empty()) {
      input = node_text(call.arguments.items.front().value);
      edits_.replace(call.callee_begin, end,
                     edits_.text(call.callee_begin, call.callee_end) + "(" + input + ", " +
                         axis("start_axis") + ", " + axis("end_axis") + ")");
    }
    deferred_ = true;
    return true;
  }
  return false;
}

void Converter::convert_local_call(const Call& call) {
  auto text = modules_.local_call(call, edits_, spelling_);
  if (!text) return;
  if (edits_.replace(call.callee_begin, tree_.node(call.trailer).end, *text)) {
    ++result_.converted;
  }
}

void Converter::convert_call(const Call& call) {
  apply_restores(call.trailer);
  if (modules_.inside_removed_argument(call.primary)) return;
  const ResolvedCall resolved = resolver_.resolve(call);
  if (resolved.kind == ResolvedCall::Kind::local || modules_.is_method_call(call)) {
    convert_local_call(call);
    return;
  }
  convert_framework_call(call, resolved);
}

// A framework function used as a value, optionally with bound arguments: in PyTorch an
// activation in nn.Sequential is a layer object (nn.ReLU()), in Flax the function itself
// (jax.nn.relu) or a functools.partial of it.
std::optional<std::string> Converter::function_value_of(const std::string& qualified,
                                                        const FrameworkCall& arguments,
                                                        NodeId where, std::string& why,
                                                        bool as_value) {
  const auto* entries = index_.api(qualified);
  if (entries == nullptr) return std::nullopt;
  const Spelling spelling = hub_spelling();
  for (const SourceEntry& entry : *entries) {
    const std::string& kind = entry.mapping->kind;
    if (kind == "layer" || kind == "class") {
      const OpMapping* target = target_mapping(*target_.data, entry.op->name, kind);
      if (!target || target->kind != kind || target->api.empty()) continue;
      // The class itself, as in an annotation or isinstance: `-> nn.Conv2d` becomes
      // `-> nnx.Conv`. A class given as a value to be called later (`norm_layer =
      // nn.BatchNorm2d`) needs what the target's constructor is always given too: a partial
      // with its differing defaults and rngs (`partial(nnx.BatchNorm, momentum=0.9, rngs=rngs)`).
      if (arguments.arguments.empty() && !as_value) return spelling_.api(target->api);
      // A class with bound arguments: partial(nn.LayerNorm, eps=1e-6).
      auto hub_call =
          read_call(*entry.op, *entry.mapping, Phase::construct, arguments, spelling, why, true);
      if (!hub_call) continue;
      auto text = write_call(*hub_call, *target, Phase::construct, spelling, {}, why);
      if (!text) return std::nullopt;
      return function_value(with_rngs_in_scope(text->text, where), spelling);
    }
    if (entry.mapping->kind != "function" || entry.op->kind == "layer") continue;
    OpMapping layer_form = *entry.mapping;
    layer_form.kind = "layer";
    auto hub_call = read_call(*entry.op, layer_form, Phase::construct, arguments, spelling, why);
    if (!hub_call) continue;
    const OpMapping* target = target_mapping(*target_.data, entry.op->name, "layer");
    if (target == nullptr || (target->kind != "layer" && target->kind != "function") ||
        !target->hook.empty()) {
      why = "no function or layer for it in '" + target_.name + "'";
      return std::nullopt;
    }
    auto text = write_call(*hub_call, *target, Phase::construct, spelling, {}, why);
    if (!text) return std::nullopt;
    return target->kind == "layer" ? text->text : function_value(text->text, spelling);
  }
  return std::nullopt;
}

// Is the expression the whole value after an `=`: an assignment, a keyword argument, a
// parameter default?
bool Converter::is_assigned_value(const python::Node& node) const {
  const std::string& bytes = tree_.source().bytes();
  size_t before = node.begin;
  while (before > 0 && bytes[before - 1] == ' ') --before;
  if (before < 2 || bytes[before - 1] != '=' ||
      std::string("=!<>+-*/%&|^@:").find(bytes[before - 2]) != std::string::npos) {
    return false;
  }
  size_t after = node.end;
  while (after < bytes.size() && bytes[after] == ' ') ++after;
  return after == bytes.size() || std::string(",)\n\r#;").find(bytes[after]) != std::string::npos;
}

void Converter::convert_function_values() {
  for (const auto& reference : dotted_references(tree_)) {
    auto qualified = resolver_.qualify(reference.text);
    if (!qualified || translate_reference(source_name_, target_name_, *qualified)) continue;
    std::string why;
    const auto& node = tree_.node(reference.node);
    auto text = function_value_of(*qualified, {}, reference.node, why, is_assigned_value(node));
    if (!text) continue;
    if (edits_.replace(node.begin, node.end, *text)) ++result_.converted;
  }
}

void Converter::convert_references() {
  for (const auto& reference : dotted_references(tree_)) {
    const auto& node = tree_.node(reference.node);
    if (edits_.covered(node.begin, node.end)) continue;
    auto qualified = resolver_.qualify(reference.text);
    if (!qualified) continue;
    auto translated = translate_reference(source_name_, target_name_, *qualified);
    const AdapterTraits& from = source_.data->traits;
    const AdapterTraits& to = target_.data->traits;
    if (!translated && !from.module_base_class.empty() && !to.module_base_class.empty() &&
        *qualified == from.module_base_class) {
      translated = to.module_base_class;  // `Callable[..., nn.Module]`
    }
    if (!translated) continue;
    edits_.replace(node.begin, node.end, spelling_.api(*translated));
  }
}

// An array property the target spells otherwise: NumPy's and JAX's `x.size` is PyTorch's
// `x.numel()`. Properties are read by name, as methods are; `self.size` is the module's own.
void Converter::convert_array_properties() {
  std::map<std::string, std::string> written;  // source property -> `.name` or `.name()`
  auto consider = [&](const OpMapping& mapping) {
    if (mapping.kind != "property" || mapping.api.empty() || !mapping.hook.empty()) return;
    const std::string name = mapping.api.substr(mapping.api.rfind('.') + 1);
    std::string text;
    auto primary = target_.data->ops.find(mapping.op);
    if (primary != target_.data->ops.end() && primary->second.kind == "property") {
      text = "." + primary->second.api.substr(primary->second.api.rfind('.') + 1);
    } else {
      for (const auto& [key, alternative] : target_.data->alternatives) {
        if (alternative.op == mapping.op && alternative.kind == "method") {
          text = "." + alternative.api.substr(alternative.api.rfind('.') + 1) + "()";
        }
      }
    }
    if (!text.empty() && text != "." + name) written.emplace(name, text);
  };
  for (const auto& [key, mapping] : source_.data->ops) consider(mapping);
  for (const auto& [key, mapping] : source_.data->alternatives) consider(mapping);
  if (written.empty()) return;
  const uint16_t trailer = python::SyntaxTree::kind_of("trailer");
  for (python::NodeId id = 0; id < tree_.size(); ++id) {
    const python::Node& node = tree_.node(id);
    if (node.kind != trailer || node.parent == python::kNoNode) continue;
    const std::string_view text = tree_.text(id);
    if (text.size() < 2 || text[0] != '.') continue;
    auto found = written.find(std::string(text.substr(1)));
    if (found == written.end()) continue;
    // Not called (`x.size()` is a method), not the first trailer of `self`, not a module's.
    if (node.next_sibling != python::kNoNode && tree_.text(node.next_sibling).substr(0, 1) == "(") {
      continue;
    }
    const python::Node& primary = tree_.node(node.parent);
    const std::string receiver = edits_.text(primary.begin, node.begin);
    if (receiver.empty() || receiver == "self" || resolver_.qualify(receiver)) continue;
    if (edits_.covered(node.begin, node.end)) continue;
    if (edits_.replace(node.begin, node.end, found->second)) ++result_.converted;
  }
}

std::optional<python::SyntaxTree> Converter::run() {
  auto calls = rewrite::find_calls(tree_);
  // Inner calls first: an outer call's arguments are read from their converted text.
  std::stable_sort(calls.begin(), calls.end(), [&](const Call& a, const Call& b) {
    return tree_.node(a.trailer).end - a.callee_begin < tree_.node(b.trailer).end - b.callee_begin;
  });
  modules_.plan(calls, [&](const std::string& qualified) {
    const auto* entries = index_.api(qualified);
    if (entries == nullptr) return false;
    for (const SourceEntry& entry : *entries) {
      const OpMapping* target = target_mapping(*target_.data, entry.op->name, entry.mapping->kind);
      if (target && (target->injected.count("rngs") || target->hook == "recurrent_layer") &&
          !left_to_hook(*entry.mapping, *target)) {
        return true;  // nnx.RNN(nnx.LSTMCell(..., rngs=rngs))
      }
    }
    return false;
  });
  layout_ = plan_layout(
      tree_, calls, [this](const Call& call) { return layout_facts(call); }, options_.keep_layout);
  for (const auto& [begin, replacement] : layout_.replacements) {
    edits_.replace(begin, replacement.first, replacement.second);
  }
  convert_references();
  convert_array_properties();
  convert_function_values();
  for (const Call& call : calls) convert_call(call);
  // Restores no converted call consumes (a subscript of an image in a plain statement).
  while (!layout_.restores.empty()) apply_restores(layout_.restores.begin()->first);
  modules_.rewrite_classes(edits_, spelling_);

  std::stable_sort(result_.diagnostics.begin(), result_.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return std::pair(a.location.line, a.location.column) <
                            std::pair(b.location.line, b.location.column);
                   });
  rewrite::Rewriter rewriter(tree_);
  try {
    edits_.apply(rewriter);
    modules_.apply_statement_edits(rewriter, spelling_);
    for (auto& [statement, messages] : comments_) {
      std::string marks;
      const std::string indentation = rewrite::indentation_of(tree_, statement);
      // In source order, each distinct message once.
      std::sort(messages.begin(), messages.end());
      std::vector<std::string> seen;
      for (const auto& [offset, message] : messages) {
        if (std::find(seen.begin(), seen.end(), message) != seen.end()) continue;
        seen.push_back(message);
        marks += "# switcheroo: " + message + "\n" + indentation;
      }
      rewriter.insert_before(statement, marks);
    }
    imports_ = spelling_.import_plan(source_.data->traits);
    spans_ = rewriter.spans();
    if (rewriter.changed()) return rewriter.print_checked();
  } catch (const rewrite::RewriteError& error) {
    throw Error(Diagnostic{Severity::error,
                           {file_, 0, 0},
                           std::string("conversion left invalid Python: ") + error.what(),
                           "convert"});
  }
  return std::nullopt;
}

}  // namespace

ConvertedCalls convert_calls(const std::string& file, const std::string& text,
                             const Framework& source, const Framework& target,
                             const Options& options) {
  python::SyntaxTree tree = parse_input(file, text);
  Converter converter(file, tree, source, target, options);
  std::optional<python::SyntaxTree> converted = converter.run();
  return ConvertedCalls{converted ? std::move(*converted) : std::move(tree),
                        converter.import_plan(), converter.take_result(), converter.spans()};
}

std::string fix_target_imports(const python::SyntaxTree& tree, const rewrite::ImportPlan& plan) {
  // The tree was parsed again after the engine's edits (and after each hook's), which proves
  // them. The import fixer only adds parsed import statements and removes whole top-level
  // import statements (a block left empty gets `pass`), so its result is printed without
  // another parse: parsing is nearly all of a conversion's time.
  rewrite::Rewriter imports(tree);
  rewrite::fix_imports(imports, plan);
  return imports.changed() ? imports.print() : tree.source().bytes();
}

FileResult convert_file(const std::string& file, const std::string& text, const Framework& source,
                        const Framework& target, const Options& options) {
  ConvertedCalls converted = convert_calls(file, text, source, target, options);
  converted.result.text = converted.tree.source().bytes() == text
                              ? text
                              : fix_target_imports(converted.tree, converted.imports);
  return std::move(converted.result);
}

}  // namespace switcheroo::convert
