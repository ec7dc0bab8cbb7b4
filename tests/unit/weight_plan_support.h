// What the weight-plan tests share: traits read from TOML text and small model graphs.
#pragma once

#include "core/diagnostics.h"
#include "core/traits.h"
#include "graph/model_graph.h"
#include "weights/weight_plan.h"

#include <string>
#include <utility>
#include <vector>

namespace weight_test {

inline switcheroo::AdapterTraits traits_of(const std::string& text) {
  const switcheroo::TomlReader reader("mine:traits.toml", "adapter");
  return switcheroo::read_traits(reader, reader.parse(text));
}

inline switcheroo::graph::ParameterShape shape(const std::string& name, std::vector<int64_t> dims) {
  switcheroo::graph::ParameterShape parameter;
  parameter.name = name;
  parameter.known = true;
  parameter.dims = std::move(dims);
  return parameter;
}

// Traits of `framework` with names for one layer op, `parameters` its TOML list; `extra`: more
// keys of its [[weights.layer]] table.
inline switcheroo::AdapterTraits layer_traits(const std::string& framework, const std::string& op,
                                              const std::string& parameters, const std::string& separator = ".",
                                              const std::string& extra = "") {
  return traits_of("traits-version = 2\nframework = \"" + framework + "\"\n[weights]\nseparator = \"" + separator +
                   "\"\nformats = [\"npz\"]\n[[weights.layer]]\nops = [\"" + op + "\"]\nparameters = " + parameters +
                   "\n" + extra + "\n");
}

// The model `Net` (model.py) with one layer, `name`, at model.py:4:9.
inline switcheroo::graph::ModelGraph one_layer(const std::string& name, const std::string& op,
                                               std::vector<switcheroo::graph::ParameterShape> shapes) {
  switcheroo::graph::ModelGraph model;
  model.file = "model.py";
  switcheroo::graph::Module root;
  root.kind = "Net";
  root.parent = -1;
  root.own_parameters.known = true;
  root.location = "model.py:3:9";
  root.children = {1};
  model.modules.push_back(root);
  switcheroo::graph::Module layer;
  layer.path = layer.name = name;
  layer.op = layer.kind = op;
  layer.parent = 0;
  layer.own_parameters.known = layer.has_parameter_rules = true;
  layer.parameter_shapes = std::move(shapes);
  layer.location = "model.py:4:9";
  model.modules.push_back(layer);
  return model;
}

// The diagnostic planning `graph` from `source` to `target` fails with; "" where it plans.
inline std::string plan_error(const switcheroo::graph::ModelGraph& graph, const switcheroo::AdapterTraits& source,
                              const switcheroo::AdapterTraits& target) {
  try {
    switcheroo::weights::plan_migration(graph, {&source}, {&target});
  } catch (const switcheroo::Error& error) {
    return error.diagnostic().format();
  }
  return "";
}

}  // namespace weight_test
