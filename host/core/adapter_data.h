// The data an adapter plugin carries: its traits (how models are written in its framework) and
// its spoke of the knowledge base (its APIs mapped to the hub's abstract operations), both
// TOML built into the plugin. Read and checked once, when the plugin is loaded.
#pragma once

#include "diagnostics.h"

#include <map>
#include <string>
#include <string_view>

namespace switcheroo {

/// How one abstract operation is spelled in a framework.
struct OpMapping {
  std::string api;   ///< fully qualified API, e.g. "torch.nn.Linear"
  std::string kind;  ///< "layer", "function" or "method"
  /// Hub argument name -> this framework's argument name.
  std::map<std::string, std::string> arguments;
};

struct AdapterTraits {
  std::string module_base_class;  ///< e.g. "torch.nn.Module"
  std::string forward_method;     ///< e.g. "forward"
  bool init_calls_super = true;
  std::string layout;                          ///< "NCHW" or "NHWC"
  std::string rng;                             ///< "stateful" or "explicit-keys"
  std::map<std::string, std::string> imports;  ///< module -> conventional alias
};

struct AdapterData {
  AdapterTraits traits;
  std::map<std::string, OpMapping> ops;  ///< abstract operation -> mapping
};

/// Parses an adapter's traits and spoke. Throws Error located in "<plugin>:traits.toml" or
/// "<plugin>:spoke.toml" with line and column.
AdapterData parse_adapter_data(std::string_view plugin_id, std::string_view traits_toml,
                               std::string_view spoke_toml);

}  // namespace switcheroo
