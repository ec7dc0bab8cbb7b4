#include "side_path.h"

#include "padded_paths.h"

#include "core/diagnostics.h"

#include <algorithm>
#include <cctype>
#include <regex>

namespace switcheroo::weights {
namespace {

// `{class}` of child `at` of `parent`: its class in snake case, `_N` after it for the N-th
// earlier sibling of the same class.
std::string numbered_class(const graph::ModelGraph& graph, const graph::Module& parent, int at, const Side& side) {
  const graph::Module& child = graph.modules[static_cast<size_t>(at)];
  const std::string name = side_class(child, side);
  if (name.empty()) {
    fail(graph, child, "the " + side.name() + " adapter names the layers of a '" + layer_op(parent) +
                           "' by their class, and '" + child.path + "' ('" + child.kind +
                           "') has no class there (its spoke)");
  }
  int earlier = 0;
  for (int sibling : parent.children) {
    if (sibling == at) break;
    earlier += side_class(graph.modules[static_cast<size_t>(sibling)], side) == name ? 1 : 0;
  }
  const std::string snake = snake_case(name);
  return earlier == 0 ? snake : snake + "_" + std::to_string(earlier);
}

}  // namespace

const std::string& layer_op(const graph::Module& module) {
  return module.op.empty() ? module.base_op : module.op;
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// `model.py:12:9` -> a location; a string without one gives the bare file.
void fail(const graph::ModelGraph& graph, const graph::Module& module, const std::string& message) {
  const std::string& text = module.location;
  SourceLocation where{graph.file, 0, 0};
  const size_t last = text.rfind(':');
  const size_t middle = last == std::string::npos || last == 0 ? std::string::npos : text.rfind(':', last - 1);
  if (middle != std::string::npos) {
    try {
      where.line = static_cast<uint32_t>(std::stoul(text.substr(middle + 1, last - middle - 1)));
      where.column = static_cast<uint32_t>(std::stoul(text.substr(last + 1)));
      where.file = text.substr(0, middle);
    } catch (const std::exception&) {
      where.line = where.column = 0;
    }
  }
  throw Error(Diagnostic{Severity::error, where, message, "weights"});
}

std::string snake_case(const std::string& class_name) {
  static const std::regex not_word("[^A-Za-z0-9_]+");
  static const std::regex capital_run("(.)([A-Z][a-z]+)");
  static const std::regex lower_capital("([a-z])([A-Z])");
  std::string text = std::regex_replace(class_name, not_word, "");
  text = std::regex_replace(text, capital_run, "$1_$2");
  text = std::regex_replace(text, lower_capital, "$1_$2");
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

namespace {

// The last part of the API `side` builds `op` with where that is a layer or class; "" otherwise.
std::string op_class(const std::string& op, const Side& side) {
  if (side.ops == nullptr) return "";
  const auto found = side.ops->find(op);
  if (found == side.ops->end() || found->second.api.empty() ||
      (found->second.kind != "layer" && found->second.kind != "class")) {
    return "";
  }
  const std::string& api = found->second.api;
  return api.substr(api.rfind('.') + 1);
}

}  // namespace

std::string side_class(const graph::Module& module, const Side& side) {
  if (module.op.empty()) return module.kind;
  // A convolution the side writes in a sequential layer with its padding layer is that layer.
  return op_class(padded_in_sequence(module, side) ? "sequential" : module.op, side);
}

std::string side_path(const graph::ModelGraph& graph, int index, const Side& named) {
  const WeightTraits& side = named.traits->weights;
  std::vector<std::string> parts;
  if (padded_in_sequence(graph.modules[static_cast<size_t>(index)], named)) {
    // The second child of the sequential layer the convolution becomes, after its padding
    // layer, the one of its class there.
    std::string part = side.sequential_child;
    replace_all(part, "{index}", "1");
    replace_all(part, "{name}", "1");
    replace_all(part, "{class}", snake_case(op_class(graph.modules[static_cast<size_t>(index)].op, named)));
    parts.push_back(part);
  }
  for (int at = index; graph.modules[static_cast<size_t>(at)].parent >= 0;
       at = graph.modules[static_cast<size_t>(at)].parent) {
    const graph::Module& parent = graph.modules[static_cast<size_t>(graph.modules[static_cast<size_t>(at)].parent)];
    if (folded_from_sequence(graph, graph.modules[static_cast<size_t>(at)], named)) continue;
    std::string part = layer_op(parent) == "sequential"    ? side.sequential_child
                       : layer_op(parent) == "module_list" ? side.list_child
                                                    : "{name}";
    if (part.empty()) {
      fail(graph, graph.modules[static_cast<size_t>(index)],
           "the " + named.name() + " adapter cannot name the layers of a '" + layer_op(parent) + "' yet (its traits' [weights] " +
               (layer_op(parent) == "sequential" ? "sequential-child" : "list-child") + ")");
    }
    const auto position = std::find(parent.children.begin(), parent.children.end(), at);
    replace_all(part, "{index}", std::to_string(position - parent.children.begin()));
    replace_all(part, "{name}", graph.modules[static_cast<size_t>(at)].name);
    if (part.find("{class}") != std::string::npos) replace_all(part, "{class}", numbered_class(graph, parent, at, named));
    parts.push_back(part);
  }
  std::string path;
  for (auto part = parts.rbegin(); part != parts.rend(); ++part) {
    path += (path.empty() ? "" : side.separator) + *part;
  }
  return path;
}

}  // namespace switcheroo::weights
