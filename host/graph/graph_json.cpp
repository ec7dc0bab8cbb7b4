#include "graph_json.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace switcheroo::graph {
namespace {

using Json = nlohmann::ordered_json;

Json or_null(int index) { return index >= 0 ? Json(index) : Json(nullptr); }
Json or_null(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

Json arguments(const std::vector<Argument>& list) {
  Json out = Json::object();
  for (const auto& argument : list) out[argument.name] = argument.value;
  return out;
}

void count(Json& out, const char* key, const ParameterCount& parameters) {
  if (parameters.known) {
    out[key] = parameters.count;
  } else {
    out[key] = nullptr;
    out[std::string(key) + "_unknown"] = parameters.reason;
  }
}

Json edges(const std::vector<Edge>& list) {
  Json out = Json::array();
  for (const auto& edge : list) out.push_back({{"node", edge.node}, {"output", edge.output}});
  return out;
}

// Two-space indentation like Json::dump, except that an array of numbers stays on one line:
// shapes read as [1, 64, 56, 56].
void write(const Json& value, std::string& out, int indent) {
  const std::string pad(static_cast<size_t>(indent + 2), ' ');
  if (value.is_object() && !value.empty()) {
    out += "{\n";
    size_t i = 0;
    for (const auto& [key, item] : value.items()) {
      out += pad + Json(key).dump() + ": ";
      write(item, out, indent + 2);
      out += ++i < value.size() ? ",\n" : "\n";
    }
    out += std::string(static_cast<size_t>(indent), ' ') + "}";
  } else if (value.is_array() && !value.empty() &&
             !std::all_of(value.begin(), value.end(), [](const Json& item) { return item.is_number(); })) {
    out += "[\n";
    for (size_t i = 0; i < value.size(); ++i) {
      out += pad;
      write(value[i], out, indent + 2);
      out += i + 1 < value.size() ? ",\n" : "\n";
    }
    out += std::string(static_cast<size_t>(indent), ' ') + "]";
  } else {
    out += value.dump(-1, ' ', false, Json::error_handler_t::replace);
    if (value.is_array()) {  // [1,2] -> [1, 2]
      std::string spaced;
      for (char c : out.substr(out.rfind('['))) spaced += c == ',' ? std::string(", ") : std::string(1, c);
      out.replace(out.rfind('['), std::string::npos, spaced);
    }
  }
}

}  // namespace

std::string graph_to_json(const ModelGraph& graph) {
  Json root;
  root["format"] = "switcheroo-model-graph";
  root["version"] = kGraphFormatVersion;
  root["file"] = graph.file;
  root["framework"] = graph.framework;
  root["model"] = graph.model;
  root["builder"] = or_null(graph.builder);
  root["input_shapes"] = graph.input_shapes;
  Json modules = Json::array();
  for (size_t i = 0; i < graph.modules.size(); ++i) {
    const Module& module = graph.modules[i];
    Json out;
    out["id"] = i;
    out["path"] = module.path;
    out["kind"] = module.kind;
    out["op"] = or_null(module.op);
    out["api"] = or_null(module.api);
    out["arguments"] = arguments(module.arguments);
    count(out, "parameters", module.parameters);
    count(out, "own_parameters", module.own_parameters);
    out["parent"] = or_null(module.parent);
    out["children"] = module.children;
    out["location"] = module.location;
    modules.push_back(std::move(out));
  }
  root["modules"] = std::move(modules);
  Json groups = Json::array();
  for (size_t i = 0; i < graph.groups.size(); ++i) {
    groups.push_back({{"id", i}, {"module", or_null(graph.groups[i].module)},
                      {"parent", or_null(graph.groups[i].parent)}});
  }
  root["groups"] = std::move(groups);
  Json nodes = Json::array();
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    const Node& node = graph.nodes[i];
    Json out;
    out["id"] = i;
    out["op"] = node.op;
    out["module"] = or_null(node.module);
    out["group"] = or_null(node.group);
    out["inputs"] = edges(node.inputs);
    out["arguments"] = arguments(node.arguments);
    Json outputs = Json::array();
    for (const auto& shape : node.outputs) {
      if (shape.known) outputs.push_back({{"shape", shape.dims}});
      else outputs.push_back({{"shape", nullptr}, {"unknown", shape.reason}});
    }
    out["outputs"] = std::move(outputs);
    out["location"] = or_null(node.location);
    nodes.push_back(std::move(out));
  }
  root["nodes"] = std::move(nodes);
  root["results"] = edges(graph.results);
  std::string out;
  write(root, out, 0);
  return out + "\n";
}

}  // namespace switcheroo::graph
