#include "layout_axes.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace switcheroo::convert {
namespace layout_detail {

bool is_identity(const Perm& perm) {
  for (size_t i = 0; i < perm.size(); ++i) {
    if (perm[i] != static_cast<int>(i)) return false;
  }
  return true;
}

Perm normalized(Perm perm) {
  return is_identity(perm) ? Perm() : perm;
}

Perm inverse(const Perm& perm) {
  Perm result(perm.size());
  for (size_t i = 0; i < perm.size(); ++i) result[perm[i]] = static_cast<int>(i);
  return result;
}

std::optional<int> integer(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), ' '), text.end());
  if (text.empty() || text.size() > 4) return std::nullopt;
  size_t i = text[0] == '-' ? 1 : 0;
  if (i == text.size()) return std::nullopt;
  for (size_t j = i; j < text.size(); ++j) {
    if (!std::isdigit(static_cast<unsigned char>(text[j]))) return std::nullopt;
  }
  return std::stoi(text);
}

std::optional<int> axis_in(int axis, size_t rank) {
  const int n = static_cast<int>(rank);
  if (axis < -n || axis >= n) return std::nullopt;
  return axis < 0 ? axis + n : axis;
}

std::vector<int> literal_axes(const HubValue& value) {
  std::vector<int> axes;
  const std::vector<std::string>* items = nullptr;
  if (value.spread) {
    items = &value.items;
  } else if (value.elements) {
    items = &*value.elements;
  }
  if (items) {
    for (const auto& item : *items) {
      auto number = integer(item);
      if (!number) return {};
      axes.push_back(*number);
    }
    return axes;
  }
  if (auto number = integer(value.text)) axes.push_back(*number);
  return axes;
}

bool is_axis_kind(const HubArgument& argument) {
  return argument.kind == "axis" || argument.kind == "axes";
}

bool same_rank_axis_op(const std::string& name) {
  static const std::set<std::string> ops = {
      "softmax",     "log_softmax", "softmin",      "glu",         "normalize", "cumsum",
      "cumprod",     "cummax",      "logcumsumexp", "diff",        "sort",      "sort_with_indices",
      "argsort",     "topk",        "flip",         "roll",        "concat",    "split",
      "split_sizes", "array_split", "chunk",        "index_select"};
  return ops.count(name) > 0;
}

bool layout_transparent(const HubOp& op) {
  if (!op.layouts.empty()) return false;
  for (const auto& argument : op.arguments) {
    if (is_axis_kind(argument) || argument.kind == "ints" || argument.kind == "shape" ||
        argument.kind == "layers" || argument.kind == "module" || argument.kind == "callable") {
      return false;
    }
  }
  for (const auto& argument : op.inputs) {
    if (is_axis_kind(argument) || argument.kind == "ints" || argument.kind == "shape") {
      return false;
    }
  }
  return op.category == "activations" || op.category == "elementwise" || op.name == "identity" ||
         op.name.rfind("dropout", 0) == 0;
}

bool inverse_of(const std::vector<int>& dims, const Perm& perm) {
  if (dims.size() != perm.size()) return false;
  for (size_t i = 0; i < dims.size(); ++i) {
    if (dims[i] < 0 || dims[i] >= static_cast<int>(perm.size()) ||
        perm[dims[i]] != static_cast<int>(i)) {
      return false;
    }
  }
  return true;
}

bool has_argument(const HubOp& op, const std::string& name) {
  return op.argument(name) != nullptr;
}

Perm reduced(const Perm& perm, const std::vector<int>& axes) {
  Perm result;
  for (int source : perm) {
    if (std::find(axes.begin(), axes.end(), source) != axes.end()) continue;
    const int below = static_cast<int>(
        std::count_if(axes.begin(), axes.end(), [&](int axis) { return axis < source; }));
    result.push_back(source - below);
  }
  return normalized(result);
}

namespace {

using Values = std::map<std::string, HubValue>;
using Action = LayoutAction::Kind;

// The literal axes of argument `name`, each in [0, rank); false when absent or not literal.
bool literal_axes_of(const Values& values, const std::string& name, size_t rank,
                     std::vector<int>& out) {
  auto found = values.find(name);
  if (found == values.end()) return false;
  for (int axis : literal_axes(found->second)) {
    auto normal = axis_in(axis, rank);
    if (!normal) return false;
    out.push_back(*normal);
  }
  return !out.empty();
}

AxisOutcome image(std::optional<Action> action, Perm perm, bool parts = false) {
  return AxisOutcome{AxisOutcome::Kind::image, action, std::move(perm), parts};
}

AxisOutcome plain(std::optional<Action> action = std::nullopt) {
  return AxisOutcome{AxisOutcome::Kind::plain, action, {}, false};
}

// swapaxes and permute only reorder axes, which the layout records: the call goes.
std::optional<AxisOutcome> reorder(const std::string& name, const Values& values,
                                   const Perm& perm) {
  const size_t rank = perm.size();
  if (name == "swapaxes") {
    std::vector<int> a, b;
    if (!literal_axes_of(values, "axis0", rank, a) || !literal_axes_of(values, "axis1", rank, b))
      return std::nullopt;
    Perm next = perm;
    for (int& source : next) {
      if (source == a[0]) {
        source = b[0];
      } else if (source == b[0]) {
        source = a[0];
      }
    }
    return image(Action::drop, normalized(next));
  }
  std::vector<int> dims;
  if (!literal_axes_of(values, "axes", rank, dims) || dims.size() != rank) return std::nullopt;
  const Perm back = inverse(dims);
  Perm next = perm;
  for (int& source : next) source = back[source];
  if (!normalized(next).empty()) return image(Action::drop, normalized(next));
  return AxisOutcome{AxisOutcome::Kind::reordered, Action::drop, perm, false};
}

// A flatten of adjacent axes keeps the others' order; of every axis but the batch, features.
std::optional<AxisOutcome> flatten(const Values& values, const Perm& perm, bool keep_layout) {
  const size_t rank = perm.size();
  const Perm to_target = inverse(perm);
  std::vector<int> start, end;
  const int s = !values.count("start_axis")
                    ? 0
                    : (literal_axes_of(values, "start_axis", rank, start) ? start[0] : -1);
  const int e = !values.count("end_axis")
                    ? static_cast<int>(rank) - 1
                    : (literal_axes_of(values, "end_axis", rank, end) ? end[0] : -1);
  if (s < 0 || e < s) return std::nullopt;
  bool adjacent = true;
  for (int k = s; k <= e; ++k) adjacent = adjacent && to_target[k] == to_target[s] + (k - s);
  if (adjacent) {
    Perm next;
    for (int source : perm) {
      if (source > s && source <= e) continue;
      next.push_back(source <= s ? source : source - (e - s));
    }
    return image(Action::remap_axes, normalized(next));
  }
  if (!keep_layout && s == 1 && e == static_cast<int>(rank) - 1) return plain();
  return std::nullopt;
}

// A reduction with keepdims: over literal axes, renumbered; over every axis, no image.
std::optional<AxisOutcome> reduction(const HubOp& op, const Values& values, const Perm& perm) {
  const HubArgument* axis_argument = nullptr;
  for (const auto& argument : op.arguments) {
    if (is_axis_kind(argument)) axis_argument = &argument;
  }
  if (axis_argument == nullptr) return std::nullopt;
  auto given = values.find(axis_argument->name);
  if (given == values.end() || given->second.text == "None") return plain();  // all axes
  std::vector<int> axes;
  if (!literal_axes_of(values, axis_argument->name, perm.size(), axes)) return std::nullopt;
  auto keep = values.find("keepdims");
  if (keep != values.end() && keep->second.text == "True") {
    return image(Action::remap_axes, perm);
  }
  return image(Action::remap_axes, reduced(perm, axes));
}

// Ops whose axes name axes of a result of the same rank: renumbered when all are literal.
std::optional<AxisOutcome> same_rank(const HubOp& op, const Values& values, const Perm& perm) {
  for (const auto& argument : op.arguments) {
    if (!is_axis_kind(argument) || !values.count(argument.name)) continue;
    std::vector<int> axes;
    if (!literal_axes_of(values, argument.name, perm.size(), axes)) return std::nullopt;
  }
  static const std::set<std::string> kSequences = {"split", "chunk", "split_sizes", "array_split"};
  return image(Action::remap_axes, perm, kSequences.count(op.name) > 0);
}

// reshape to (batch, -1): features for a head, in the target's order.
bool features_reshape(const Values& values, bool keep_layout) {
  auto shape = values.find("shape");
  if (keep_layout || shape == values.end()) return false;
  const HubValue& value = shape->second;
  const std::vector<std::string>* items =
      value.spread ? &value.items : (value.elements ? &*value.elements : nullptr);
  return items && items->size() == 2 && integer(items->back()) == -1;
}

}  // namespace

std::optional<AxisOutcome> through_op(const HubOp& op, const Values& values, const Perm& perm,
                                      bool keep_layout) {
  if (op.name == "swapaxes" || op.name == "permute") return reorder(op.name, values, perm);
  if (op.name == "flatten") return flatten(values, perm, keep_layout);
  if (op.name == "reshape") {
    return features_reshape(values, keep_layout) ? std::optional(plain()) : std::nullopt;
  }
  if (op.name == "axis_size") return plain(Action::remap_axes);
  if (has_argument(op, "keepdims")) return reduction(op, values, perm);
  if (same_rank_axis_op(op.name)) return same_rank(op, values, perm);
  if (layout_transparent(op)) return image(std::nullopt, perm);
  return std::nullopt;
}

}  // namespace layout_detail

using namespace layout_detail;

Perm layout_permutation(const std::string& from, const std::string& to) {
  if (from.empty() || from.size() != to.size() || from == to) return {};
  Perm perm;
  for (char axis : to) {
    const size_t at = from.find(axis);
    if (at == std::string::npos) return {};
    perm.push_back(static_cast<int>(at));
  }
  return normalized(perm);
}

std::string axes_text(const std::vector<int>& axes) {
  std::string text;
  for (int axis : axes) text += (text.empty() ? "" : ", ") + std::to_string(axis);
  return text;
}

void remap_axes(const HubOp& op, HubCall& call, const std::vector<int>& axes) {
  auto mapped = [&](int axis) {
    auto normal = axis_in(axis, axes.size());
    return normal ? axes[*normal] : axis;
  };
  for (const auto& argument : op.arguments) {
    if (!is_axis_kind(argument)) continue;
    auto found = call.values.find(argument.name);
    if (found == call.values.end()) {
      if (!argument.default_value) continue;
      auto standard = integer(*argument.default_value);
      auto normal = standard ? axis_in(*standard, axes.size()) : std::nullopt;
      if (!normal || axes[*normal] == *normal) continue;
      call.values[argument.name] = value_of(std::to_string(axes[*normal]));
      continue;
    }
    HubValue& value = found->second;
    const std::vector<int> given = literal_axes(value);
    if (given.empty()) continue;
    std::vector<std::string> texts;
    for (int axis : given) texts.push_back(std::to_string(mapped(axis)));
    if (value.spread) {
      value.items = texts;
    } else if (value.elements) {
      const bool list = !value.text.empty() && value.text.front() == '[';
      std::string text;
      for (const auto& item : texts) text += (text.empty() ? "" : ", ") + item;
      if (texts.size() == 1 && !list) text += ",";
      value.text = (list ? "[" : "(") + text + (list ? "]" : ")");
      value.elements = texts;
    } else {
      value.text = texts.front();
    }
    value.implicit = false;
  }
}

}  // namespace switcheroo::convert
