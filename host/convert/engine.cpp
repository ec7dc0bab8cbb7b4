#include "converter.h"

#include "core/expression_template.h"
#include "core/hook_runner.h"
#include "idioms.h"
#include "padding_as_same.h"
#include "rewrite/edits.h"
#include "rewrite/import_fixer.h"

#include <algorithm>
#include <map>
#include <set>

namespace switcheroo::convert {
namespace engine_detail {

const OpMapping* target_mapping(const AdapterData& target, const std::string& op,
                                const std::string& kind) {
  auto primary = target.ops.find(op);
  if (primary != target.ops.end() && primary->second.kind == kind) return &primary->second;
  for (const auto& [key, mapping] : target.alternatives) {
    if (mapping.op == op && mapping.kind == kind && !mapping.api.empty()) return &mapping;
  }
  return primary == target.ops.end() ? nullptr : &primary->second;
}

// The arguments a target takes as arrays only: the mapping's own list, or for a function the
// primary spelling's (F.sigmoid takes tensors as torch.sigmoid does).
const std::vector<std::string>& Converter::array_arguments(const HubOp& op,
                                                           const OpMapping& target) const {
  if (!target.array_arguments.empty() || target.kind != "function") {
    return target.array_arguments;
  }
  auto primary = target_.data->ops.find(op.name);
  return primary == target_.data->ops.end() ? target.array_arguments
                                              : primary->second.array_arguments;
}

// A layer container built without layers (nn.Sequential()) is the identity; not every target's
// empty container is (Flax's nnx.Sequential() returns None).
static bool no_layers(const HubOp& op, const HubCall& call) {
  for (const auto& argument : op.arguments) {
    if (!argument.variadic || argument.kind != "layers") continue;
    auto found = call.values.find(argument.name);
    return found == call.values.end() || (found->second.spread && found->second.items.empty());
  }
  return false;
}

std::string api_of(const AdapterData& data, const std::string& op) {
  auto found = data.ops.find(op);
  return found == data.ops.end() ? std::string() : found->second.api;
}

Spelling Converter::hub_spelling() {
  Spelling spelling;
  spelling.api = [this](const std::string& qualified) { return spelling_.api(qualified); };
  spelling.dtype = [this](const std::string& name) { return spelling_.dtype(name); };
  spelling.key_parameter = target_.data->traits.rng.parameter;
  spelling.read_dtype = [this](const std::string& text) {
    return read_dtype(source_.data->traits, text,
                      [this](const std::string& dotted) { return resolver_.qualify(dotted); });
  };
  spelling.qualify = [this](std::string_view dotted) { return resolver_.qualify(dotted); };
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
    converted.ordered_mapping = names_ordered_mapping(argument.value);
    if (converted.kind == CallArgument::Kind::double_star) {
      converted.unpacked_keywords = unpacked_keywords(argument.value);
    }
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
  unconverted_at(call.callee_begin, call.primary, api, why);
  // Left in the source's spelling through a name the target's imports take for another module
  // (`nn.LSTM(...)` in a PyTorch file towards MLX, whose `nn` is mlx.nn): written in full.
  const std::string callee(
      tree_.source().bytes().substr(call.callee_begin, call.callee_end - call.callee_begin));
  const size_t dot = callee.find('.');
  const ResolvedCall resolved = resolver_.resolve(call);
  if (dot == std::string::npos || resolved.kind != ResolvedCall::Kind::function ||
      resolved.name.size() <= callee.size() - dot ||
      resolved.name.compare(resolved.name.size() - (callee.size() - dot), std::string::npos,
                            callee, dot) != 0 ||
      !spelling_.spell_source_name_in_full(callee.substr(0, dot), resolved.name)) {
    return;
  }
  edits_.replace(call.callee_begin, call.callee_end, resolved.name);
}

void Converter::unconverted_at(uint32_t offset, NodeId node, const std::string& api,
                               const std::string& why) {
  const auto where = tree_.source().line_column(offset);
  std::string message = why.empty()
                            ? "no mapping for '" + api + "' to '" + target_.name + "'"
                            : "cannot convert '" + api + "' to '" + target_.name + "': " + why;
  result_.diagnostics.push_back(
      Diagnostic{Severity::warning, {file_, where.line, where.column}, message, kUnit});
  ++result_.unconverted;
  const NodeId statement = rewrite::enclosing_statement(tree_, node);
  if (statement != python::kNoNode) comments_[statement].emplace_back(offset, message);
}

// The reports of calls left unconverted in the source's bytes [begin, end), which an edit
// removed (their comments would mark statements that are gone), taken back with their counts.
void Converter::withdraw_reports(uint32_t begin, uint32_t end) {
  for (auto it = comments_.begin(); it != comments_.end();) {
    const python::Node& statement = tree_.node(it->first);
    if (statement.begin < begin || statement.end > end) {
      ++it;
      continue;
    }
    for (const auto& [offset, message] : it->second) {
      const auto where = tree_.source().line_column(offset);
      const auto report = std::find_if(
          result_.diagnostics.begin(), result_.diagnostics.end(), [&](const Diagnostic& d) {
            return d.severity == Severity::warning && d.location.line == where.line &&
                   d.location.column == where.column && d.message == message;
          });
      if (report != result_.diagnostics.end()) result_.diagnostics.erase(report);
      if (result_.unconverted > 0) --result_.unconverted;
    }
    it = comments_.erase(it);
  }
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
  // What no rewrite provides yet is reported, read (torch's F.pad) or written alike.
  for (const OpMapping* side : {entry.mapping, &target}) {
    if (!side->gap.empty()) {
      why = side->gap;
      return std::nullopt;
    }
  }
  IdiomCall idiom_call{call, entry, hub_call, target, phase, why};
  const BuiltinIdiom* idiom = find_idiom(target.hook);
  if (idiom != nullptr && idiom->without_api && !target.api.empty()) idiom = nullptr;
  if (idiom != nullptr && idiom->stage == IdiomStage::whole_call) {
    return (this->*idiom->write)(idiom_call);
  }
  // A pad folded into a max pool's ceil_mode (ceil_mode_pads.cpp) is read before the pool's
  // window is adapted, which writes ceil_mode for a target that pads for it.
  if (auto folded = phase == Phase::construct ? folded_padding(call) : std::nullopt;
      folded && folded->first == "ceil_mode") {
    hub_call.values[folded->first] = folded->second;
  }
  // (A function whose target is a layer is reported for that, below.)
  const bool same_kind = (entry.mapping->kind == "layer") == (target.kind == "layer");
  if (!ceil_mode_as_padding(call, entry, hub_call, target, phase) && same_kind &&
      !ceil_mode_fits(op, hub_call, target, why)) {
    return std::nullopt;
  }
  if (!adapt_for_hook(op, *entry.mapping, target, hub_call, why)) return std::nullopt;
  wrap_scalar_operands(array_arguments(op, target), api_of(*target_.data, "asarray"), hub_call,
                       spelling_);
  axis_lists_as_tuples(op, hub_call);
  integer_padding_as_same(op.name, hub_call, target);
  same_padding_as_integer(op.name, hub_call, target);
  if (!same_padding_fits(hub_call, target, why)) return std::nullopt;
  if (idiom != nullptr && idiom->stage == IdiomStage::after_adapt) {
    return (this->*idiom->write)(idiom_call);
  }
  std::string subscript;
  if (idiom != nullptr && idiom->stage == IdiomStage::arguments &&
      !(this->*idiom->adjust)(idiom_call, subscript)) {
    return std::nullopt;
  }
  const bool source_layer = entry.mapping->kind == "layer";
  if (!subscript.empty()) {
    auto text = write_call(hub_call, target, phase, spelling, {}, why);
    if (!text) return std::nullopt;
    return text->text + subscript;
  }
  // nn.Identity(), and nn.Sequential() where the target has no identity layer of its own
  // (Flax's empty nnx.Sequential() returns None; PyTorch's and MiniGrad's pass x through).
  const auto identity = target_.data->ops.find("identity");
  const bool identity_layer = identity != target_.data->ops.end() && identity->second.kind == "layer";
  if ((target.kind == "identity" || (no_layers(op, hub_call) && !identity_layer)) &&
      source_layer && phase == Phase::construct) {
    return std::string("lambda x: x");
  }
  if (phase == Phase::call) {
    const std::string callee = edits_.text(call.callee_begin, call.callee_end);
    auto text = write_call(hub_call, target, Phase::call, spelling, callee, why);
    if (!text) return std::nullopt;
    return text->text;
  }
  if (auto folded = folded_padding(call); folded && folded->first != "ceil_mode") {
    hub_call.values[folded->first] = folded->second;  // (ceil_mode is read above)
  }
  const auto padding = padded_construction(call, op, hub_call, target);
  if (!padding) {
    if (auto sequence = padded_sequence(call, entry, hub_call, target)) return sequence;
  }
  auto text = written_construction(call, op, *entry.mapping, hub_call, target, why);
  if (text && padding && !padding->empty() && !padding_layer_before(call, *padding)) {
    why = "its padding layer cannot be put before the statement";
    return std::nullopt;
  }
  return text;
}

// Outside a layer's call (the construct phase): a construction or a function call, written in
// the target.
std::optional<std::string> Converter::written_construction(const Call& call, const HubOp& op,
                                                           const OpMapping& source,
                                                           HubCall& hub_call,
                                                           const OpMapping& target,
                                                           std::string& why) {
  const Spelling spelling = hub_spelling();
  const bool source_layer = source.kind == "layer";
  if (target.kind == "layer" && !source_layer && op.kind != "layer") {
    why = "'" + target.api + "' is a layer in '" + target_.name + "': create it in " +
          target_.data->traits.constructor + " and call it here";
    if (!target.hoist) return std::nullopt;
    return hoisted_layer(call, op, source, hub_call, target, why);
  }
  if (!kept_callee_.empty() && target.kind != "layer" && target.kind != "class") {
    why = "'" + kept_callee_ + (kept_subclass_ ? "' derives from it" : "' holds it by default") +
          ", and '" + target_.name + "' has no class for it to call";
    return std::nullopt;
  }
  // A held class's call writes what it is given: the class value the name holds carries the
  // target's differing defaults itself (`partial(nnx.BatchNorm, momentum=0.9, ...)`), and
  // another class passed in may have other parameters.
  // A class of the file that keeps a layer's constructor is that layer, defaults and keys.
  const bool held = !kept_callee_.empty() && !kept_subclass_;
  OpMapping given_only = target;
  if (held) given_only.defaults.clear();
  auto text = write_call(hub_call, given_only, Phase::construct, spelling, kept_callee_, why);
  if (!text) return std::nullopt;
  if (text->injects_keys && held) {
    text->text = without_keys(text->text);
  } else if (text->injects_keys) {
    text->text = with_keys_in_scope(text->text, call.primary);
  }
  const bool builds_layer = op.kind == "layer" && target.kind == "function";
  if (source_layer && target.kind != "layer" && target.kind != "class" && !builds_layer) {
    // A layer object becomes a function value: nn.ReLU() -> jax.nn.relu.
    return function_value(text->text, spelling);
  }
  return text->text;
}

// Outside a constructor that receives keys (module level, a script's main) a layer gets a new
// stream instead: `rngs=rngs)` -> `rngs=nnx.Rngs(0))`.
std::string Converter::with_keys_in_scope(std::string text, NodeId where) {
  const std::string& parameter = target_.data->traits.rng.parameter;
  const std::string in_scope = parameter + "=" + parameter + ")";
  if (parameter.empty() || modules_.in_keys_scope(where) || text.size() <= in_scope.size() ||
      text.compare(text.size() - in_scope.size(), in_scope.size(), in_scope) != 0) {
    return text;
  }
  text.replace(text.size() - in_scope.size(), in_scope.size(),
               parameter + "=" + modules_.fresh_keys(spelling_) + ")");
  return text;
}

// A held class's call gives no keys: the class value it holds carries its own
// (`partial(nnx.Conv, padding=0, rngs=rngs)`), and one that takes none (a partial read back
// towards PyTorch, a function) would not accept them.
std::string Converter::without_keys(std::string text) const {
  const std::string& parameter = target_.data->traits.rng.parameter;
  const std::string keys = ", " + parameter + "=" + parameter + ")";
  if (parameter.empty() || !text.ends_with(keys)) return text;
  return text.replace(text.size() - keys.size(), keys.size(), ")");
}

// The hub op of a framework function named as a value (`jax.nn.relu`): the first of its
// spellings that is a function, not a layer.
const HubOp* Converter::function_value_op(const std::string& dotted) const {
  const auto qualified = resolver_.qualify(dotted);
  const std::vector<SourceEntry>* entries = qualified ? index_.api(*qualified) : nullptr;
  if (entries == nullptr) return nullptr;
  for (const SourceEntry& entry : *entries) {
    if (entry.mapping->kind == "function") return entry.op;
  }
  return nullptr;
}

const std::vector<SourceEntry>* Converter::expression_form(const Call& call) const {
  if (!call.dotted_callee.empty() || call.callee_end <= call.callee_begin) return nullptr;
  const std::string_view callee =
      std::string_view(tree_.source().bytes())
          .substr(call.callee_begin, call.callee_end - call.callee_begin);
  return index_.form(callee, [this](std::string_view dotted) { return resolver_.qualify(dotted); });
}

void Converter::convert_local_call(const Call& call) {
  auto text = modules_.local_call(call, edits_, spelling_);
  if (!text) text = fields_.local_call(call, edits_, spelling_);
  if (!text) return;
  if (edits_.replace(call.callee_begin, tree_.node(call.trailer).end, *text)) {
    ++result_.converted;
  }
}

void Converter::convert_call(const Call& call) {
  apply_restores(call.trailer);
  if (modules_.inside_removed_argument(call.primary) || cell_of_recurrent_layer(call) ||
      inside_recurrent_stack(call) || convert_listed_stack(call) || inside_final_state(call) ||
      convert_listed_runs(call) || convert_final_state(call) || convert_state_layers(call)) {
    return;
  }
  if (fields_.is_field_template(call) || state_.handles(call)) return;
  if (auto layer = fields_.template_as_call(call)) {
    convert_template_call(call, *layer);
    return;
  }
  if (fields_.is_instantiation(call)) {
    // instantiate(<template>) is the layer the template describes.
    const auto& argument = tree_.node(call.arguments.items[0].node);
    edits_.replace(call.callee_begin, argument.begin, "");
    edits_.replace(argument.end, tree_.node(call.trailer).end, "");
    return;
  }
  if (convert_forwarded(call) || convert_added_child(call)) return;
  const ResolvedCall resolved = resolver_.resolve(call);
  if (resolved.kind == ResolvedCall::Kind::local && convert_held_class_call(call)) return;
  if (resolved.kind != ResolvedCall::Kind::function && convert_subclass_call(call)) return;
  const bool local = resolved.kind == ResolvedCall::Kind::local && expression_form(call) == nullptr;
  if (local || modules_.is_method_call(call) || modules_.calls_imported_keyed(call) ||
      modules_.calls_held_field(call)) {
    convert_local_call(call);
    return;
  }
  convert_framework_call(call, resolved);
}

// `conv_layer(...)` where `conv_layer=nn.Conv2d` is the parameter's default: converted as that
// class's constructor, the callee kept (held_layer_classes.h).
bool Converter::convert_held_class_call(const Call& call) {
  const auto held = held_classes_->constructed(call);
  if (!held) return false;
  std::string why;
  // A class the target writes as a function gets a factory taking its constructor's
  // arguments (`act=lambda inplace=None: jax.nn.relu`): the call stays as it is.
  if (layer_factory_of(*held, why)) return true;
  kept_callee_ = call.dotted_callee;
  convert_framework_call(call, ResolvedCall{ResolvedCall::Kind::function, *held});
  kept_callee_.clear();
  return true;
}

// `LayerNorm2d(c, eps=1e-3)` where `LayerNorm2d` derives from `nn.LayerNorm` and keeps its
// constructor, or `super().__init__(c, eps=e)` in the `__init__` of a class deriving from it:
// converted as that layer's construction with its callee kept (layer_subclasses.h).
bool Converter::convert_subclass_call(const Call& call) {
  auto layer = subclasses_->inherited(call.dotted_callee);
  std::string callee = call.dotted_callee;
  if (!layer && (layer = subclasses_->super_layer(call))) {
    callee = tree_.source().bytes().substr(call.callee_begin, call.callee_end - call.callee_begin);
  }
  if (!layer) return false;
  kept_callee_ = callee;
  kept_subclass_ = true;
  convert_framework_call(call, ResolvedCall{ResolvedCall::Kind::function, *layer});
  kept_callee_.clear();
  kept_subclass_ = false;
  return true;
}

// Does a call of `qualified` need random keys in the target (a layer injected with the
// target's key parameter, or a recurrent layer: nnx.RNN(nnx.LSTMCell(..., rngs=rngs)); an
// initializer that draws, `nn.init.trunc_normal_(t)`, written with `rngs.params()`), or of a
// class of the file that keeps such a layer's constructor?
bool Converter::injects_keys(const std::string& qualified) const {
  if (const auto layer = subclasses_->inherited(qualified)) return injects_keys(*layer);
  const auto* entries = index_.api(qualified);
  if (entries == nullptr) return false;
  const std::string& keys = target_.data->traits.rng.parameter;
  for (const SourceEntry& entry : *entries) {
    const OpMapping* target = target_mapping(*target_.data, entry.op->name, entry.mapping->kind);
    if (target == nullptr) continue;
    if (((!keys.empty() && target->injected.count(keys)) || target->hook == "recurrent_layer") &&
        !left_to_hook(*entry.mapping, *target)) {
      return true;
    }
    if (entry.op->draws && !keys.empty() && target_.data->traits.rng.explicit_keys()) return true;
  }
  return false;
}

// What every rewrite reads: tensor facts, module classes, the layout plan, fields and state.
void Converter::plan(const std::vector<Call>& calls) {
  for (const Call& call : calls) calls_by_trailer_[call.trailer] = &call;
  fields_.find_children(calls);  // the layout plan asks which layers children are
  collect_ordered_mappings(calls);  // finds function_defs_
  held_classes_.emplace(tree_, resolver_, function_defs_,
                        [this](const std::string& api) { return names_layer_class(api); });
  plan_subclasses();
  collect_array_attributes();
  values_.emplace(tree_, resolver_, tensor_facts());
  plan_modules(calls);
  plan_forwardings(calls);
  layout_ = plan_layout(
      tree_, calls, [this](const Call& call) { return layout_facts(call); },
      source_.data->traits.forward_method, options_.keep_layout,
      [this](const std::string& dotted) { return function_value_op(dotted); },
      {source_.data->traits.images, target_.data->traits.images});
  for (const auto& [begin, replacement] : layout_.replacements) {
    edits_.replace(begin, replacement.first, replacement.second);
  }
  if (source_.data->traits.images != target_.data->traits.images) {
    for (const auto& [begin, why] : layout_.unfollowed) {
      const auto where = tree_.source().line_column(begin);
      result_.diagnostics.push_back(
          Diagnostic{Severity::warning, {file_, where.line, where.column}, why, "layout"});
    }
  }
  plan_fields(calls);
  plan_state(calls);
  plan_in_place();  // after the module state: an update of state rebinds its value
}

// Every rewrite of the file recorded as edits, and what cannot be converted reported.
void Converter::convert(const std::vector<Call>& calls) {
  convert_references();
  convert_array_properties();
  convert_sequential_names();  // before the calls whose arguments read them
  convert_layer_attributes();  // before the calls whose arguments read them
  convert_parameter_values();
  convert_function_values();
  convert_array_type_tests(calls);
  for (const Call& call : calls) convert_call(call);
  convert_sequential_attributes();  // after the calls: it takes the converted layers
  const std::string target_list = api_of(*target_.data, "module_list");
  fields_.rewrite_children(edits_, spelling_, [this](const Call& call) { return builds_layer(call); },
                           {api_of(*source_.data, "module_list"),
                            target_list.empty() ? "" : spelling_.api(target_list)});
  state_.rewrite(edits_, spelling_);
  report_side_effects();
  convert_ties();
  convert_tied_calls();
  report_unmapped_attributes();
  // Restores no converted call consumes (a subscript of an image in a plain statement).
  while (!layout_.restores.empty()) apply_restores(layout_.restores.begin()->first);
  rewrite_in_place();
  rewrite_indexed_updates();
  modules_.rewrite_classes(edits_, spelling_);
  std::stable_sort(result_.diagnostics.begin(), result_.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return std::pair(a.location.line, a.location.column) <
                            std::pair(b.location.line, b.location.column);
                   });
}

// The comments of each statement (`# switcheroo: ...`), in source order, each message once.
void Converter::insert_comments(rewrite::Rewriter& rewriter) {
  for (auto& [statement, messages] : comments_) {
    std::string marks;
    const std::string indentation = rewrite::indentation_of(tree_, statement);
    std::sort(messages.begin(), messages.end());
    std::vector<std::string> seen;
    for (const auto& [offset, message] : messages) {
      if (std::find(seen.begin(), seen.end(), message) != seen.end()) continue;
      seen.push_back(message);
      marks += "# switcheroo: " + message + "\n" + indentation;
    }
    rewriter.insert_before(statement, marks);
  }
}

std::optional<python::SyntaxTree> Converter::run() {
  auto calls = rewrite::find_calls(tree_);
  // Inner calls first: an outer call's arguments are read from their converted text.
  std::stable_sort(calls.begin(), calls.end(), [&](const Call& a, const Call& b) {
    return tree_.node(a.trailer).end - a.callee_begin < tree_.node(b.trailer).end - b.callee_begin;
  });
  plan(calls);
  convert(calls);
  rewrite::Rewriter rewriter(tree_);
  try {
    fields_.take_constructor_parameters(edits_);
    edits_.apply(rewriter);
    modules_.apply_statement_edits(rewriter, spelling_);
    fields_.apply_statement_edits(rewriter, spelling_);
    insert_comments(rewriter);
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

}  // namespace engine_detail

using engine_detail::Converter;

void index_source(Options& options, const Framework& source) {
  options.source_index =
      std::make_shared<const engine_detail::SourceIndex>(*source.data, builtin_hub());
}

ConvertedCalls convert_calls(const std::string& file, const std::string& text,
                             const Framework& source, const Framework& target,
                             const Options& options) {
  return convert_calls(file, parse_input(file, text), source, target, options);
}

ConvertedCalls convert_calls(const std::string& file, python::SyntaxTree tree,
                             const Framework& source, const Framework& target,
                             const Options& options) {
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
