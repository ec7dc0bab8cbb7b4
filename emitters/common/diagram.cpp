#include "diagram.h"

#include <graphviz/gvc.h>
#include <nlohmann/json.hpp>

#include <algorithm>
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
      auto found = box_of_group.find(group);
      if (found == box_of_group.end()) {
        const Json& module = modules[groups[group]["module"].get<int>()];
        Box box;
        box.group = true;
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
  for (Arrow& arrow : arrows) arrow.skip = arrow.to != arrow.from + 1;
}

// Sizes in points: a monospace-like estimate of the footnote-size text each box holds.
void size_box(Box& box) {
  size_t widest = box.title.size();
  for (const auto& line : box.lines) widest = std::max(widest, line.size());
  box.width = std::max(60.0, 5.2 * static_cast<double>(widest) + 14);
  box.height = 11.0 * static_cast<double>(box.lines.size() + 1) + 10;
}

void lay_out(Diagram& diagram) {
  GVC_t* context = gvContext();
  std::unique_ptr<GVC_t, int (*)(GVC_t*)> keep_context(context, gvFreeContext);
  Agraph_t* graph = agopen(const_cast<char*>("model"), Agdirected, nullptr);
  agattr(graph, AGRAPH, const_cast<char*>("rankdir"), const_cast<char*>("TB"));
  agattr(graph, AGRAPH, const_cast<char*>("nodesep"), const_cast<char*>("0.3"));
  agattr(graph, AGRAPH, const_cast<char*>("ranksep"), const_cast<char*>("0.35"));
  agattr(graph, AGNODE, const_cast<char*>("shape"), const_cast<char*>("box"));
  agattr(graph, AGNODE, const_cast<char*>("fixedsize"), const_cast<char*>("true"));
  agattr(graph, AGNODE, const_cast<char*>("width"), const_cast<char*>("1"));
  agattr(graph, AGNODE, const_cast<char*>("height"), const_cast<char*>("0.5"));
  agattr(graph, AGNODE, const_cast<char*>("label"), const_cast<char*>(""));
  std::vector<Agnode_t*> nodes;
  for (size_t i = 0; i < diagram.boxes.size(); ++i) {
    Box& box = diagram.boxes[i];
    size_box(box);
    Agnode_t* node = agnode(graph, const_cast<char*>(("n" + std::to_string(i)).c_str()), 1);
    agset(node, const_cast<char*>("width"), const_cast<char*>(std::to_string(box.width / 72).c_str()));
    agset(node, const_cast<char*>("height"), const_cast<char*>(std::to_string(box.height / 72).c_str()));
    nodes.push_back(node);
  }
  std::vector<Agedge_t*> edges;
  for (const Arrow& arrow : diagram.arrows) {
    edges.push_back(agedge(graph, nodes[static_cast<size_t>(arrow.from)], nodes[static_cast<size_t>(arrow.to)], nullptr, 1));
  }
  gvLayout(context, graph, "dot");
  const boxf bounds = GD_bb(graph);
  diagram.width = bounds.UR.x - bounds.LL.x;
  diagram.height = bounds.UR.y - bounds.LL.y;
  auto flip = [&](pointf p) { return Point{p.x - bounds.LL.x, bounds.UR.y - p.y}; };
  for (size_t i = 0; i < nodes.size(); ++i) diagram.boxes[i].center = flip(ND_coord(nodes[i]));
  for (size_t i = 0; i < edges.size(); ++i) {
    const splines* spline = ED_spl(edges[i]);
    if (spline == nullptr || spline->size == 0) continue;
    const bezier& curve = spline->list[0];
    for (int k = 0; k < curve.size; ++k) diagram.arrows[i].curve.push_back(flip(curve.list[k]));
    if (curve.eflag) diagram.arrows[i].curve.push_back(flip(curve.ep));
  }
  gvFreeLayout(context, graph);
  agclose(graph);
}

}  // namespace

std::string shape_text(const std::vector<long long>& dims, bool known) {
  if (!known) return "?";
  std::string text;
  for (size_t i = 0; i < dims.size(); ++i) text += (i ? "x" : "") + std::to_string(dims[i]);
  return text.empty() ? "scalar" : text;
}

Diagram build_diagram(std::string_view graph_json, int depth) {
  Json graph;
  try {
    graph = Json::parse(graph_json);
  } catch (const Json::exception& error) {
    throw std::runtime_error(std::string("the graph is not JSON: ") + error.what());
  }
  if (string_or(graph["format"], "") != "switcheroo-model-graph") {
    throw std::runtime_error("the document is not a switcheroo model graph");
  }
  try {
    Collapsed collapsed = collapse(graph, depth);
    std::vector<Arrow> arrows = connect(graph, collapsed);
    merge_repeats(collapsed, arrows);
    Diagram diagram;
    diagram.title = graph["model"].get<std::string>();
    diagram.boxes = std::move(collapsed.boxes);
    diagram.arrows = std::move(arrows);
    lay_out(diagram);
    return diagram;
  } catch (const Json::exception& error) {
    throw std::runtime_error(std::string("the graph lacks what version 1 has: ") + error.what());
  }
}

}  // namespace switcheroo::diagram
