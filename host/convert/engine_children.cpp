// A named child added to a sequential container from inside a class derived from it, towards a
// framework whose modules have no method for that (traits `[module] sequential-layers`):
//
//   class AnyStage(nn.Sequential):                 class AnyStage(nnx.Sequential):
//       ...                                  ->        ...
//       self.add_module(f"b{i}", block)                self.layers.extend({f"b{i}": block}.values())
//
// The one-entry dict keeps the name, so the way back writes `self.add_module(f"b{i}", block)`.
// Any other call of an add-child method (on another receiver, outside such a class, with other
// arguments) is reported where the target has no add-child method of its own.
#include "converter.h"

#include "rewrite/edits.h"

#include <algorithm>

namespace switcheroo::convert {
namespace engine_detail {
namespace {

// `{key: value}.values()` -> (key, value); nullopt for any other text.
std::optional<std::pair<std::string, std::string>> one_entry_values(const std::string& text) {
  const std::string tail = "}.values()";
  if (text.size() < tail.size() + 2 || text.front() != '{' ||
      text.compare(text.size() - tail.size(), tail.size(), tail) != 0) {
    return std::nullopt;
  }
  const std::string inside = text.substr(1, text.size() - tail.size() - 1);
  int depth = 0;
  std::optional<size_t> colon;
  for (size_t i = 0; i < inside.size(); ++i) {
    const char c = inside[i];
    if (c == '\'' || c == '"') {
      const size_t close = inside.find(c, i + 1);
      if (close == std::string::npos) return std::nullopt;
      i = close;
    } else if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}') {
      --depth;
    } else if (depth == 0 && (c == ',' || (c == ':' && colon))) {
      return std::nullopt;  // more than one entry, or a slice-like key
    } else if (depth == 0 && c == ':') {
      colon = i;
    }
  }
  if (!colon) return std::nullopt;
  auto trim = [](std::string part) {
    part.erase(0, part.find_first_not_of(' '));
    part.erase(part.find_last_not_of(' ') + 1);
    return part;
  };
  return std::pair(trim(inside.substr(0, *colon)), trim(inside.substr(*colon + 1)));
}

}  // namespace

// Does the class around `node` derive from `framework`'s sequential layer, directly or through
// other classes of the file?
bool Converter::in_sequential_subclass(NodeId node, const Framework& framework) const {
  const std::string sequential = api_of(*framework.data, "sequential");
  if (sequential.empty()) return false;
  const auto classes = rewrite::find_classes(tree_);
  const rewrite::ClassDef* around = nullptr;
  for (const auto& definition : classes) {
    const auto& body = tree_.node(definition.body);
    const auto& at = tree_.node(node);
    if (at.begin >= body.begin && at.end <= body.end &&
        (around == nullptr || body.begin >= tree_.node(around->body).begin)) {
      around = &definition;
    }
  }
  for (int depth = 0; around != nullptr && depth < 8; ++depth) {
    const rewrite::ClassDef* parent = nullptr;
    for (const auto& base : around->bases.items) {
      const std::string text = rewrite::token_text(tree_, base.value);
      if (resolver_.qualify(text) == sequential) return true;
      for (const auto& definition : classes) {
        if (definition.name == text) parent = &definition;
      }
    }
    around = parent;
  }
  return false;
}

// `self.add_module(name, layer)` -> `self.layers.extend({name: layer}.values())`, and back;
// true when the call is done with (converted or reported).
bool Converter::convert_added_child(const Call& call) {
  if (call.method.empty()) return false;
  const AdapterTraits& from = source_.data->traits;
  const AdapterTraits& to = target_.data->traits;
  const std::string receiver = edits_.text(call.callee_begin, call.receiver_end);
  const auto& items = call.arguments.items;
  const bool two_positional = items.size() == 2 &&
                              items[0].kind == rewrite::Argument::Kind::positional &&
                              items[1].kind == rewrite::Argument::Kind::positional;
  if (std::find(from.add_child.begin(), from.add_child.end(), call.method) != from.add_child.end() &&
      to.add_child.empty()) {
    if (receiver == "self" && two_positional && !to.sequential_layers.empty() &&
        in_sequential_subclass(call.primary, source_)) {
      const std::string text = "self." + to.sequential_layers + ".extend({" +
                               node_text(items[0].value) + ": " + node_text(items[1].value) +
                               "}.values())";
      if (edits_.replace(call.callee_begin, tree_.node(call.trailer).end, text)) {
        ++result_.converted;
      }
      return true;
    }
    unconverted(call, from.module_base_class + "." + call.method,
                "'" + target_.name + "' modules have no method adding a named child; only "
                "'self." + call.method + "(name, layer)' in a class derived from a sequential "
                "layer converts");
    return true;
  }
  if (from.sequential_layers.empty() || to.add_child.empty() || call.method != "extend" ||
      receiver != "self." + from.sequential_layers || items.size() != 1 ||
      items[0].kind != rewrite::Argument::Kind::positional ||
      !in_sequential_subclass(call.primary, source_)) {
    return false;
  }
  const auto entry = one_entry_values(node_text(items[0].value));
  if (!entry) return false;
  const std::string text =
      "self." + to.add_child.front() + "(" + entry->first + ", " + entry->second + ")";
  if (edits_.replace(call.callee_begin, tree_.node(call.trailer).end, text)) ++result_.converted;
  return true;
}

}  // namespace engine_detail
}  // namespace switcheroo::convert
