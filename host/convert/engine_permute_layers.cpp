// Permute layers: classes whose call permutes the input's axes by a constructor argument
//
//   class Permute(nn.Module):
//       def __init__(self, dims):
//           super().__init__()
//           self.dims = dims
//       def forward(self, x):
//           return torch.permute(x, self.dims)
//
// so that the layout flow can follow `Permute([0, 2, 3, 1])` in an nn.Sequential of the file or
// of another file of the run (layout_flow.h, Options::permute_layers).
#include "converter.h"
#include "module_state.h"

namespace switcheroo::convert::engine_detail {
namespace {

// The methods defined directly in `cls`'s body, by name.
std::map<std::string, rewrite::FunctionDef> methods_of(const python::SyntaxTree& tree,
                                                       const rewrite::ClassDef& cls) {
  std::map<std::string, rewrite::FunctionDef> methods;
  for (const auto& function : rewrite::find_functions(tree)) {
    python::NodeId parent = tree.node(function.node).parent;
    while (parent != python::kNoNode && tree.kind_name(parent) != "class_def" &&
           tree.kind_name(parent) != "function_def") {
      parent = tree.node(parent).parent;
    }
    if (parent == cls.node) methods[function.name] = function;
  }
  return methods;
}

// The named parameters of `function` after `self`.
std::vector<std::string> parameters_after_self(const rewrite::FunctionDef& function) {
  std::vector<std::string> names;
  for (const auto& parameter : function.parameters.items) {
    if (!parameter.name.empty() && parameter.text.find('*') == std::string::npos) {
      names.push_back(parameter.name);
    }
  }
  if (!names.empty()) names.erase(names.begin());
  return names;
}

// The statements `expression_stmt`/`return_stmt` of a function's body, at its top level.
std::vector<python::NodeId> top_statements(const python::SyntaxTree& tree, python::NodeId body) {
  std::vector<python::NodeId> found;
  for (python::NodeId child : tree.children(body)) {
    const std::string_view kind = tree.kind_name(child);
    if (kind == "expression_stmt" || kind == "return_stmt") found.push_back(child);
    if (kind == "simple_stmts" || kind == "simple_stmt") {
      for (python::NodeId inner : tree.children(child)) {
        if (!tree.is_token(inner)) found.push_back(inner);
      }
    }
  }
  return found;
}

}  // namespace

// `self.<attribute> = <parameter>` in __init__: the parameter's position and name.
std::optional<PermuteLayer> Converter::stored_parameter(const rewrite::FunctionDef& init,
                                                        const std::string& attribute) const {
  const auto parameters = parameters_after_self(init);
  for (python::NodeId statement : top_statements(tree_, init.body)) {
    const auto children = tree_.children(statement);
    if (tree_.kind_name(statement) != "expression_stmt" || children.size() != 3 ||
        rewrite::token_text(tree_, children[0]) != "self." + attribute) {
      continue;
    }
    const std::string value = rewrite::token_text(tree_, children[2]);
    for (size_t i = 0; i < parameters.size(); ++i) {
      if (parameters[i] == value) return PermuteLayer{i, value};
    }
  }
  return std::nullopt;
}

// Does the class's forward method only return its input permuted by `self.<attribute>`, an
// attribute __init__ sets to one of its parameters? That parameter, or nullopt.
std::optional<PermuteLayer> Converter::permute_layer(const rewrite::ClassDef& cls) {
  const auto methods = methods_of(tree_, cls);
  auto forward = methods.find(source_.data->traits.forward_method);
  auto init = methods.find("__init__");
  if (forward == methods.end() || init == methods.end()) return std::nullopt;
  const auto inputs = parameters_after_self(forward->second);
  const auto statements = top_statements(tree_, forward->second.body);
  if (inputs.size() != 1 || statements.size() != 1 ||
      tree_.kind_name(statements[0]) != "return_stmt") {
    return std::nullopt;
  }
  const auto returned = tree_.children(statements[0]);
  if (returned.size() != 2 || tree_.kind_name(returned[1]) != "primary") return std::nullopt;
  const auto trailers = tree_.children(returned[1]);
  const Call* call = nullptr;
  if (auto found = calls_by_trailer_.find(trailers.back()); found != calls_by_trailer_.end()) {
    call = found->second;
  }
  if (call == nullptr) return std::nullopt;
  const CallFacts facts = layout_facts(*call);
  if (facts.op == nullptr || facts.op->name != "permute" || !facts.hub) return std::nullopt;
  auto input = facts.hub->values.find("input");
  auto axes = facts.hub->values.find("axes");
  if (input == facts.hub->values.end() || axes == facts.hub->values.end() ||
      input->second.text != inputs[0]) {
    return std::nullopt;
  }
  std::string attribute = axes->second.spread && axes->second.items.size() == 1
                              ? axes->second.items[0]
                              : axes->second.text;
  if (!attribute.empty() && attribute[0] == '*') attribute.erase(0, 1);
  if (attribute.rfind("self.", 0) != 0) return std::nullopt;
  return stored_parameter(init->second, attribute.substr(5));
}

const std::map<std::string, PermuteLayer>& Converter::permute_layers() {
  if (!own_permute_layers_) {
    own_permute_layers_.emplace();
    if (calls_by_trailer_.empty()) {
      for (const Call& call : rewrite::find_calls(tree_)) own_calls_.push_back(call);
      for (const Call& call : own_calls_) calls_by_trailer_[call.trailer] = &call;
    }
    for (const auto& cls : rewrite::find_classes(tree_)) {
      if (auto layer = permute_layer(cls)) (*own_permute_layers_)[cls.name] = *layer;
    }
  }
  return *own_permute_layers_;
}

// A call constructing a permute layer of the file or of another file of the run: the
// argument that gives its axes, kNoNode for any other call.
python::NodeId Converter::permute_dims(const Call& call, const ResolvedCall& resolved) {
  std::optional<PermuteLayer> layer;
  if (resolved.kind == ResolvedCall::Kind::local) {
    const auto& own = permute_layers();
    if (auto found = own.find(call.dotted_callee); found != own.end()) layer = found->second;
  } else if (resolved.kind == ResolvedCall::Kind::function) {
    auto found = options_.permute_layers.find(absolute_name(resolved.name, options_.package));
    if (found != options_.permute_layers.end()) layer = found->second;
  }
  if (!layer) return python::kNoNode;
  const rewrite::Argument* axes = argument_of(call, layer->position, layer->keyword);
  return axes != nullptr ? axes->value : python::kNoNode;
}

}  // namespace switcheroo::convert::engine_detail
