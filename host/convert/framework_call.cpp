// Converting one call of a framework API: the spellings it may read as, the one it reads as,
// and that reading written in the target's spelling of the same hub op.
#include "converter.h"

#include "idioms.h"
#include "layer_idioms.h"
#include "recurrent_carries.h"
#include "rewrite/edits.h"

#include <algorithm>

namespace switcheroo::convert {
namespace engine_detail {

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
      if (runs_other_cell(call, entry)) continue;  // nnx.RNN(nnx.LSTMCell(...)) is no GRU
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
    int score =
        reading_fit(*entry.op, *candidate) + sizes_fit(*entry.op, *entry.mapping, *candidate);
    // An op the target lacks loses to one it has (jnp.mean(x, axis=(1, 2), keepdims=True) is
    // a global average pool for PyTorch, a mean for NumPy).
    if (target_mapping(*target_.data, entry.op->name, entry.mapping->kind) == nullptr) score -= 16;
    // A spelling that is recognized by a value it passes (adaptive_avg_pool2d with
    // output_size=1 is global_avg_pool2d) is more specific than the one that takes any value.
    for (const auto& [parameter, expression] : entry.mapping->injected) {
      if (expression.find('{') == std::string::npos && !is_plumbing(expression)) score += 2;
    }
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

// The API a report names: the source spelling's, or the op's for an expression form read
// back, which has none.
std::string reported_api(const SourceEntry& entry) {
  return entry.mapping->api.empty() ? entry.op->name : entry.mapping->api;
}

// `functools.partial(F.gelu, approximate='tanh')`: the bound function written as the target's
// function value with the same arguments bound.
// A class of the file keeping a layer's constructor binds the layer's arguments, its name kept:
// `partial(LayerNorm2d, eps=1e-6)` -> `partial(LayerNorm2d, epsilon=1e-06, rngs=rngs)`.
bool Converter::convert_partial_call(const Call& call) {
  const std::string name = rewrite::token_text(tree_, call.arguments.items[0].value);
  auto function = resolver_.qualify(name);
  const auto layer = function ? std::nullopt : subclasses_->inherited(name);
  if (layer) function = layer;
  if (!function || !index_.api(*function)) return false;
  FrameworkCall bound = framework_call(call);
  bound.arguments.erase(bound.arguments.begin());
  std::string why;
  if (layer) kept_callee_ = name;
  kept_subclass_ = layer.has_value();
  auto text = function_value_of(*function, bound, call.primary, why);
  kept_callee_.clear();
  kept_subclass_ = false;
  if (!text) {
    unconverted(call, *function, why);
    return false;
  }
  if (edits_.replace(call.callee_begin, tree_.node(call.trailer).end, *text)) {
    ++result_.converted;
  }
  return true;
}

// The source spellings a call may read as, and whether it constructs or calls; nullptr (after
// reporting what the source framework owns and cannot convert) when there are none.
const std::vector<SourceEntry>* Converter::source_entries(const Call& call,
                                                          const ResolvedCall& resolved,
                                                          Phase& phase) {
  phase = Phase::construct;
  if (resolved.kind == ResolvedCall::Kind::function) {
    const std::vector<SourceEntry>* entries = index_.api(resolved.name);
    if (entries == nullptr && in_place_calls_.count(call.trailer)) {
      entries = out_of_place_api(resolved.name);  // `torch.relu_(x)` made functional
    }
    if (entries == nullptr && index_.owns(resolved.name) &&
        !in_place_handled_.count(call.trailer)) {
      unconverted(call, resolved.name, {});
    }
    return entries;
  }
  if (resolved.kind == ResolvedCall::Kind::instance) {
    phase = Phase::call;
    return index_.api(resolved.name);
  }
  if (resolved.kind == ResolvedCall::Kind::local) return expression_form(call);
  if (!tensor_method_receiver(call) || convert_temporary_store(call)) return nullptr;
  const std::vector<SourceEntry>* entries = index_.method(resolved.name);
  if (entries == nullptr) entries = out_of_place_entries(call);
  if (entries == nullptr && known_tensor(call) && !in_place_handled_.count(call.trailer)) {
    report_unmapped_method(call);
  }
  return entries;
}

// A source spelling that names an enabled hook in every reading (jax.random.normal(key, ...)
// for rng_threading) is the hook's to rewrite, arguments and all, when the target has the
// operation at all (an optimizer step towards NumPy is reported, not left silently).
bool Converter::left_to_reading_hook(const std::vector<SourceEntry>& entries) const {
  return !entries.empty() &&
         std::all_of(entries.begin(), entries.end(),
                     [&](const SourceEntry& entry) {
                       return !entry.mapping->hook.empty() && entry.mapping->kind != "layer" &&
                              options_.hooks.count(entry.mapping->hook) > 0;
                     }) &&
         std::any_of(entries.begin(), entries.end(), [&](const SourceEntry& entry) {
           return target_mapping(*target_.data, entry.op->name, entry.mapping->kind) != nullptr;
         });
}

// Every reading of the call is an op whose target spelling an enabled hook writes
// (kaiming_uniform_ with nonlinearity='sigmoid' towards Flax, which the initializer hook reads
// itself): where the engine cannot read the call, the hook still rewrites it, or reports it.
bool Converter::left_to_writing_hook(const std::vector<SourceEntry>& entries) const {
  return !entries.empty() &&
         std::all_of(entries.begin(), entries.end(), [&](const SourceEntry& entry) {
           const OpMapping* target =
               target_mapping(*target_.data, entry.op->name, entry.mapping->kind);
           return target != nullptr && left_to_hook(*entry.mapping, *target);
         });
}

bool Converter::convert_framework_call(const Call& call, const ResolvedCall& resolved) {
  if (resolved.kind == ResolvedCall::Kind::function && resolved.name == "functools.partial" &&
      !call.arguments.items.empty() &&
      call.arguments.items.front().kind == rewrite::Argument::Kind::positional) {
    return convert_partial_call(call);
  }
  if (convert_recurrent_stack(call, resolved)) return true;
  Phase phase = Phase::construct;
  const std::vector<SourceEntry>* entries = source_entries(call, resolved, phase);
  if (entries == nullptr) return false;
  // Only gaps read this API (the index keeps them only then): reported as they are, before any
  // reading fails for another reason.
  if (!entries->empty() && !entries->front().mapping->gap.empty()) {
    unconverted(call, entries->front().mapping->api, entries->front().mapping->gap);
    return false;
  }
  if (left_to_reading_hook(*entries)) return false;
  const FrameworkCall framework = framework_call(call);
  const Spelling spelling = hub_spelling();
  std::string first_why;
  auto [chosen, hub_call] = choose_entry(call, *entries, phase, framework, spelling, first_why);
  if (chosen != nullptr) return convert_chosen_call(call, resolved, *chosen, *hub_call, phase);
  if (resolved.kind != ResolvedCall::Kind::method && !left_to_writing_hook(*entries)) {
    unconverted(call, resolved.name, first_why);
  }
  if (phase == Phase::construct) remember_left_layer(call);
  return false;
}

// `torch.max(x, 1).values`: the attribute picks one of a named multi-result.
void Converter::select_named_result(const Call& call, const SourceEntry& entry) {
  selected_result_.clear();
  const NodeId attribute = tree_.node(call.trailer).next_sibling;
  if (entry.mapping->named_results && attribute != python::kNoNode) {
    const std::string name = rewrite::token_text(tree_, attribute);
    if (name.size() > 1 && name[0] == '.' && entry.op->result(name.substr(1)) != nullptr) {
      selected_result_ = name.substr(1);
    }
  }
}

// The call, read as `entry`, written in the target's spelling of the same op.
bool Converter::convert_chosen_call(const Call& call, const ResolvedCall& resolved,
                                    const SourceEntry& entry, HubCall& hub_call, Phase phase) {
  const OpMapping* target = target_mapping(*target_.data, entry.op->name, entry.mapping->kind);
  const std::string api = reported_api(entry);
  if (fold_padding_layer(call, phase)) return true;
  if (apply_layout_action(call, resolved, entry, hub_call, target)) return true;
  if (phase == Phase::call) {
    // The constructed object is called: it stays a call of the same object when the target
    // also has a layer; a layer that became a function value is called as it is.
    if (target == nullptr || target->kind != "layer" || left_layer(call)) return false;
  }
  const bool swapped = phase == Phase::call && swapped_layer(call);
  std::string why;
  if (swapped && !swap_layer_inputs(*entry.op, hub_call, why)) {
    unconverted(call, api, why);
    return false;
  }
  if (target == nullptr) {
    unconverted(call, api, {});
    return false;
  }
  if (phase == Phase::call) {
    if (auto runs = convert_listed_run(call, entry, hub_call, *target, api, swapped)) return *runs;
    if (convert_built_state_call(call, entry, hub_call, *target, api, swapped)) return true;
  }
  if (phase == Phase::call && !padded_layer_input(call, *entry.op, hub_call)) {
    ceil_padded_layer_input(call, *entry.op, hub_call);
  }
  // A layer whose call returns a tuple (pl.Pooling's (out, paddings)), or more results than
  // the source's (keras.layers.LSTM's output alone read as nn.LSTM, which returns (output,
  // (h, c))), in a sequential layer, which would hand the whole tuple on to the next layer.
  const auto& results = target->results;
  const bool tuple =
      results.size() > 1 && (std::find(results.begin(), results.end(), "_") != results.end() ||
                             results.size() > entry.mapping->results.size());
  const auto in_sequential = [&] {
    for (NodeId node = tree_.node(call.primary).parent; node != python::kNoNode;
         node = tree_.node(node).parent) {
      auto around = calls_by_trailer_.find(node);
      if (around == calls_by_trailer_.end()) continue;
      const ResolvedCall outer = resolver_.resolve(*around->second);
      const auto* built = outer.kind == ResolvedCall::Kind::function ? index_.api(outer.name)
                                                                     : nullptr;
      return built != nullptr && std::any_of(built->begin(), built->end(), [](const auto& e) {
               return e.op->name == "sequential";
             });
    }
    return false;
  };
  if (phase == Phase::construct && target->kind == "layer" && tuple && in_sequential()) {
    unconverted(call, api,
                "'" + target->api + "' returns a tuple, which a sequential layer hands on to "
                "its next layer as that layer's arguments");
    remember_left_layer(call);
    return false;
  }
  // A source spelling only a hook plugin can read (nnx.value_and_grad(loss_fn) is a training
  // step, not a call to translate) stays unless the hook also writes the target's spelling.
  const std::string& reader = entry.mapping->hook;
  if (!reader.empty() && entry.mapping->kind != "layer" && options_.hooks.count(reader) &&
      target->hook != reader) {
    unconverted(call, api,
                "reading it is the '" + reader + "' hook's work, which does not rewrite towards '" +
                    target_.name + "'");
    return false;
  }
  if (target->kind == "layer" && !target->hook.empty() && !target->note.empty() &&
      target->hook != "recurrent_layer" && phase == Phase::construct) {
    note(call.callee_begin, "'" + target->api + "': " + target->note);
  }
  select_named_result(call, entry);
  if (phase == Phase::construct && entry.mapping->hook == "expression" &&
      convert_layer_lambda(call, entry, hub_call)) {
    return true;
  }
  auto text = written_in_any_spelling(call, entry, hub_call, target, phase, why);
  if (!text) {
    if (!deferred_) unconverted(call, api, why);
    if (phase == Phase::construct && target->kind == "layer") remember_left_layer(call);
    return false;
  }
  // A layer's results are its call's (pl.Pooling returns (out, paddings)), not its constructor's.
  if (phase == Phase::call || target->kind != "layer") {
    *text += kept_result_selector(*entry.mapping, *target);
  }
  if (phase == Phase::call && entry.mapping->hook == "recurrent_layer" && target->hook.empty() &&
      target->results.size() > 1) {
    *text += "[0]";  // the outputs, which the source's recurrent layer returns alone
  }
  uint32_t end = with_result_selector(call, entry, *target, *text);
  if (phase == Phase::call) {
    const size_t unnarrowed = text->size();
    const auto narrowed = narrowed_layer_results(call, entry, *target, *text, end, why);
    if (!narrowed) {
      unconverted(call, api, why);
      return false;
    }
    end = *narrowed;
    // Narrowing may have kept the first result already (`[0]`), which the swap then wraps.
    const bool first_selected = text->size() > unnarrowed;
    if (swapped && target->results.size() > 1 && !first_selected) {
      // A tuple's first result has its axes swapped back, not the tuple: `layer(...)[0]` only.
      // `out, _ = layer(...)` becomes `out = layer(...)[0]` with the axes of that swapped.
      const NodeId next = tree_.node(call.trailer).next_sibling;
      const bool selected = next != python::kNoNode && rewrite::token_text(tree_, next) == "[0]";
      const NodeId targets = selected ? python::kNoNode : discarding_unpack(call, results.size());
      bool first_kept = selected && end == tree_.node(call.trailer).end;
      if (targets != python::kNoNode) {
        const auto& span = tree_.node(targets);
        first_kept = edits_.replace(span.begin, span.end,
                                  node_text(tree_.children(targets).front()));
      }
      if (!first_kept) {
        unconverted(call, api,
                    "'" + target->api + "' returns a tuple: a call whose axes are swapped "
                    "converts only as '...[0]' or 'out, _ = ...'");
        return false;
      }
      *text += "[0]";
      if (selected) end = tree_.node(next).end;
    }
    if (swapped) text = axes_swapped(*text);  // spelled: its inputs were
  }
  return replace_converted(call, entry, hub_call, *target, end, std::move(*text));
}

// The call written through `target`, or through another spelling of the op in the target's
// spoke where the first refuses it (jnp.mean stands for an adaptive pool to size 1 only; the
// expression for any size); `target` becomes the spelling used.
std::optional<std::string> Converter::written_in_any_spelling(const Call& call,
                                                              const SourceEntry& entry,
                                                              HubCall& hub_call,
                                                              const OpMapping*& target, Phase phase,
                                                              std::string& why) {
  deferred_ = false;
  if (phase == Phase::construct && stacks_recurrent_layers(*entry.op, *target)) {
    const auto shape = recurrent_shape(hub_call, why);  // several layers: the target's stack
    if (!shape) return std::nullopt;
    if (shape->layers > 1 || shape->bidirectional ||
        recurrent_state_use(built_attribute(call)) == StateUse::state) {
      return recurrent_layers(call, hub_call, *target, why);
    }
  }
  const HubCall read = hub_call;
  auto text = written(call, entry, hub_call, *target, phase, why);
  for (const auto& [key, other] : target_.data->alternatives) {
    if (text || deferred_ || other.op != entry.op->name || other.kind != target->kind) continue;
    std::string other_why;
    hub_call = read;
    text = written(call, entry, hub_call, other, phase, other_why);
    if (text) target = &other;
  }
  return text;
}

// Where the rewritten text ends: after the call, or after the result selector that follows it
// (`.values`, `[0]`) when the written text selects that result itself.
uint32_t Converter::with_result_selector(const Call& call, const SourceEntry& entry,
                                         const OpMapping& target, std::string& text) {
  const uint32_t end = tree_.node(call.trailer).end;
  const NodeId attribute = tree_.node(call.trailer).next_sibling;
  if (attribute == python::kNoNode) return end;
  if (!selected_result_.empty() && target.hook == "multi_result") {
    return tree_.node(attribute).end;
  }
  if (!selected_result_.empty() && !target.named_results) {
    // `torch.topk(x, 2).values` towards a plain tuple (`jax.lax.top_k(x, 2)[0]`).
    const auto& results = target.results;
    const auto at = std::find(results.begin(), results.end(), selected_result_);
    if (results.size() > 1 && at != results.end()) {
      if (text.back() != ')') text = "(" + text + ")";
      text += "[" + std::to_string(at - results.begin()) + "]";
      return tree_.node(attribute).end;
    }
  }
  const auto& kept = entry.mapping->results;
  if (kept.size() > 1 && kept[0] != "_" && std::find(kept.begin(), kept.end(), "_") != kept.end() &&
      target.results.size() <= 1) {
    // torch.sort(x)[0] read as `sort` (the values only): the selector goes with the tuple.
    const std::string after = rewrite::token_text(tree_, attribute);
    if (after == "[0]" || after == ".values") return tree_.node(attribute).end;
  }
  return end;
}

// The call's text replaced by the written one, with notes on what was dropped.
bool Converter::replace_converted(const Call& call, const SourceEntry& entry,
                                  const HubCall& hub_call, const OpMapping& target, uint32_t end,
                                  std::string text) {
  const std::string api = reported_api(entry);
  const std::string original = edits_.text(call.callee_begin, end);
  if (text == original) return true;
  text = follow_layout(text, original);
  // Called in place (`nn.CrossEntropyLoss()(z, y) + ...`) or an operand, a lambda would take
  // in what follows it.
  if (text.rfind("lambda ", 0) == 0 && !rewrite::call_stands_alone(tree_, call)) {
    text = "(" + text + ")";
  }
  if (!edits_.replace(call.callee_begin, end, text)) {
    unconverted(call, api, "it overlaps another rewrite");
    return false;
  }
  ++result_.converted;
  for (const auto& ignored : hub_call.ignored) {
    note(call.callee_begin, "'" + ignored + "' of '" + api + "' has no equivalent in '" +
                                target_.name + "' and is dropped");
  }
  if (target.kind == "identity" && !target.note.empty()) {
    note(call.callee_begin, target.note);
  }
  return true;
}

}  // namespace engine_detail
}  // namespace switcheroo::convert
