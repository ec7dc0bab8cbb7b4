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
