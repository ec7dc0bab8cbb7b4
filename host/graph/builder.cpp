#include "builder.h"

#include "graph_builder.h"

#include "python/parse.h"
#include "python/syntax_error.h"

#include <optional>

namespace switcheroo::graph {
namespace {

constexpr const char* kUnit = "draw";

// `--args 'dim=64, heads=4'` as the arguments of a call, evaluated in the file's scope.
CallArgs request_arguments(const std::string& text, Interpreter& interpreter) {
  CallArgs args;
  if (text.empty()) return args;
  ExprPtr call;
  try {
    call = parse_expression("f(" + text + ")");
  } catch (const python::SyntaxError& error) {
    throw Error("'--args " + text + "' is not a list of Python arguments: " + error.message(),
                "usage", exit_usage);
  }
  if (call->kind != Expr::Kind::call) {
    throw Error("'--args " + text + "' is not a list of Python arguments", "usage", exit_usage);
  }
  for (size_t i = 1; i < call->items.size(); ++i) {
    const ValuePtr value = interpreter.evaluate(*call->items[i], interpreter.globals());
    const std::string& keyword = call->keywords[i - 1];
    if (keyword == "*" || keyword == "**") {
      throw Error("'--args' cannot spread values", "usage", exit_usage);
    }
    if (keyword.empty()) args.positional.push_back(value);
    else args.keywords.emplace_back(keyword, value);
  }
  return args;
}

}  // namespace

ValuePtr GraphBuilder::build_model(const std::vector<Stmt>& statements) {
  run_file(statements);
  CallArgs args = request_arguments(request_.arguments, *this);
  if (!request_.builder.empty()) {
    auto found = globals_.names.find(request_.builder);
    if (found == globals_.names.end() || found->second->kind != Value::Kind::function) {
      throw Error(Diagnostic{Severity::error, {request_.file, 0, 0},
                             "the file defines no function '" + request_.builder + "'", kUnit});
    }
    args.offset = found->second->function->offset;
    graph_.builder = request_.builder;
    ValuePtr model = call(found->second, args);
    if (model->kind != Value::Kind::object || model->instance->module < 0) {
      throw Error(Diagnostic{Severity::error, source_location(args.offset),
                             "'" + request_.builder + "' does not return a model here (" +
                                 describe(*model) + ")",
                             kUnit});
    }
    graph_.model = graph_.modules[model->instance->module].kind;
    return model;
  }
  std::vector<std::string> candidates;
  for (const auto& [name, value] : globals_.names) {
    if (is_module_class(value) && value->class_value->definition != nullptr) candidates.push_back(name);
  }
  std::string chosen = request_.class_name;
  if (chosen.empty()) {
    if (candidates.size() != 1) {
      std::string list;
      for (const auto& name : candidates) list += (list.empty() ? "'" : ", '") + name + "'";
      throw Error(Diagnostic{Severity::error, {request_.file, 0, 0},
                             candidates.empty()
                                 ? "the file defines no module class (deriving from '" +
                                       request_.adapter->traits.module_base_class + "')"
                                 : "the file defines several module classes (" + list +
                                       "): choose one with --class or --builder",
                             kUnit});
    }
    chosen = candidates.front();
  }
  auto found = globals_.names.find(chosen);
  if (found == globals_.names.end() || !is_module_class(found->second)) {
    throw Error(Diagnostic{Severity::error, {request_.file, 0, 0},
                           "the file defines no module class '" + chosen + "'", kUnit});
  }
  args.offset = found->second->class_value->definition->offset;
  graph_.model = chosen;
  return call(found->second, args);
}

void GraphBuilder::run_forward(const ValuePtr& model) {
  CallArgs args;
  args.offset = model->instance->class_value && model->instance->class_value->definition
                    ? model->instance->class_value->definition->offset
                    : 0;
  for (const auto& dims : request_.input_shapes) {
    Node input;
    input.op = "input";
    OutputShape shape;
    shape.known = true;
    shape.dims = dims;
    input.outputs.push_back(shape);
    graph_.nodes.push_back(std::move(input));
    args.positional.push_back(make_tensor(static_cast<int>(graph_.nodes.size()) - 1, 0, make_shape(dims)));
  }
  const ValuePtr result = call(model, args);
  // Whatever tensors the forward method returns, however nested, are the model's outputs.
  std::vector<ValuePtr> pending{result};
  Node output;
  output.op = "output";
  while (!pending.empty()) {
    ValuePtr value = pending.back();
    pending.pop_back();
    if (value->kind == Value::Kind::tensor && value->node >= 0) {
      output.inputs.insert(output.inputs.begin(), {value->node, value->output});
    } else if (value->is_sequence() || value->kind == Value::Kind::dict) {
      for (const auto& item : value->items) pending.push_back(item);
    } else if (value->kind != Value::Kind::none) {
      OutputShape unknown;
      unknown.reason = value->is_unknown() ? value->text : "the model returns " + describe(*value);
      output.outputs.push_back(unknown);
    }
  }
  graph_.results = output.inputs;
  graph_.nodes.push_back(std::move(output));
}

ModelGraph build_model_graph(const DrawRequest& request) {
  ModelGraph graph;
  graph.file = request.file;
  graph.framework = request.framework;
  graph.input_shapes = request.input_shapes;
  std::optional<python::SyntaxTree> parsed;
  if (request.tree == nullptr) parsed.emplace(python::parse(request.source));
  const python::SyntaxTree& tree = request.tree ? *request.tree : *parsed;
  const std::vector<Stmt> statements = build_ast(tree);
  GraphBuilder builder(request, tree.source(), graph);
  builder.set_tree(&tree);
  // Imported names stand for what they import: calling a framework's is the knowledge base's
  // business, calling one of another file of the package runs it there.
  builder.bind_imports(tree, builder.globals(), 0);
  const ValuePtr model = builder.build_model(statements);
  if (request.run_forward) builder.run_forward(model);
  builder.finish_modules(model);
  return graph;
}

}  // namespace switcheroo::graph
