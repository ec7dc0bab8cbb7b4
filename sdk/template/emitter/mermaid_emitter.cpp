// An emitter plugin built out of tree: the model graph (docs/diagrams.md, `swhost draw`) as a
// Mermaid flowchart, which Markdown viewers draw. Every node of the forward flow is a box with
// its module path (or operation) and output shape; every edge an arrow. `depth` is passed on by
// the host for emitters that collapse nested modules; this one draws every node.
#include <switcheroo/emitter.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace {

using Json = nlohmann::json;

// Mermaid labels are quoted strings: a quote inside is written as an entity.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("#quot;") : std::string(1, c);
  return out + "\"";
}

std::string shape(const Json& output) {
  if (output["shape"].is_null()) return "?";
  std::string text;
  for (const Json& size : output["shape"]) {
    text += (text.empty() ? "" : "x") + std::to_string(size.get<long long>());
  }
  return text.empty() ? "scalar" : text;
}

std::string label(const Json& graph, const Json& node) {
  std::string title = node["op"].get<std::string>();
  if (!node["module"].is_null()) {
    const std::string path = graph["modules"][node["module"].get<size_t>()]["path"];
    title = path + " (" + title + ")";
  }
  const Json& outputs = node["outputs"];
  return outputs.empty() ? title : title + "<br/>" + shape(outputs[0]);
}

class MermaidEmitter : public switcheroo::sdk::OptionlessPlugin {
 public:
  using OptionlessPlugin::OptionlessPlugin;

  std::string emit(std::string_view graph_json, uint32_t /*depth*/) const {
    const Json graph = Json::parse(graph_json);  // a parse error reaches swhost as the message
    if (graph.value("format", "") != SW_GRAPH_FORMAT) {
      throw switcheroo::sdk::PluginError("the document is not a model graph");
    }
    std::string out = "flowchart TD\n";
    for (const Json& node : graph["nodes"]) {
      out += "  n" + std::to_string(node["id"].get<int>()) + "[" + quoted(label(graph, node)) + "]\n";
    }
    for (const Json& node : graph["nodes"]) {
      for (const Json& edge : node["inputs"]) {
        out += "  n" + std::to_string(edge["node"].get<int>()) + " --> n" +
               std::to_string(node["id"].get<int>()) + "\n";
      }
    }
    return out;
  }
};

}  // namespace

SWITCHEROO_EMITTER(MermaidEmitter, "mermaid", "0.1.0", "Mermaid flowcharts of model graphs",
                   "Mermaid", ".mmd")
