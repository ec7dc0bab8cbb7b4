// `swhost weights`: reads a model's static graph (host/graph) and writes a standalone Python
// script that moves a trained checkpoint of it from one framework's names, layouts and file
// format to another's (host/weights, docs/weights.md).
#include "common.h"

#include "../core/output_file.h"
#include "../core/syntax_diagnostic.h"
#include "../graph/builder.h"
#include "../weights/weight_plan.h"
#include "../weights/weight_script.h"
#include "python/parse.h"

#include <ostream>

namespace switcheroo::cli {
namespace {

namespace fs = std::filesystem;
constexpr const char* kUnit = "weights";

po::options_description visible_options() {
  po::options_description options("options");
  options.add_options()("source,s", po::value<std::string>()->value_name("FW"),
                        "framework of the checkpoints to read")(
      "target,t", po::value<std::string>()->value_name("FW"),
      "framework of the checkpoints to write")(
      "framework", po::value<std::string>()->value_name("FW"),
      "framework the model file is written in (default: the one whose module base class it "
      "imports)")("class", po::value<std::string>()->value_name("NAME"),
                  "the model class (default: the file's only module class)")(
      "builder", po::value<std::string>()->value_name("FUNC"),
      "a function of the file that returns the model")(
      "args", po::value<std::string>()->value_name("'k=v,...'"),
      "arguments for the class or builder")(
      "input-shape", po::value<std::vector<std::string>>()->value_name("DIMS"),
      "shape of the forward method's input, e.g. 1,3,32,32 (repeat for several): the forward "
      "flow shows which Linear layers are fed an image flattened, whose rows follow the image's "
      "axis order")("out,o", po::value<std::string>()->value_name("FILE"),
                                            "the script to write (default: standard output)");
  add_manifest_options(options, "the model file");
  options.add_options()("help,h", "show this help");
  return options;
}

const AdapterData& adapter_data(const PluginSet& plugins, const std::string& framework,
                                const char* role) {
  const LoadedPlugin* adapter = plugins.adapter_for(framework);
  if (adapter == nullptr || adapter->adapter_data() == nullptr) {
    throw Error(std::string("no adapter for the ") + role + " framework '" + framework +
                    "' is loaded (see 'swhost plugins')",
                kUnit);
  }
  return *adapter->adapter_data();
}

const AdapterTraits& adapter_traits(const PluginSet& plugins, const std::string& framework,
                                    const char* role) {
  return adapter_data(plugins, framework, role).traits;
}

weights::Side side(const PluginSet& plugins, const po::variables_map& values, const char* role) {
  const AdapterData& data = adapter_data(plugins, values[role].as<std::string>(), role);
  return weights::Side{&data.traits, &data.ops};
}

std::map<std::string, const WeightFormat*> all_formats(const PluginSet& plugins) {
  std::map<std::string, const WeightFormat*> formats;
  for (const LoadedPlugin* plugin : plugins.of_kind(SW_PLUGIN_KIND_ADAPTER)) {
    if (const AdapterData* data = plugin->adapter_data()) {
      for (const auto& [id, format] : data->traits.weights.format_definitions)
        formats.emplace(id, &format);
    }
  }
  return formats;
}

// The adapter whose traits give the scripts' array library and checks ([weights.script]).
const AdapterTraits* script_runtime(const PluginSet& plugins) {
  const AdapterTraits* found = nullptr;
  for (const LoadedPlugin* plugin : plugins.of_kind(SW_PLUGIN_KIND_ADAPTER)) {
    const AdapterData* data = plugin->adapter_data();
    if (data != nullptr && !data->traits.weights.script_code.empty() && found == nullptr)
      found = &data->traits;
  }
  if (found == nullptr) {
    throw Error(
        "no loaded adapter defines [weights.script], the checks every migration script runs (see "
        "'swhost plugins')",
        kUnit);
  }
  return found;
}

std::string command_line(const std::vector<std::string>& arguments) {
  std::string line = "swhost weights";
  for (const auto& argument : arguments) {
    const bool plain =
        argument.find_first_of(" '\"=,()") == std::string::npos || argument.rfind("--", 0) == 0;
    line += " " + (plain ? argument : "'" + argument + "'");
  }
  return line;
}

graph::ModelGraph model_graph(const po::variables_map& values, const PluginSet& plugins,
                              graph::DrawRequest& request, const std::string& source,
                              const std::string& target) {
  std::string framework = values.count("framework") ? values["framework"].as<std::string>() : "";
  try {
    // Parsed once: for the imports (the framework, the libraries) and for the graph.
    const python::SyntaxTree tree = python::parse(request.source);
    request.tree = &tree;
    if (framework.empty()) framework = framework_of_imports(plugins, tree);
    if (framework.empty()) {
      throw Error("cannot tell the model file's framework from its imports: pass --framework FW",
                  "usage", exit_usage);
    }
    const AdapterTraits& traits = adapter_traits(plugins, framework, "model file's");
    if (traits.framework != source && traits.framework != target) {
      throw Error("the model file is written for '" + traits.framework +
                      "', which is neither the source ('" + source + "') nor the target ('" +
                      target + "')",
                  "usage", exit_usage);
    }
    request.adapter = plugins.adapter_for(framework)->adapter_data();
    request.framework = traits.framework;
    // NumPy's functions in a PyTorch constructor (maxvit's np.linspace): read through its spoke.
    request.libraries = imported_libraries(plugins, tree, request.adapter);
    request.run_forward = false;
    graph::ModelGraph model = graph::build_model_graph(request);
    if (!request.input_shapes.empty()) {
      // The forward flow shows what feeds each layer; the modules and their tensors stay as
      // the constructor builds them, which is what a checkpoint holds (a forward method may
      // assign a buffer anew).
      request.run_forward = true;
      graph::ModelGraph flow = graph::build_model_graph(request);
      model.input_shapes = std::move(flow.input_shapes);
      model.groups = std::move(flow.groups);
      model.nodes = std::move(flow.nodes);
      model.results = std::move(flow.results);
    }
    request.tree = nullptr;  // the tree ends here
    return model;
  } catch (const python::SyntaxError& error) {
    throw Error(syntax_error_diagnostic(request.file, error));
  }
}

}  // namespace

int run_weights(const Invocation& invocation) {
  const po::options_description options = visible_options();
  auto values = parse_with_inputs("weights", invocation, options);
  if (values.count("help")) {
    print_help(
        invocation.out,
        "swhost weights MODEL.py --source FW --target FW [--class NAME | --builder FUNC]\n"
        "                     [--args 'k=v,...'] [--input-shape DIMS] [--framework FW] [--out migrate.py]",
        "Writes a standalone Python script that moves a trained checkpoint of the model from the\n"
        "source framework's names, layouts and file format to the target's:\n"
        "  python3 migrate.py SOURCE_CHECKPOINT TARGET_CHECKPOINT [--check]",
        options);
    return exit_success;
  }
  const auto inputs = values.count("input") ? values["input"].as<std::vector<std::string>>()
                                            : std::vector<std::string>{};
  if (inputs.size() != 1) {
    throw Error(inputs.empty() ? "no model file given (see 'swhost weights --help')"
                               : "weights takes one model file",
                "usage", exit_usage);
  }
  if (!values.count("source") || !values.count("target")) {
    throw Error("give both --source FW and --target FW", "usage", exit_usage);
  }
  if (values.count("class") && values.count("builder")) {
    throw Error("'--class' and '--builder' cannot be used together", "usage", exit_usage);
  }
  graph::DrawRequest request;
  request.file = inputs.front();
  if (values.count("class")) request.class_name = values["class"].as<std::string>();
  if (values.count("builder")) request.builder = values["builder"].as<std::string>();
  if (values.count("args")) request.arguments = values["args"].as<std::string>();
  if (values.count("input-shape")) {
    for (const auto& shape : values["input-shape"].as<std::vector<std::string>>())
      request.input_shapes.push_back(parse_input_shape(shape));
  }
  request.source = read_file(request.file);

  const PluginChoice choice = choose_plugins(values, fs::path(request.file), invocation.err);
  const CommandPlugins loaded(choice, invocation.err);
  const PluginSet& plugins = loaded.set;
  if (report_problems(plugins, invocation.err)) return exit_failure;
  const weights::Side source = side(plugins, values, "source");
  const weights::Side target = side(plugins, values, "target");
  const graph::ModelGraph graph =
      model_graph(values, plugins, request, source.traits->framework, target.traits->framework);
  const weights::MigrationPlan plan = weights::plan_migration(graph, source, target);

  weights::ScriptRequest script{&plan,
                                &graph,
                                source,
                                target,
                                all_formats(plugins),
                                command_line(invocation.arguments),
                                script_runtime(plugins)};
  const std::string text = weights::render_script(script);
  if (values.count("out")) {
    write_file_atomically(values["out"].as<std::string>(), text);
    invocation.err << "note: " << plan.tensors << " tensors in " << plan.layers.size()
                   << " layers, " << source.traits->framework << " -> " << target.traits->framework
                   << ": wrote " << values["out"].as<std::string>() << '\n';
  } else {
    invocation.out << text;
    check_written(invocation.out);
  }
  return exit_success;
}

}  // namespace switcheroo::cli
