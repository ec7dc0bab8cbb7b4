// The layout side of converting a call: which arguments and results are images in the
// target's layout (layout_flow.h), the transposes written around a call, and the restores
// where a value leaves the layout-dependent code.
#include "converter.h"

#include <algorithm>

namespace switcheroo::convert {
namespace engine_detail {

CallFacts Converter::layout_facts(const Call& call) {
  CallFacts facts;
  const ResolvedCall resolved = resolver_.resolve(call);
  facts.permute_dims = permute_dims(call, resolved);
  if (facts.permute_dims != python::kNoNode) return facts;
  const auto& add_child = source_.data->traits.add_child;
  if (!call.method.empty() &&
      std::find(add_child.begin(), add_child.end(), call.method) != add_child.end()) {
    facts.adds_child = true;  // the layout flow reads the child it adds
    return facts;
  }
  // A pad call folded into its convolution's padding (padding_folds.cpp) is gone: its value
  // is its input's.
  for (const auto& [conv, fold] : padding_folds()) {
    if (!fold.pad_calls.count(call.trailer)) continue;
    facts.op = builtin_hub().find("identity");
    facts.hub = HubCall{facts.op, {}, {}, 0};
    return facts;
  }
  const std::vector<SourceEntry>* entries = nullptr;
  Phase phase = Phase::construct;
  if (resolved.kind == ResolvedCall::Kind::function && resolved.name == "functools.partial") {
    return partial_layout_facts(call);
  }
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
  } else {
    entries = expression_form(call);
  }
  if (entries == nullptr) {
    const std::set<std::string> held = modules_.constructed_classes(call);
    if (held.size() == 1 && *held.begin() != call.dotted_callee) facts.constructs = *held.begin();
    return facts;
  }
  // A layer built with a constructor's `**kwargs` reads as its constructions make it.
  const auto forwarded = forwarded_readings_.find(call.trailer);
  const FrameworkCall framework =
      forwarded != forwarded_readings_.end() ? forwarded->second : framework_call(call);
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
  const auto& results = chosen->mapping->results;
  facts.first_of_tuple = facts.layer_call && results.size() > 1 && results[0] != "_" &&
                         std::find(results.begin() + 1, results.end(), "_") != results.end();
  // A gap is reported and left as it is: its value keeps the source's layout.
  if (const OpMapping* target =
          target_mapping(*target_.data, chosen->op->name, chosen->mapping->kind);
      target != nullptr && target->gap.empty() && chosen->mapping->gap.empty()) {
    facts.layout = layout_permutation(layout_of(*chosen->op, *chosen->mapping, "input"),
                                      layout_of(*chosen->op, *target, "input"));
    facts.refused = facts.hub && fixed_values_refuse(*chosen->op, *target, *facts.hub);
  }
  return facts;
}

// Does every spelling of the op in the target, `primary` and its alternatives of the same kind,
// fix a value the call gives otherwise? Compared as written: a number spelled otherwise
// (`1.0` for `1`) counts as refused, which only keeps the call in the source's layout.
bool Converter::fixed_values_refuse(const HubOp& op, const OpMapping& primary,
                                    const HubCall& call) const {
  auto fits = [&](const OpMapping& mapping) {
    for (const auto& [name, implied] : mapping.fixed) {
      auto given = call.values.find(name);
      const HubArgument* argument = op.argument(name);
      const std::optional<std::string> value = given != call.values.end()
                                                   ? std::optional<std::string>(given->second.text)
                                               : argument != nullptr ? argument->default_value
                                                                     : std::nullopt;
      if (!value || !same_value(implied, *value)) return false;
    }
    return true;
  };
  if (fits(primary)) return false;
  for (const auto& [key, other] : target_.data->alternatives) {
    if (other.op == op.name && other.kind == primary.kind && fits(other)) return false;
  }
  return true;
}

// `partial(nnx.max_pool, window_shape=(2, 2))` held as a layer: built like the layer the
// conversion writes for it, so its output is an image in the target's layout as a pooling
// layer's is.
CallFacts Converter::partial_layout_facts(const Call& call) {
  CallFacts facts;
  if (call.arguments.items.empty() ||
      call.arguments.items.front().kind != rewrite::Argument::Kind::positional) {
    return facts;
  }
  const auto function =
      resolver_.qualify(rewrite::token_text(tree_, call.arguments.items.front().value));
  const std::vector<SourceEntry>* entries = function ? index_.api(*function) : nullptr;
  if (entries == nullptr) return facts;
  FrameworkCall bound = framework_call(call);
  bound.arguments.erase(bound.arguments.begin());
  std::string why;
  auto [chosen, hub] = function_value_entry(*entries, bound, why);
  const OpMapping* target =
      chosen == nullptr ? nullptr : target_mapping(*target_.data, chosen->op->name, "layer");
  if (target == nullptr || !target->gap.empty()) return facts;
  facts.op = chosen->op;
  facts.hub = std::move(hub);
  facts.constructor = true;
  facts.layout = layout_permutation(layout_of(*chosen->op, *chosen->mapping, "input"),
                                    layout_of(*chosen->op, *target, "input"));
  return facts;
}

// The target spoke's spelling of hub op `op` as a method (`op/method`) where it has one, else
// its primary spelling; nullptr where it spells the op neither way.
const OpMapping* Converter::method_or_function(const std::string& op) const {
  const OpMapping* spelling = nullptr;
  auto method = target_.data->alternatives.find(op + "/method");
  if (method != target_.data->alternatives.end()) spelling = &method->second;
  auto primary = target_.data->ops.find(op);
  if (spelling == nullptr && primary != target_.data->ops.end()) spelling = &primary->second;
  return spelling == nullptr || spelling->api.empty() ? nullptr : spelling;
}

// A value's axes reordered, spelled through the target spoke's `permute`: its method form where
// it has one (`x.permute(0, 3, 1, 2)`), else its function (`jnp.transpose(x, (0, 3, 1, 2))`).
// `value` empty gives the method form alone (`.permute(0, 3, 1, 2)`), for messages.
std::optional<std::string> Converter::permuted(const std::string& value,
                                               const std::vector<int>& axes) {
  const std::string listed = axes_text(axes);
  const OpMapping* spelling = method_or_function("permute");
  if (spelling == nullptr) return std::nullopt;
  const std::string& api = spelling->api;
  if (spelling->kind == "method") {
    return value + "." + api.substr(api.rfind('.') + 1) + "(" + listed + ")";
  }
  return spelling_.api(api) + "(" + (value.empty() ? "x" : value) + ", (" + listed + "))";
}

void Converter::apply_restores(NodeId consumer) {
  auto [first, last] = layout_.restores.equal_range(consumer);
  for (auto it = first; it != last; ++it) {
    const LayoutRestore& restore = it->second;
    std::string text = edits_.text(restore.begin, restore.end);
    if (restore.parenthesize) text = "(" + text + ")";
    const auto reordered = permuted(text, restore.axes);
    if (!reordered || !edits_.replace(restore.begin, restore.end, *reordered)) {
      const auto where = tree_.source().line_column(restore.begin);
      result_.diagnostics.push_back(Diagnostic{
          Severity::warning,
          {file_, where.line, where.column},
          "this value is in " + target_.name + "'s image layout here but code after it expects " +
              source_.name + "'s; permute it with " +
              permuted(std::string(), restore.axes).value_or("(" + axes_text(restore.axes) + ")"),
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

}  // namespace engine_detail
}  // namespace switcheroo::convert
