// Header-only C++ layer over the knowledge service's whole calls (knowledge.h: read_call,
// write_call): the JSON they exchange as a struct. Needs nlohmann/json (Debian's
// nlohmann-json3-dev); compiled into each plugin, nothing here crosses the boundary.
#ifndef SWITCHEROO_HUB_CALL_HPP
#define SWITCHEROO_HUB_CALL_HPP

#include <switcheroo/knowledge.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace switcheroo::sdk {

/// A call in hub terms: the hub operation, its kind (function, layer, optimizer, ...), its
/// arguments by hub name (a text, or {"items": [...]} for separate variadic values), and every
/// argument the operation takes with its kind.
struct HubCall {
  std::string operation;
  std::string kind;
  nlohmann::json arguments = nlohmann::json::object();
  nlohmann::json takes = nlohmann::json::object();

  /// An argument's text; nullopt when the call leaves it out or gives separate values.
  std::optional<std::string> text(const std::string& name) const {
    auto found = arguments.find(name);
    if (found == arguments.end() || !found->is_string()) return std::nullopt;
    return found->get<std::string>();
  }
  /// The name of the operation's argument of hub kind `kind` (`key`, `params`), "" when none.
  std::string argument_of_kind(const std::string& wanted) const {
    for (auto it = takes.begin(); it != takes.end(); ++it) {
      if (it.value() == wanted) return it.key();
    }
    return "";
  }
};

/// Call `call` of `tree` read through `framework`'s spoke; nullopt when it is local, unmapped
/// or does not fit (knowledge.reason() says why).
inline std::optional<HubCall> read_hub_call(const Knowledge& knowledge, const sw_tree* tree,
                                            uint32_t call, const std::string& framework) {
  const auto json = knowledge.read_call(tree, call, framework);
  if (!json) return std::nullopt;
  const nlohmann::json parsed = nlohmann::json::parse(*json, nullptr, false);
  if (!parsed.is_object() || !parsed.contains("operation")) return std::nullopt;
  HubCall hub;
  hub.operation = parsed.value("operation", "");
  hub.kind = parsed.value("kind", "");
  if (auto found = parsed.find("arguments"); found != parsed.end() && found->is_object()) {
    hub.arguments = *found;
  }
  if (auto found = parsed.find("takes"); found != parsed.end() && found->is_object()) {
    hub.takes = *found;
  }
  return hub;
}

/// `operation` with `arguments` written through `framework`'s spoke for `tree`'s file, imports
/// added; nullopt when the spoke cannot write it (knowledge.reason() says why).
inline std::optional<std::string> write_hub_call(const Knowledge& knowledge, sw_tree* tree,
                                                 const std::string& framework,
                                                 const std::string& operation,
                                                 const nlohmann::json& arguments) {
  return knowledge.write_call(tree, framework, operation, arguments.dump());
}

}  // namespace switcheroo::sdk

#endif  // SWITCHEROO_HUB_CALL_HPP
