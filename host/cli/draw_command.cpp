// `swhost draw`: the static model graph of a model file (host/graph), written as the graph's
// JSON form or drawn by an emitter plugin (TikZ, HTML).
#include "common.h"
#include "draw_emitters.h"

#include "../core/output_file.h"
#include "../core/syntax_diagnostic.h"
#include "../graph/builder.h"
#include "../graph/graph_json.h"
#include "python/parse.h"

#include <optional>
#include <ostream>

namespace switcheroo::cli {
namespace {

namespace fs = std::filesystem;
constexpr const char* kUnit = "draw";

po::options_description visible_options() {
  po::options_description options("options");
  options.add_options()("input-shape", po::value<std::vector<std::string>>()->value_name("DIMS"),
                        "shape of the forward method's input, e.g. 1,3,224,224 (repeat for "
                        "several inputs)")(
      "source,s", po::value<std::string>()->value_name("FW"),
      "framework of the model (default: the manifest's, else the one whose module base class "
      "the file imports)")("class", po::value<std::string>()->value_name("NAME"),
                           "the model class (default: the file's only module class)")(
      "builder", po::value<std::string>()->value_name("FUNC"),
      "a function of the file that returns the model (a model zoo's builder such as resnet18)")(
      "args", po::value<std::string>()->value_name("'k=v,...'"),
      "arguments for the class or builder, as Python keyword arguments")(
      "emitter,e", po::value<std::string>()->value_name("ID")->default_value("json"),
      "json (the graph itself), or an emitter plugin's id (tikz, html)")(
      "depth", po::value<int>()->value_name("N")->default_value(2),
      "module nesting an emitter draws before collapsing blocks")(
      "out,o", po::value<std::string>()->value_name("FILE"), "output file (default: standard output)");
  add_manifest_options(options, "the model file");
  options.add_options()("help,h", "show this help");
  return options;
}

// What to draw: each option from the command line, else from the manifest's [draw] table.
struct DrawSettings {
  graph::DrawRequest request;  // without the file and its source
  std::string emitter = "json";
  int depth = 2;
};

DrawSettings draw_settings(const po::variables_map& values, const DrawDefaults& defaults) {
  auto option = [&](const char* name, const std::string& fallback) {
    return values.count(name) && !values[name].defaulted() ? values[name].as<std::string>()
                                                            : fallback;
  };
  DrawSettings settings;
  std::vector<std::string> shapes = defaults.input_shapes;
  if (values.count("input-shape")) shapes = values["input-shape"].as<std::vector<std::string>>();
  if (shapes.empty()) {
    throw Error("no input shape given: pass --input-shape, e.g. 1,3,224,224 (or set [draw] "
                "input-shape in the manifest)",
                "usage", exit_usage);
  }
  for (const auto& shape : shapes) settings.request.input_shapes.push_back(parse_input_shape(shape));
  if (values.count("class") || values.count("builder")) {
    if (values.count("class") && values.count("builder")) {
      throw Error("'--class' and '--builder' cannot be used together", "usage", exit_usage);
    }
    settings.request.class_name = option("class", "");
    settings.request.builder = option("builder", "");
  } else {
    settings.request.class_name = defaults.class_name;
    settings.request.builder = defaults.builder;
  }
  settings.request.arguments = option("args", defaults.arguments);
  settings.emitter = option("emitter", defaults.emitter.empty() ? "json" : defaults.emitter);
  settings.depth = values["depth"].defaulted() ? defaults.depth.value_or(2) : values["depth"].as<int>();
  if (settings.depth < 0) throw Error("'--depth' must be 0 or more", "usage", exit_usage);
  return settings;
}

}  // namespace

std::vector<std::string> as_draw_arguments(const std::vector<std::string>& convert_arguments) {
  std::vector<std::string> arguments;
  for (const std::string& argument : convert_arguments) {
    if (argument == "--target" || argument == "-t") {
      arguments.push_back("--emitter");
    } else if (argument.rfind("--target=", 0) == 0) {
      arguments.push_back("--emitter=" + argument.substr(9));
    } else {
      arguments.push_back(argument);
    }
  }
  return arguments;
}

bool has_draw_options(const std::vector<std::string>& convert_arguments) {
  for (const std::string& argument : convert_arguments) {
    for (const char* option : {"--input-shape", "--class", "--builder", "--args", "--depth"}) {
      const std::string name = option;
      if (argument == name || argument.rfind(name + "=", 0) == 0) return true;
    }
  }
  return false;
}

int run_draw(const Invocation& invocation) {
  const po::options_description options = visible_options();
  auto values = parse_with_inputs("draw", invocation, options);
  if (values.count("help")) {
    print_help(invocation.out,
               "swhost draw MODEL.py --input-shape DIMS [--source FW] [--class NAME | --builder "
               "FUNC]\n                  [--args 'k=v,...'] [--emitter json|ID] "
               "[--depth N] [--out FILE]",
               "Builds the static model graph of a model (its layers, the data flow of its "
               "forward method,\nparameter counts and output shapes) and writes it as JSON or "
               "draws it with an emitter.",
               options);
    return exit_success;
  }
  const auto inputs = values.count("input") ? values["input"].as<std::vector<std::string>>()
                                            : std::vector<std::string>{};
  if (inputs.size() != 1) {
    throw Error(inputs.empty() ? "no model file given (see 'swhost draw --help')"
                               : "draw takes one model file",
                "usage", exit_usage);
  }
  const PluginChoice choice = choose_plugins(values, fs::path(inputs.front()), invocation.err);
  const DrawSettings settings = draw_settings(values, choice.manifest.draw);
  graph::DrawRequest request = settings.request;
  request.file = inputs.front();
  request.source = read_file(request.file);
  const CommandPlugins loaded(choice, invocation.err);
  const PluginSet& plugins = loaded.set;
  if (report_problems(plugins, invocation.err)) return exit_failure;

  std::string framework = values.count("source") ? values["source"].as<std::string>()
                                                 : choice.manifest.source;
  // Parsed once: for the imports (the framework) and for the graph.
  std::optional<python::SyntaxTree> tree;
  try {
    tree.emplace(python::parse(request.source));
  } catch (const python::SyntaxError& error) {
    throw Error(syntax_error_diagnostic(request.file, error));
  }
  if (framework.empty()) framework = framework_of_imports(plugins, *tree);
  request.tree = &*tree;
  if (framework.empty()) {
    throw Error("cannot tell the model's framework from its imports: pass --source FW", "usage",
                exit_usage);
  }
  const LoadedPlugin* adapter = plugins.adapter_for(framework);
  if (adapter == nullptr || adapter->adapter_data() == nullptr) {
    throw Error("no adapter for framework '" + framework + "' is loaded (see 'swhost plugins')",
                kUnit);
  }
  if (!adapter->adapter_data()->traits.has_modules()) {
    throw Error("framework '" + framework + "' has no modules to draw (its traits name no module "
                "base class)", kUnit);
  }
  request.adapter = adapter->adapter_data();
  request.libraries = imported_libraries(plugins, *tree, request.adapter);
  request.framework = adapter->adapter()->framework;

  graph::ModelGraph model;
  try {
    model = graph::build_model_graph(request);
  } catch (const python::SyntaxError& error) {
    throw Error(syntax_error_diagnostic(request.file, error));
  }
  const std::string json = graph::graph_to_json(model);
  const std::string document =
      settings.emitter == "json" ? json
                                 : emit_document(plugins, settings.emitter, json, settings.depth);
  if (values.count("out")) {
    write_file_atomically(values["out"].as<std::string>(), document);
  } else {
    invocation.out << document;
    check_written(invocation.out);
  }
  return exit_success;
}

}  // namespace switcheroo::cli
