// In-place updates and immutable arrays (issue 21), found by inplace_updates.h.
//
// Towards a target whose arrays cannot be updated (traits `[arrays] mutable = false`):
//   y.mul_(2.0).add_(1.0)     ->  y = jnp.add(jnp.multiply(y, 2.0), 1.0)
//   out[:, -1].zero_()        ->  out = out.at[:, -1].set(0)
//   scores[:, :, 0] = 0.0     ->  scores = scores.at[:, :, 0].set(0.0)
//   y[y < 0] = 0.0            ->  y = jnp.where(y < 0, 0.0, y)
// An in-place method reads as its out-of-place counterpart (the source's suffix dropped), so
// the hub writes it; a store (`zero_`, `fill_`, `copy_`) and an item assignment become the
// target's indexed update (`[arrays] indexed-update`). What cannot be made functional, or is
// made functional while another name may hold the array, is reported with `[purity]`.
//
// Towards a target that updates in place, an indexed update as the value of an assignment
// becomes a copy and an item assignment: `x = y.at[i].add(v)` -> `x = torch.clone(y)` and
// `x[i] += v`; the array another name may hold is never changed.
#include "call_helpers.h"
#include "converter.h"

#include "rewrite/edits.h"

namespace switcheroo::convert::engine_detail {

namespace {

constexpr const char* kPurity = "purity";

// A value written after an operator keeps its meaning: `x[i] - (a + b)`.
std::string operand(const python::SyntaxTree& tree, NodeId node, std::string text) {
  const std::string_view kind = tree.kind_name(node);
  if (kind == "atom" || kind == "primary" || tree.is_token(node)) return text;
  return "(" + text + ")";
}

}  // namespace

void Converter::report_unconverted(uint32_t offset, NodeId node, const std::string& message,
                                   const std::string& unit) {
  const auto where = tree_.source().line_column(offset);
  result_.diagnostics.push_back(
      Diagnostic{Severity::warning, {file_, where.line, where.column}, message, unit});
  ++result_.unconverted;
  const NodeId statement = rewrite::enclosing_statement(tree_, node);
  if (statement != python::kNoNode) comments_[statement].emplace_back(offset, message);
}

void Converter::purity(uint32_t offset, NodeId node, const std::string& message) {
  report_unconverted(offset, node, message, kPurity);
}

const Call* Converter::call_at(NodeId trailer) const {
  auto found = calls_by_trailer_.find(trailer);
  return found == calls_by_trailer_.end() ? nullptr : found->second;
}

void Converter::plan_in_place() {
  const AdapterTraits& source = source_.data->traits;
  const AdapterTraits& target = target_.data->traits;
  // A target with in-place updates of its own but no in-place methods (its arrays take
  // `y[...] = v`) writes the source's methods as stores.
  if (!source.in_place_suffix.empty() &&
      (!target.mutable_arrays || target.in_place_suffix.empty())) {
    plan_functional_updates();
  }
  if (target.mutable_arrays && !source.indexed_updates.empty()) {
    indexed_updates_ = find_indexed_updates(tree_, source.indexed_updates);
    for (const IndexedUpdate& update : indexed_updates_) {
      const auto parts = tree_.children(tree_.children(update.statement)[2]);
      indexed_accessors_.insert(parts[parts.size() - 4]);
    }
  }
  if (!target.indexed_updates.count("get")) rewrite_indexed_reads();
}

// `y.at[i].get()` -> `y[i]`: the accessor and the read go, so that the calls around and
// inside convert as they are.
void Converter::rewrite_indexed_reads() {
  for (const IndexedRead& read : find_indexed_reads(tree_, source_.data->traits.indexed_updates)) {
    const python::Node& accessor = tree_.node(read.accessor);
    const python::Node& index = tree_.node(read.index);
    const NodeId get = tree_.node(read.index).next_sibling;
    if (!edits_.replace(accessor.begin, accessor.end, "") ||
        !edits_.replace(index.end, read.end, "")) {
      continue;
    }
    indexed_accessors_.insert(read.accessor);
    in_place_handled_.insert(tree_.node(get).next_sibling);
    ++result_.converted;
  }
}

InPlaceRules Converter::in_place_rules() const {
  const AdapterTraits& source = source_.data->traits;
  InPlaceRules rules;
  rules.suffix = source.in_place_suffix;
  rules.stores = source.in_place_stores;
  rules.has_method = [this](const std::string& method) { return index_.method(method) != nullptr; };
  // A method of a receiver that may be a tensor is converted by its name (docs/conversion.md),
  // and so is an in-place one; an item assignment needs a known tensor (dicts take them too).
  rules.tensor_receiver = [this](NodeId trailer) {
    const Call* call = call_at(trailer);
    // `torch.relu_(x)`, `nn.init.zeros_(w)`: a function of a module, not a method.
    if (call == nullptr || !values_ ||
        resolver_.resolve(*call).kind != ResolvedCall::Kind::method) {
      return false;
    }
    const ValueKind kind = values_->receiver_of(*call).kind;
    return kind == ValueKind::tensor || kind == ValueKind::unknown;
  };
  rules.tensor = [this](NodeId node) { return values_->value_of(node).kind == ValueKind::tensor; };
  rules.framework_call = [this](NodeId trailer) {
    const Call* call = call_at(trailer);
    if (call == nullptr) return false;
    const ResolvedCall resolved = resolver_.resolve(*call);
    if (resolved.kind == ResolvedCall::Kind::function) return index_.api(resolved.name) != nullptr;
    return resolved.kind == ResolvedCall::Kind::method && index_.method(resolved.name) != nullptr;
  };
  rules.in_place_function = [this](NodeId trailer) {
    const Call* call = call_at(trailer);
    if (call == nullptr || call->arguments.items.empty() ||
        call->arguments.items.front().kind != rewrite::Argument::Kind::positional) {
      return python::kNoNode;
    }
    const ResolvedCall resolved = resolver_.resolve(*call);
    return resolved.kind == ResolvedCall::Kind::function && out_of_place_api(resolved.name)
               ? call->arguments.items.front().value
               : python::kNoNode;
  };
  return rules;
}

// `torch.relu` for `torch.relu_` when the source maps it and not the in-place spelling.
const std::vector<SourceEntry>* Converter::out_of_place_api(const std::string& name) const {
  const std::string& suffix = source_.data->traits.in_place_suffix;
  if (suffix.empty() || name.size() <= suffix.size() ||
      name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0 ||
      index_.api(name) != nullptr) {
    return nullptr;
  }
  return index_.api(name.substr(0, name.size() - suffix.size()));
}

void Converter::plan_functional_updates() {
  const bool stores = target_.data->traits.mutable_arrays;
  const bool indexed = !target_.data->traits.indexed_updates.empty();
  using Form = InPlaceUpdate::Form;
  for (InPlaceUpdate& update : find_in_place_updates(tree_, in_place_rules())) {
    // Item assignments are the target's own in-place updates.
    if (stores && update.form != Form::methods && update.form != Form::temporary &&
        update.form != Form::value_used) {
      continue;
    }
    in_place_handled_.insert(update.calls.begin(), update.calls.end());
    update.written_base = edits_.text(update.begin, update.base_end);
    if (update.sharing == Sharing::attribute && state_attribute(update)) {
      update.sharing = Sharing::none;  // `self.mean.value = ...`: the state class holds it
    }
    const bool needs_index = (update.index != python::kNoNode && !update.mask) ||
                             (!update.store.empty() && update.form != Form::item);
    const bool rebinds = update.form == Form::value_used
                             ? update.plain_name && update.store.empty() &&
                                   (!stores || update.sharing == Sharing::none)
                             : !update.uncertain && (stores || update.sharing != Sharing::attribute);
    // A set at one index of a later axis, where the target spells it (`set-axis`).
    const bool fits = target_.data->traits.indexed_update_index == "any" ||
                      is_first_axis_index(tree_, update.index) ||
                      (target_.data->traits.indexed_updates.count("set-axis") &&
                       axis_index(tree_, update.index));
    const bool functional = rebinds && (stores || (indexed && fits) || !needs_index);
    if (functional && update.store.empty()) {
      in_place_calls_.insert(update.calls.begin(), update.calls.end());
    }
    // A temporary is written where its call converts, or reported there as a temporary.
    if (functional || update.form == Form::value_used || update.form == Form::temporary ||
        update.uncertain || update.sharing == Sharing::attribute) {
      in_place_.push_back(std::move(update));
    } else {
      blocked_in_place_.push_back(std::move(update));
    }
  }
}

// `self.<name>` held in the target's state class (module_state.h).
bool Converter::state_attribute(const InPlaceUpdate& update) const {
  const std::string prefix = "self.";
  return update.base.rfind(prefix, 0) == 0 &&
         update.base.find('.', prefix.size()) == std::string::npos &&
         state_.holds(update.base.substr(prefix.size()));
}

// The out-of-place counterpart's readings, for an in-place call made functional.
const std::vector<SourceEntry>* Converter::out_of_place_entries(const Call& call) const {
  if (!in_place_calls_.count(call.trailer)) return nullptr;
  const std::string& suffix = source_.data->traits.in_place_suffix;
  return index_.method(call.method.substr(0, call.method.size() - suffix.size()));
}

std::optional<std::string> Converter::indexed_update(const std::string& update,
                                                     const std::string& array,
                                                     const std::string& index,
                                                     const std::string& value,
                                                     const AxisFields& axis) {
  const auto& templates = target_.data->traits.indexed_updates;
  auto found = templates.find(update);
  if (found == templates.end()) return std::nullopt;
  // `{api:tensorflow.shape}` as the target imports it.
  std::string text = found->second;
  const std::string open = "{api:";
  for (size_t at = text.find(open); at != std::string::npos; at = text.find(open, at)) {
    const size_t close = text.find('}', at);
    if (close == std::string::npos) return std::nullopt;
    const std::string api = spelling_.api(text.substr(at + open.size(), close - at - open.size()));
    text.replace(at, close + 1 - at, api);
    at += api.size();
  }
  return call_detail::filled(text, {{"{array}", array}, {"{index}", index}, {"{value}", value},
                       {"{axis}", axis.first}, {"{at}", axis.second}});
}

// The text between a subscript trailer's brackets, converted.
std::string Converter::index_text(NodeId trailer) const {
  const NodeId open = tree_.node(trailer).first_child;
  NodeId close = open;
  while (tree_.node(close).next_sibling != python::kNoNode) close = tree_.node(close).next_sibling;
  return edits_.text(tree_.node(open).end, tree_.node(close).begin);
}

std::optional<std::string> Converter::stored_value(const InPlaceUpdate& update) const {
  const Call* call = call_at(update.calls.front());
  if (call == nullptr) return std::nullopt;
  if (update.store.find("{0}") == std::string::npos) return update.store;
  if (call->arguments.items.empty()) return std::nullopt;
  return call_detail::filled(update.store, {{"{0}", node_text(call->arguments.items.front().value)}});
}

// Are the update's calls converted (their out-of-place counterparts written)?
bool Converter::calls_converted(const InPlaceUpdate& update) const {
  return std::all_of(update.calls.begin(), update.calls.end(), [&](NodeId trailer) {
    const Call* call = call_at(trailer);
    return call != nullptr && edits_.covered(call->callee_begin, tree_.node(trailer).end);
  });
}

// The value stored into the base: the converted chain, a store, or an item's value.
std::optional<std::string> Converter::updated_value(const InPlaceUpdate& update) {
  using Form = InPlaceUpdate::Form;
  const python::Node& statement = tree_.node(update.statement);
  if (update.form == Form::methods) {
    if (!update.store.empty()) return stored_value(update);
    if (!calls_converted(update)) return std::nullopt;  // reported as it is
    return edits_.text(statement.begin, statement.end);
  }
  std::string value = node_text(update.value);
  if (update.form == Form::augmented_item) {
    const std::string current =
        update.mask ? update.base : update.base + "[" + index_text(update.index) + "]";
    value = current + " " + update.operation + " " + operand(tree_, update.value, value);
  }
  return value;
}

std::optional<std::string> Converter::functional_text(const InPlaceUpdate& update) {
  auto value = updated_value(update);
  if (!value) return std::nullopt;
  const std::string& base = update.written_base;
  const std::string index = update.index == python::kNoNode ? "..." : index_text(update.index);
  if (target_.data->traits.mutable_arrays) return base + "[" + index + "] = " + *value;
  if (update.form == InPlaceUpdate::Form::methods && update.index == python::kNoNode &&
      update.store.empty()) {
    // A declared variable, written by the module's method: `self.update_var('seen', ...)`.
    if (state_attribute(update)) {
      if (auto text = state_.variable_write(update.base.substr(5), *value)) return *text;
    }
    // State whose class writes it by a method: `self.seen.assign(...)`.
    const auto& writes = target_.data->traits.state_writes;
    if (state_attribute(update) && writes.count("=")) {
      return base + "." + writes.at("=") + "(" + *value + ")";
    }
    return base + " = " + *value;
  }
  if (update.mask) {
    const std::string where = api_of(*target_.data, "where");
    const NodeId inner = tree_.node(tree_.node(update.index).first_child).next_sibling;
    if (where.empty()) return std::nullopt;
    return base + " = " + spelling_.api(where) + "(" + node_text(inner) + ", " + *value + ", " +
           base + ")";
  }
  const bool any = target_.data->traits.indexed_update_index == "any";
  if (!any && !update.mask && !is_first_axis_index(tree_, update.index)) {
    if (const auto at = axis_index(tree_, update.index)) {
      auto text = indexed_update("set-axis", base, index, *value,
                                 {std::to_string(at->axis), as_operand(node_text(at->at))});
      if (!text) return std::nullopt;
      return base + " = " + *text;
    }
  }
  static const std::map<std::string, std::string> kAugmented = {
      {"+", "add"}, {"*", "multiply"}, {"/", "divide"}};
  if (update.form == InPlaceUpdate::Form::augmented_item) {
    auto named = kAugmented.find(update.operation);
    if (named != kAugmented.end()) {
      if (auto text = indexed_update(named->second, base, index, node_text(update.value))) {
        return base + " = " + *text;
      }
    }
  }
  auto text = indexed_update("set", base, index, *value);
  if (!text) return std::nullopt;
  return base + " = " + *text;
}

void Converter::report_sharing(const InPlaceUpdate& update) {
  const NodeId node = update.statement != python::kNoNode
                          ? update.statement
                          : tree_.node(update.calls.front()).parent;
  if (update.sharing == Sharing::alias) {
    purity(update.begin, node,
           "'" + update.base + "' is updated in place while '" + update.shared_with +
               "' holds the same array: it is rebound, and '" + update.shared_with +
               "' keeps the old value");
  } else if (update.sharing == Sharing::argument) {
    purity(update.begin, node,
           "'" + update.base + "', an argument of '" + update.shared_with +
               "', is updated in place: it is rebound, and the caller's array keeps its value");
  }
}

// The name of an update's first in-place call: `relu_`, `torch.relu_`.
std::string Converter::in_place_name(const InPlaceUpdate& update) const {
  const Call* call = call_at(update.calls.front());
  if (call == nullptr) return "?";
  return call->method.empty() ? call->dotted_callee : call->method;
}

// An update whose value is used, on a plain name: `(y := <out-of-place call>)`.
void Converter::rewrite_value_used(const InPlaceUpdate& update) {
  const Call* call = call_at(update.calls.front());
  const NodeId node = tree_.node(update.calls.front()).parent;
  const uint32_t end = tree_.node(update.calls.back()).end;
  const bool converted = call != nullptr && in_place_calls_.count(call->trailer) &&
                         calls_converted(update);
  if (!converted) {
    std::string why = "it cannot be made functional";
    if (target_.data->traits.mutable_arrays) {
      why = update.sharing == Sharing::alias
                ? "'" + update.shared_with + "' may hold the same array, so it is not rebound"
            : update.sharing == Sharing::argument
                ? "the caller of '" + update.shared_with + "' holds the same array, so it is not rebound"
                : "'" + target_.name + "' has no in-place form of it";
    }
    purity(call ? call->callee_begin : update.begin, node,
           "'" + in_place_name(update) + "' updates '" + update.base +
               "' in place and its value is used: " + why);
    return;
  }
  const std::string text =
      "(" + update.base + " := " + edits_.text(update.expression_begin, end) + ")";
  if (!edits_.replace(update.expression_begin, end, text)) {
    not_rewritten(update, node);
    return;
  }
  report_sharing(update);
}

void Converter::not_rewritten(const InPlaceUpdate& update, NodeId node) {
  purity(update.begin, node,
         "'" + update.base + "' is updated in place, and its rewrite overlaps another rewrite "
                             "of the same code: not rewritten");
}

void Converter::rewrite_in_place() {
  using Form = InPlaceUpdate::Form;
  for (const InPlaceUpdate& update : in_place_) {
    const NodeId statement = update.statement;
    if (update.form == Form::value_used) {
      rewrite_value_used(update);
      continue;
    }
    if (update.uncertain) {
      purity(update.begin, statement,
             "'" + update.base +
                 "' may hold an array and is updated at an index in place: "
                 "not rewritten, since what it holds is not known");
      continue;
    }
    if (update.sharing == Sharing::attribute && !target_.data->traits.mutable_arrays) {
      purity(update.begin, statement,
             "'" + update.base + "' is an attribute updated in place: it cannot be rebound here");
      continue;
    }
    if (update.form == Form::temporary) {
      // Converted as its call; a call nothing rewrote is reported, never left as it is.
      const Call* call = call_at(update.calls.front());
      if (call != nullptr && !edits_.covered(call->callee_begin, tree_.node(call->trailer).end)) {
        purity(call->callee_begin, call->trailer,
               "'" + in_place_name(update) + "' updates a temporary in place, and '" +
                   target_.name + "' has no form of it");
      }
      continue;
    }
    auto text = functional_text(update);
    const python::Node& node = tree_.node(statement);
    if (!text) {
      purity(update.begin, statement,
             "'" + update.base + "' is updated in place, and " +
                 (calls_converted(update) ? "'" + target_.name + "' has no form of the update"
                                          : std::string("its update does not convert")) +
                 ": not rewritten");
      continue;
    }
    if (!edits_.replace(node.begin, node.end, *text)) {
      not_rewritten(update, statement);
      continue;
    }
    ++result_.converted;
    if (!target_.data->traits.mutable_arrays) report_sharing(update);
  }
  const auto& templates = target_.data->traits.indexed_updates;
  const std::string updates =
      templates.empty() ? "' has no indexed update"
      : templates.count("set-axis")
          ? "' updates at one index of one axis only, after full slices (`x[:, i]`) or of the "
            "first axis counted from the start"
          : "' updates at one index of the first axis only, counted from the start";
  for (const InPlaceUpdate& update : blocked_in_place_) {
    purity(update.begin, update.statement,
           "'" + update.base + "' is updated at an index in place, and '" + target_.name +
               updates + ": it cannot be made functional");
  }
}

// A store on a temporary (`torch.empty(n).fill_(v)`), written where its call is converted:
// an outer call reads its text.
bool Converter::convert_temporary_store(const Call& call) {
  for (const InPlaceUpdate& update : in_place_) {
    if (update.form != InPlaceUpdate::Form::temporary || update.store.empty() ||
        update.calls.front() != call.trailer) {
      continue;
    }
    auto value = stored_value(update);
    if (!value || target_.data->traits.indexed_update_index != "any") return false;
    auto text = indexed_update("set", edits_.text(update.begin, update.base_end), "...", *value);
    if (!text || !edits_.replace(update.begin, tree_.node(call.trailer).end, *text)) return false;
    ++result_.converted;
    return true;
  }
  return false;
}

// `x = y.at[i].add(v)` -> `x = <copy>(y)` and `x[i] += v`, each on its own line.
void Converter::rewrite_indexed_updates() {
  static const std::map<std::string, std::string> kOperators = {
      {"set", "="}, {"add", "+="}, {"multiply", "*="}, {"divide", "/="}};
  // The hub's `clip` bounds by a number or an array alike (`minimum` wants arrays in PyTorch).
  static const std::map<std::string, std::string> kBounds = {{"min", "max"}, {"max", "min"}};
  const std::string copy = api_of(*target_.data, "copy");
  for (const IndexedUpdate& update : indexed_updates_) {
    const python::Node& node = tree_.node(update.statement);
    const NodeId line = tree_.node(update.statement).parent;
    const std::string item = update.target + "[" + index_text(update.index) + "]";
    std::string assignment;  // `x[i] += v`, `x[i] = torch.minimum(x[i], v)`
    if (auto operation = kOperators.find(update.update); operation != kOperators.end()) {
      assignment = item + " " + operation->second + " " + node_text(update.value);
    } else if (auto bound = kBounds.find(update.update); bound != kBounds.end()) {
      // Written only where one bound may be given alone, under the hub's name.
      const auto clip = target_.data->ops.find("clip");
      const std::string api = api_of(*target_.data, "clip");
      if (!api.empty() && clip != target_.data->ops.end() && clip->second.required.empty() &&
          !clip->second.arguments.count(bound->second)) {
        assignment = item + " = " + spelling_.api(api) + "(" + item + ", " + bound->second +
                     "=" + node_text(update.value) + ")";
      }
    }
    if (assignment.empty() || copy.empty() || tree_.children(line).size() != 2) {
      purity(node.begin, update.statement,
             "indexed update '" + update.update + "' of '" + update.target +
                 "' cannot be written out of place for '" + target_.name + "'");
      continue;
    }
    const std::string text = update.target + " = " + spelling_.api(copy) + "(" +
                             edits_.text(update.array_begin, update.array_end) + ")\n" +
                             rewrite::indentation_of(tree_, line) + assignment;
    if (edits_.replace(node.begin, node.end, text)) ++result_.converted;
  }
}

}  // namespace switcheroo::convert::engine_detail
