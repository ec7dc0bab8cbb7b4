// Header-only C++ layer over the knowledge-base service (<switcheroo/knowledge.h>): strings
// instead of nullable pointers. Compiled into each plugin; nothing here crosses the boundary.
#ifndef SWITCHEROO_KNOWLEDGE_HPP
#define SWITCHEROO_KNOWLEDGE_HPP

#include <switcheroo/knowledge.h>
#include <switcheroo/sdk.hpp>

#include <cstddef>
#include <optional>
#include <string>

namespace switcheroo::sdk {

/// What the loaded adapters know, as a hook asks for it. On a host without the service (ABI
/// 1.0) available() is false and every question answers "not known".
class Knowledge {
 public:
  /// Looks the service up through `host` (version 1 or later).
  explicit Knowledge(const Host& host)
      : host_(host.services()),
        service_(host.find<sw_knowledge_service>(SW_SERVICE_KNOWLEDGE, 1)) {}

  /// Whether the host offers the service.
  bool available() const { return service_ != nullptr; }

  /// The canonical framework id for a name or alias, "" when no adapter claims it.
  std::string framework(const std::string& name) const {
    return text(service_ ? service_->framework(context(), name.c_str()) : nullptr);
  }
  /// A trait by dotted key (`rng.model`), "" when unknown or empty.
  std::string trait(const std::string& framework, const std::string& key) const {
    return text(service_ ? service_->trait(context(), framework.c_str(), key.c_str()) : nullptr);
  }
  /// A boolean trait (`module.training.inverted`).
  bool flag(const std::string& framework, const std::string& key) const {
    return trait(framework, key) == "true";
  }
  /// The hub operation `api` stands for in `framework` (`op` or `op/form`), "" when unmapped.
  std::string operation(const std::string& framework, const std::string& api,
                        uint32_t call_kind = SW_CALL_FUNCTION) const {
    return text(service_ ? service_->operation(context(), framework.c_str(), api.c_str(), call_kind)
                         : nullptr);
  }
  /// The hub operation of call `call` of `tree` in `framework`, "" when local or unmapped.
  std::string call_operation(const sw_tree* tree, uint32_t call,
                             const std::string& framework) const {
    return text(service_ ? service_->call_operation(context(), tree, call, framework.c_str())
                         : nullptr);
  }
  /// The qualified API `framework` writes for `operation`; nullopt when it is unmapped, "" when
  /// mapped without an API.
  std::optional<std::string> api(const std::string& framework,
                                 const std::string& operation) const {
    return maybe(service_ ? service_->api(context(), framework.c_str(), operation.c_str())
                          : nullptr);
  }
  /// The hook `framework`'s spoke leaves `operation` to, "" when none.
  std::string operation_hook(const std::string& framework, const std::string& operation) const {
    return text(service_ ? service_->operation_hook(context(), framework.c_str(),
                                                    operation.c_str())
                         : nullptr);
  }
  /// `framework`'s name for hub argument `argument` of `operation`; `argument` when unknown.
  std::string parameter(const std::string& framework, const std::string& operation,
                        const std::string& argument) const {
    const char* name = service_ ? service_->parameter(context(), framework.c_str(),
                                                      operation.c_str(), argument.c_str())
                                : nullptr;
    return name != nullptr ? name : argument;
  }
  /// `qualified` as `tree`'s file names it for `framework`, its import added; nullopt when it
  /// cannot be written (the host has reported why when an import was refused).
  std::optional<std::string> spell(sw_tree* tree, const std::string& framework,
                                   const std::string& qualified) const {
    return maybe(service_ ? service_->spell(context(), tree, framework.c_str(), qualified.c_str())
                          : nullptr);
  }
  /// Whether the host offers whole calls through the hub (read_call, write_call).
  bool converts_calls() const {
    return service_ != nullptr &&
           service_->struct_size >= offsetof(sw_knowledge_service, reason) + sizeof(void*);
  }
  /// Call `call` of `tree` in hub terms (knowledge.h's JSON form); nullopt, with reason(), when
  /// it is local, unmapped or does not fit its spelling.
  std::optional<std::string> read_call(const sw_tree* tree, uint32_t call,
                                       const std::string& framework) const {
    return maybe(converts_calls()
                     ? service_->read_call(context(), tree, call, framework.c_str())
                     : nullptr);
  }
  /// Hub `operation` with `arguments` (JSON) written through `framework`'s spoke for `tree`'s
  /// file, imports added; nullopt, with reason(), when the spoke cannot write it.
  std::optional<std::string> write_call(sw_tree* tree, const std::string& framework,
                                        const std::string& operation,
                                        const std::string& arguments) const {
    return maybe(converts_calls() ? service_->write_call(context(), tree, framework.c_str(),
                                                         operation.c_str(), arguments.c_str())
                                  : nullptr);
  }
  /// Why the last read_call or write_call gave nothing.
  std::string reason() const {
    if (!converts_calls()) return "the host cannot convert calls (SDK ABI 1.1 without them)";
    return text(service_->reason(context()));
  }

  /// `operation` written through `framework`'s spoke for `tree`'s file (`reshape` ->
  /// `jnp.reshape`); nullopt when the spoke has no API for it or it cannot be written.
  std::optional<std::string> write(sw_tree* tree, const std::string& framework,
                                   const std::string& operation) const {
    const auto qualified = api(framework, operation);
    if (!qualified || qualified->empty()) return std::nullopt;
    return spell(tree, framework, *qualified);
  }

 private:
  sw_host_context* context() const { return host_->context; }
  static std::string text(const char* value) { return value != nullptr ? value : ""; }
  static std::optional<std::string> maybe(const char* value) {
    return value != nullptr ? std::optional<std::string>(value) : std::nullopt;
  }

  const sw_host_services* host_;
  const sw_knowledge_service* service_;
};

}  // namespace switcheroo::sdk

#endif  // SWITCHEROO_KNOWLEDGE_HPP
