#include "diagram.h"
#include "layout.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>
#include <stdexcept>

namespace switcheroo::diagram {
namespace {

using Json = nlohmann::ordered_json;

std::string count_text(long long count) {
  if (count >= 1'000'000) return std::to_string(count / 100'000 / 10.0).substr(0, 4) + "M";
  if (count >= 10'000) return std::to_string(count / 1000) + "k";
  return std::to_string(count);
}

std::string parameters_line(const Json& module) {
  if (module["parameters"].is_null()) return "params ?";
  const long long count = module["parameters"].get<long long>();
  return count == 0 ? std::string() : "params " + count_text(count);
}

std::string string_or(const Json& value, const std::string& fallback) {
  return value.is_string() ? value.get<std::string>() : fallback;
}

// A box per node, or per module call deeper than `depth` (all its nodes in one box).
struct Collapsed {
  std::vector<int> item_of_node;
  std::vector<Box> boxes;
  std::vector<int> group_of_box;  // -1 for node boxes
};

Collapsed collapse(const Json& graph, int depth) {
  const Json& nodes = graph["nodes"];
  const Json& groups = graph["groups"];
  const Json& modules = graph["modules"];
  Collapsed out;
  std::map<int, int> box_of_group;
  for (const Json& node : nodes) {
    std::vector<int> chain;  // outermost first, without the model's own call
    for (Json group = node["group"]; !group.is_null(); group = groups[group.get<int>()]["parent"]) {
      chain.insert(chain.begin(), group.get<int>());
    }
    if (!chain.empty()) chain.erase(chain.begin());
    if (static_cast<int>(chain.size()) > depth) {
      const int group = chain[static_cast<size_t>(depth)];
      chain.resize(static_cast<size_t>(depth));
      auto found = box_of_group.find(group);
      if (found == box_of_group.end()) {
        const Json& module = modules[groups[group]["module"].get<int>()];
        Box box;
        box.group = true;
        box.call = group;
        box.within = chain;
        box.title = module["path"].get<std::string>();
        box.lines = {module["kind"].get<std::string>()};
        if (auto line = parameters_line(module); !line.empty()) box.lines.push_back(line);
        box.details = box.lines;
        found = box_of_group.emplace(group, static_cast<int>(out.boxes.size())).first;
        out.boxes.push_back(box);
        out.group_of_box.push_back(group);
      }
      out.item_of_node.push_back(found->second);
      continue;
    }
    Box box;
    box.within = chain;
    const std::string op = node["op"].get<std::string>();
    box.title = op;
    if (!node["module"].is_null()) {
      const Json& module = modules[node["module"].get<int>()];
      box.title = module["path"].get<std::string>();
      box.lines.push_back(op);
      std::string arguments;
      for (const auto& [name, value] : module["arguments"].items()) {
        box.details.push_back(name + "=" + value.get<std::string>());
        if (arguments.size() < 24) arguments += (arguments.empty() ? "" : ", ") + value.get<std::string>();
      }
      if (!arguments.empty()) box.lines.push_back(arguments);
      if (auto line = parameters_line(module); !line.empty()) box.lines.push_back(line);
    } else {
      for (const auto& [name, value] : node["arguments"].items()) {
        box.details.push_back(name + "=" + value.get<std::string>());
      }
    }
    for (const Json& output : node["outputs"]) {
      if (output["shape"].is_null()) box.details.push_back("shape unknown: " + string_or(output["unknown"], ""));
    }
    out.item_of_node.push_back(static_cast<int>(out.boxes.size()));
    out.boxes.push_back(box);
    out.group_of_box.push_back(-1);
  }
  return out;
}

std::string output_shape(const Json& graph, int node, int output) {
  const Json& outputs = graph["nodes"][node]["outputs"];
  if (output >= static_cast<int>(outputs.size()) || outputs[output]["shape"].is_null()) return "?";
  return shape_text(outputs[output]["shape"].get<std::vector<long long>>(), true);
}

std::vector<Arrow> connect(const Json& graph, const Collapsed& collapsed) {
  std::vector<Arrow> arrows;
  const Json& nodes = graph["nodes"];
  for (size_t i = 0; i < nodes.size(); ++i) {
    const int to = collapsed.item_of_node[i];
    for (const Json& edge : nodes[i]["inputs"]) {
      const int source = edge["node"].get<int>();
      const int from = collapsed.item_of_node[static_cast<size_t>(source)];
      if (from == to) continue;
      const bool seen = std::any_of(arrows.begin(), arrows.end(),
                                    [&](const Arrow& a) { return a.from == from && a.to == to; });
      if (seen) continue;
      Arrow arrow;
      arrow.from = from;
      arrow.to = to;
      arrow.label = output_shape(graph, source, edge["output"].get<int>());
      arrows.push_back(arrow);
    }
  }
  return arrows;
}

// Module calls of the same kind and size in a row, each fed only by the one before: one box.
void merge_repeats(Collapsed& collapsed, std::vector<Arrow>& arrows) {
  std::vector<int> target(collapsed.boxes.size());
  for (size_t i = 0; i < target.size(); ++i) target[i] = static_cast<int>(i);
  for (size_t i = 1; i < collapsed.boxes.size(); ++i) {
    const int previous = target[i - 1];
    const Box& a = collapsed.boxes[static_cast<size_t>(previous)];
    const Box& b = collapsed.boxes[i];
    if (!a.group || !b.group || a.lines != b.lines) continue;
    int inputs = 0;
    bool chained = false;
    for (const Arrow& arrow : arrows) {
      if (arrow.to != static_cast<int>(i)) continue;
      ++inputs;
      chained = chained || target[static_cast<size_t>(arrow.from)] == previous;
    }
    if (inputs != 1 || !chained) continue;
    target[i] = previous;
    ++collapsed.boxes[static_cast<size_t>(previous)].repeat;
  }
  std::vector<int> index(collapsed.boxes.size(), -1);
  std::vector<Box> boxes;
  for (size_t i = 0; i < collapsed.boxes.size(); ++i) {
    if (target[i] != static_cast<int>(i)) continue;
    index[i] = static_cast<int>(boxes.size());
    Box box = collapsed.boxes[i];
    if (box.repeat > 1) box.title += " x" + std::to_string(box.repeat);
    boxes.push_back(box);
  }
  std::vector<Arrow> merged;
  for (Arrow arrow : arrows) {
    arrow.from = index[static_cast<size_t>(target[static_cast<size_t>(arrow.from)])];
    arrow.to = index[static_cast<size_t>(target[static_cast<size_t>(arrow.to)])];
    if (arrow.from == arrow.to) continue;
    merged.push_back(arrow);
  }
  collapsed.boxes = std::move(boxes);
  arrows = std::move(merged);
}

// A shortcut is an arrow whose end the flow also reaches from its start through other boxes:
// a residual. Parallel branches (attention's q, k and v) are not shortcuts.
void mark_shortcuts(std::vector<Arrow>& arrows, size_t box_count) {
  std::vector<std::vector<int>> next(box_count);
  for (const Arrow& arrow : arrows) next[static_cast<size_t>(arrow.from)].push_back(arrow.to);
  for (Arrow& arrow : arrows) {
    std::vector<bool> seen(box_count, false);
    std::vector<int> pending;
    for (int step : next[static_cast<size_t>(arrow.from)]) {
      if (step != arrow.to) pending.push_back(step);
    }
    while (!pending.empty() && !arrow.skip) {
      const int box = pending.back();
      pending.pop_back();
      if (seen[static_cast<size_t>(box)]) continue;
      seen[static_cast<size_t>(box)] = true;
      arrow.skip = box == arrow.to;
      for (int step : next[static_cast<size_t>(box)]) pending.push_back(step);
    }
  }
}

void add_unique(std::vector<std::string>& list, const std::string& text) {
  if (std::find(list.begin(), list.end(), text) == list.end()) list.push_back(text);
}

Diagram diagram_at(const Json& graph, int depth) {
  Collapsed collapsed = collapse(graph, depth);
  std::vector<Arrow> arrows = connect(graph, collapsed);
  merge_repeats(collapsed, arrows);
  mark_shortcuts(arrows, collapsed.boxes.size());
  Diagram diagram;
  diagram.title = graph["model"].get<std::string>();
  diagram.depth = depth;
  diagram.boxes = std::move(collapsed.boxes);
  diagram.arrows = std::move(arrows);
  for (const Arrow& arrow : diagram.arrows) {
    add_unique(diagram.boxes[static_cast<size_t>(arrow.from)].output_shapes, arrow.label);
    add_unique(diagram.boxes[static_cast<size_t>(arrow.to)].input_shapes, arrow.label);
  }
  for (const Box& box : diagram.boxes) diagram.collapsed = diagram.collapsed || box.group;
  lay_out(diagram);
  return diagram;
}

Json read_graph(std::string_view graph_json) {
  Json graph;
  try {
    graph = Json::parse(graph_json);
  } catch (const Json::exception& error) {
    throw std::runtime_error(std::string("the graph is not JSON: ") + error.what());
  }
  if (string_or(graph["format"], "") != "switcheroo-model-graph") {
    throw std::runtime_error("the document is not a switcheroo model graph");
  }
  return graph;
}

}  // namespace

std::string shape_text(const std::vector<long long>& dims, bool known) {
  if (!known) return "?";
  std::string text;
  for (size_t i = 0; i < dims.size(); ++i) text += (i ? "x" : "") + std::to_string(dims[i]);
  return text.empty() ? "scalar" : text;
}

Diagram build_diagram(std::string_view graph_json, int depth) {
  const Json graph = read_graph(graph_json);
  try {
    return diagram_at(graph, depth);
  } catch (const Json::exception& error) {
    throw std::runtime_error(std::string("the graph lacks what version 1 has: ") + error.what());
  }
}

std::string number(double value) {
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::fixed, 1);
  return std::string(buffer, end.ptr);
}

std::vector<Diagram> build_diagram_levels(std::string_view graph_json, int deepest) {
  const Json graph = read_graph(graph_json);
  std::vector<Diagram> levels;
  try {
    for (int depth = 0; depth <= deepest; ++depth) {
      levels.push_back(diagram_at(graph, depth));
      if (!levels.back().collapsed) break;
    }
  } catch (const Json::exception& error) {
    throw std::runtime_error(std::string("the graph lacks what version 1 has: ") + error.what());
  }
  return levels;
}

}  // namespace switcheroo::diagram
