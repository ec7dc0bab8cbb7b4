// The static model graph: the modules a model builds (a tree, by module path such as
// `layer1.0.conv1`) and the data flow of its forward method (one node per operation applied,
// grouped by the module calls they happen in), with each node's hub operation, arguments,
// parameter count and output shapes. Built by build_model_graph() (builder.h); written as
// versioned JSON by graph_json.h, the form emitters receive (docs/diagrams.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace switcheroo::graph {

/// A count or shape that is known, or unknown with the reason.
struct Known {
  bool known = false;
  std::string reason;  ///< why it is unknown
};

/// One output of a node: its shape, or why it cannot be known.
struct OutputShape : Known {
  std::vector<int64_t> dims;
};

struct ParameterCount : Known {
  int64_t count = 0;
};

/// A parameter of a framework layer by its hub name (`weight`, `running_mean`) with its shape in
/// the hub's layout (kb/shapes.toml `[parameters]`), or why the shape is unknown.
struct ParameterShape : Known {
  std::string name;
  std::vector<int64_t> dims;
};

/// A tensor a module class holds itself under an attribute name rather than through a layer: a
/// parameter (`self.token = nn.Parameter(...)`) or a buffer (`self.register_buffer(...)`), with
/// its shape as built, or why the shape is not known.
struct HeldTensor : ParameterShape {
  bool buffer = false;
};

/// A hub argument as given in the source: its name and the value as a Python literal, or the
/// expression text when the value is not a literal.
struct Argument {
  std::string name;
  std::string value;
  bool literal = true;
};

/// A wrapper that reparametrizes one of a layer's parameters as a magnitude and a direction
/// (the hub's `weight_norm`: w = g * v / ||v||, the norm over every axis but the kept one). The
/// layer's parameter_shapes then hold `{parameter}_g`, the magnitude, shaped as the parameter
/// with 1 on each axis but the kept one (a scalar for the norm over every axis), and
/// `{parameter}_v`, the direction, shaped as the parameter, in its place.
struct Reparametrization {
  std::string op;           ///< the wrapper's hub op; "" for a layer not wrapped
  std::string parameter;    ///< the hub parameter reparametrized (`weight`)
  bool every_axis = false;  ///< the norm over every axis (axis None)
  int64_t axis = 0;         ///< otherwise the axis the magnitude keeps, in the hub's layout
  std::string location;     ///< `file:line:col` of the wrapping call
};

struct Module {
  std::string path;   ///< "" for the model itself, else `layer1.0.conv1`
  std::string kind;   ///< the class name of the file (`BasicBlock`) or the hub op (`conv2d`)
  std::string op;     ///< the hub operation of a framework layer; empty for a class of the file
  std::string api;    ///< the framework API that built it (`torch.nn.Conv2d`); empty for a class
  /// The hub operation of the framework layer or container a class of the file derives from
  /// and builds through its inherited constructor (`class LayerNorm2d(nn.LayerNorm)`:
  /// `layer_norm`); empty otherwise. Its parameters are the layer's (parameter_shapes).
  std::string base_op;
  std::vector<Argument> arguments;
  ParameterCount own_parameters;  ///< this module's parameters, without its children's
  ParameterCount parameters;      ///< with every descendant's (PyTorch's `parameters()`)
  /// A framework layer's parameters by hub name, those its arguments leave out omitted; empty
  /// when the hub has no parameter rules for its op (has_parameter_rules false).
  std::vector<ParameterShape> parameter_shapes;
  bool has_parameter_rules = false;
  /// The parameters and buffers a class of the file holds itself, in registration order.
  std::vector<HeldTensor> held_tensors;
  Reparametrization reparametrized;  ///< the wrapper around a framework layer, if any
  /// A framework layer whose holder's methods read more than its first result, every call of
  /// it an unpacking statement of its own (`out, (h, c) = self.lstm(x)`: a recurrent layer's
  /// final state; convert::result_use, which decides the form `swhost convert` writes).
  bool state_read = false;
  std::vector<int> children;      ///< in registration order
  int parent = -1;
  std::string name;               ///< its name in the parent (`conv1`, `0`)
  std::string location;           ///< `file:line:col` of the construction
  /// A framework layer's hub arguments as the model file writes them (`stride`, where
  /// `arguments` holds the value it evaluates to), read from the construction's text; empty
  /// where the construction is not in the model file. Not in the JSON.
  std::vector<Argument> written;
  /// The construction is the whole value of a `self.<name> = ...` statement.
  bool attribute_built = false;
};

/// A module call the forward flow went through: the nodes inside it belong to it.
struct Group {
  int module = -1;
  int parent = -1;  ///< the enclosing group, -1 at the top
};

struct Edge {
  int node = -1;
  int output = 0;
};

struct Node {
  std::string op;      ///< a hub operation, or `input`, `output`, `index`
  int module = -1;     ///< the module whose call this node is (a layer), -1 for functions
  int group = -1;      ///< the innermost module call it happens in
  std::vector<Edge> inputs;
  std::vector<Argument> arguments;
  std::vector<OutputShape> outputs;
  std::string location;  ///< `file:line:col` of the call in the forward method
};

/// A framework layer's parameter assigned another layer's (`self.head.weight =
/// self.embed.weight`): one tensor under two names, as the model's framework holds it.
struct Tie {
  int module = -1;        ///< the layer whose parameter is replaced (`head`)
  std::string parameter;  ///< its hub name (`weight`)
  int owner = -1;         ///< the layer whose parameter it is (`embed`)
  std::string owner_parameter;
  std::string location;  ///< `file:line:col` of the assignment
};

struct ModelGraph {
  std::string file;
  std::string framework;
  std::string model;    ///< the class drawn
  std::string builder;  ///< the builder function followed, if any
  std::vector<std::vector<int64_t>> input_shapes;
  std::vector<Module> modules;  ///< modules[0] is the model
  std::vector<Group> groups;
  std::vector<Node> nodes;
  std::vector<Edge> results;  ///< what the forward method returns
  std::vector<Tie> ties;      ///< between modules the model holds, in assignment order

  /// The module path of a module: "" for the model.
  const std::string& path(int module) const { return modules[module].path; }
};

}  // namespace switcheroo::graph
