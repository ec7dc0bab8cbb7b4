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
  if (!adapt_for_hook(op, *entry.mapping, target, hub_call, why)) return std::nullopt;
  wrap_scalar_operands(array_arguments(op, target), api_of(*target_.data, "asarray"), hub_call,
                       spelling_);
  axis_lists_as_tuples(op, hub_call);
  integer_padding_as_same(op.name, hub_call, target);
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
  if (target.kind == "layer" && !source_layer && op.kind != "layer") {
    why = "'" + target.api + "' is a layer in '" + target_.name +
          "': create it in __init__ and call it here";
    return std::nullopt;
  }
  auto text = write_call(hub_call, target, Phase::construct, spelling, {}, why);
  if (!text) return std::nullopt;
  if (text->injects_keys) text->text = with_keys_in_scope(text->text, call.primary);
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

// Could the receiver of a method call be an array? Not what the tensor inference knows to be
// something else: a string, a container, `self` (`self.norm(x)` calls a layer the class holds,
// whatever Tensor method shares its name), a user object. A framework's object keeps its
// methods (`optimizer.step()`).
bool Converter::tensor_method_receiver(const Call& call) const {
  if (!values_) return false;
  const ValueKind kind = values_->receiver_of(call).kind;
  return kind == ValueKind::tensor || kind == ValueKind::unknown || kind == ValueKind::layer;
}

// A mapping written through an idiom that adapts the call's arguments first.
static bool adapts_arguments(const OpMapping& mapping) {
  const BuiltinIdiom* idiom = find_idiom(mapping.hook);
  return idiom != nullptr &&
         (idiom->stage == IdiomStage::arguments || idiom->stage == IdiomStage::after_adapt);
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
    bool cell_read = false;  // nnx.RNN(nnx.LSTMCell(...)) holds its sizes in the cell
    if (!candidate && phase == Phase::construct && entry.mapping->hook == "recurrent_layer") {
      why.clear();
      candidate = read_recurrent_layer(call, entry, framework, spelling, why);
      cell_read = !why.empty();
    }
    if (!candidate) {
      // A recurrent layer whose cell cannot be read takes the hook, as does a spelling whose
      // hook is not loaded (optax schedules are values, not wrappers of an optimizer).
      if (!cell_read &&
          (entry.mapping->hook.rfind("recurrent_", 0) == 0 ||
           (!entry.mapping->hook.empty() && !options_.hooks.count(entry.mapping->hook)))) {
        why = "it needs the '" + entry.mapping->hook + "' hook";
      }
      if (first_why.empty()) first_why = why;
      continue;
    }
    int score = candidate_fit(*entry.op, *candidate) +
                sizes_fit(*entry.op, *entry.mapping, *candidate);
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
    // On a tie the plain spelling wins over one whose arguments an idiom of the engine
    // adapts to be written (mx.split as `chunk` through chunk_sizes, as `split_sizes` through
    // split_sizes_to_indices): the API takes them in another form, so the plain reading is
    // the exact one (mx.split(x, [1, 3]) cuts at indices, it makes no chunks).
    const bool plainer = score == best && choice.entry != nullptr &&
                         adapts_arguments(*choice.entry->mapping) && entry.mapping->hook.empty();
    if (choice.entry == nullptr || score > best || plainer) {
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
    if (entries == nullptr && in_place_calls_.count(call.trailer)) {
      entries = out_of_place_api(resolved.name);  // `torch.relu_(x)` made functional
    }
    if (entries == nullptr) {
      if (index_.owns(resolved.name) && !in_place_handled_.count(call.trailer)) {
        unconverted(call, resolved.name, {});
      }
      return false;
    }
  } else if (resolved.kind == ResolvedCall::Kind::instance) {
    entries = index_.api(resolved.name);
    phase = Phase::call;
    if (entries == nullptr) return false;
  } else {
    if (!tensor_method_receiver(call) || convert_temporary_store(call)) return false;
    entries = index_.method(resolved.name);
    if (entries == nullptr) entries = out_of_place_entries(call);
    if (entries == nullptr) {
      if (known_tensor(call) && !in_place_handled_.count(call.trailer)) {
        report_unmapped_method(call);
      }
      return false;
    }
  }

  // Only gaps read this API (the index keeps them only then): reported as they are, before any
  // reading fails for another reason.
  if (!entries->empty() && !entries->front().mapping->gap.empty()) {
    unconverted(call, entries->front().mapping->api, entries->front().mapping->gap);
    return false;
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
    const HubCall read = *hub_call;
    auto text = written(call, entry, *hub_call, *target, phase, why);
    // Another spelling of the op in the target's spoke, where the first refuses the call
    // (jnp.mean stands for an adaptive pool to size 1 only; the expression for any size).
    for (const auto& [key, other] : target_.data->alternatives) {
      if (text || deferred_ || other.op != entry.op->name || other.kind != target->kind) continue;
      std::string other_why;
      *hub_call = read;
      text = written(call, entry, *hub_call, other, phase, other_why);
      if (text) target = &other;
    }
    if (!text) {
      if (!deferred_) unconverted(call, api, why);
      return false;
    }
    *text += kept_result_selector(*entry.mapping, *target);
    if (phase == Phase::call && entry.mapping->hook == "recurrent_layer" && target->hook.empty() &&
        target->results.size() > 1) {
      *text += "[0]";  // the outputs, which the source's recurrent layer returns alone
    }
    if (!selected_result_.empty() && target->hook == "multi_result") {
      end = tree_.node(attribute).end;
    } else if (!selected_result_.empty() && !target->named_results) {
      // `torch.topk(x, 2).values` towards a plain tuple (`jax.lax.top_k(x, 2)[0]`).
      const auto& results = target->results;
      const auto at = std::find(results.begin(), results.end(), selected_result_);
      if (results.size() > 1 && at != results.end()) {
        if (text->back() != ')') *text = "(" + *text + ")";
        *text += "[" + std::to_string(at - results.begin()) + "]";
        end = tree_.node(attribute).end;
      }
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
  if (modules_.inside_removed_argument(call.primary) || cell_of_recurrent_layer(call)) return;
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
  const ResolvedCall resolved = resolver_.resolve(call);
  if (resolved.kind == ResolvedCall::Kind::local || modules_.is_method_call(call)) {
    convert_local_call(call);
    return;
  }
  convert_framework_call(call, resolved);
}

std::optional<python::SyntaxTree> Converter::run() {
  auto calls = rewrite::find_calls(tree_);
  // Inner calls first: an outer call's arguments are read from their converted text.
  std::stable_sort(calls.begin(), calls.end(), [&](const Call& a, const Call& b) {
    return tree_.node(a.trailer).end - a.callee_begin < tree_.node(b.trailer).end - b.callee_begin;
  });
  for (const Call& call : calls) calls_by_trailer_[call.trailer] = &call;
  collect_ordered_mappings(calls);
  collect_array_attributes();
  values_.emplace(tree_, resolver_, tensor_facts());
  modules_.plan(calls, [&](const std::string& qualified) {
    const auto* entries = index_.api(qualified);
    if (entries == nullptr) return false;
    for (const SourceEntry& entry : *entries) {
      const OpMapping* target = target_mapping(*target_.data, entry.op->name, entry.mapping->kind);
      const std::string& keys = target_.data->traits.rng.parameter;
      if (target && ((!keys.empty() && target->injected.count(keys)) ||
                     target->hook == "recurrent_layer") &&
          !left_to_hook(*entry.mapping, *target)) {
        return true;  // nnx.RNN(nnx.LSTMCell(..., rngs=rngs))
      }
    }
    return false;
  });
  layout_ = plan_layout(
      tree_, calls, [this](const Call& call) { return layout_facts(call); },
      source_.data->traits.forward_method, options_.keep_layout,
      [this](const std::string& dotted) { return function_value_op(dotted); });
  for (const auto& [begin, replacement] : layout_.replacements) {
    edits_.replace(begin, replacement.first, replacement.second);
  }
  plan_fields(calls);
  plan_state(calls);
  plan_in_place();  // after the module state: an update of state rebinds its value
  convert_references();
  convert_array_properties();
  convert_function_values();
  for (const Call& call : calls) convert_call(call);
  fields_.rewrite_children(edits_, spelling_, [this](const Call& call) { return builds_layer(call); });
  state_.rewrite(edits_, spelling_);
  report_side_effects();
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
  rewrite::Rewriter rewriter(tree_);
  try {
    fields_.take_constructor_parameters(edits_);
    edits_.apply(rewriter);
    modules_.apply_statement_edits(rewriter, spelling_);
    fields_.apply_statement_edits(rewriter, spelling_);
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

}  // namespace engine_detail

using engine_detail::Converter;

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
