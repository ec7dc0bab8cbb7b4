// Header-only C++ layer over <switcheroo/sdk.h> for plugin authors. It is compiled into each
// plugin, so nothing here crosses the boundary: exceptions thrown by plugin code are caught in
// the trampolines below and turned into the C error protocol.
#ifndef SWITCHEROO_SDK_HPP
#define SWITCHEROO_SDK_HPP

#include <switcheroo/sdk.h>

#include <boost/dll/alias.hpp>

#include <cstring>
#include <exception>
#include <stdexcept>
#include <string>
#include <string_view>

#define SW_SDK_CONCAT_IMPL(a, b, c, d) a##b##c##d
#define SW_SDK_CONCAT(a, b, c, d) SW_SDK_CONCAT_IMPL(a, b, c, d)

/// The entry symbol name for the ABI this plugin is compiled against.
#define SW_SDK_ENTRY_SYMBOL \
  SW_SDK_CONCAT(switcheroo_plugin_v, SW_SDK_ABI_MAJOR, _, SW_SDK_ABI_MINOR)

/// Exports `function` (a `const sw_plugin_descriptor* ()`) as the plugin's one entry symbol,
/// in the `swplugin` section where the host finds it without loading the library. Use once per
/// plugin, at namespace scope.
#define SWITCHEROO_PLUGIN_ENTRY(function) \
  BOOST_DLL_ALIAS_SECTIONED(function, SW_SDK_ENTRY_SYMBOL, swplugin)

namespace switcheroo::sdk {

/// Diagnostic severities as a C++ enum.
enum class Severity : uint32_t {
  error = SW_SEVERITY_ERROR,
  warning = SW_SEVERITY_WARNING,
  note = SW_SEVERITY_NOTE,
};

/// Copies `message` into a C error buffer, truncating and always NUL-terminating.
inline void copy_error(std::string_view message, char* buffer, uint32_t size) noexcept {
  if (buffer == nullptr || size == 0) return;
  const size_t count = message.size() < size - 1 ? message.size() : size - 1;
  std::memcpy(buffer, message.data(), count);
  buffer[count] = '\0';
}

/// The host as a plugin sees it: typed access to the services table.
class Host {
 public:
  explicit Host(const sw_host_services* services) : services_(services) {}

  /// The table itself, for the C layer of services (knowledge.hpp).
  const sw_host_services* services() const { return services_; }

  /// Returns the named service table cast to `Table`, or nullptr when the host lacks it.
  template <class Table>
  const Table* find(const char* name, uint32_t min_version) const {
    if (services_ == nullptr || services_->find_service == nullptr) return nullptr;
    const void* table = services_->find_service(services_->context, name, min_version);
    auto typed = static_cast<const Table*>(table);
    if (typed != nullptr && typed->struct_size < sizeof(Table)) return nullptr;
    return typed;
  }

  /// Reports a diagnostic; silently does nothing on a host without the service.
  void report(Severity severity, std::string_view file, uint32_t line, uint32_t column,
              std::string_view message, std::string_view unit_id) const {
    auto diagnostics = find<sw_diagnostics_service>(SW_SERVICE_DIAGNOSTICS, 1);
    if (diagnostics == nullptr) return;
    const std::string file_text(file), message_text(message), unit_text(unit_id);
    diagnostics->report(services_->context, static_cast<uint32_t>(severity),
                        file.empty() ? nullptr : file_text.c_str(), line, column,
                        message_text.c_str(), unit_text.c_str());
  }

 private:
  const sw_host_services* services_;
};

/// What a plugin class's constructor receives.
struct InitContext {
  Host host;                       ///< the host's services
  std::string_view options_json;   ///< the plugin's manifest options as a JSON object
  std::string_view manifest_path;  ///< empty for the built-in default manifest
};

/// Thrown by plugin code to fail init with a message; any std::exception works the same way.
class PluginError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// `init` for a plugin whose instance is a `Plugin` constructed from an InitContext.
template <class Plugin>
int32_t init_instance(const sw_init_args* args, void** instance, char* error,
                      uint32_t error_size) noexcept {
  try {
    InitContext context{Host(args->host), args->options_json ? args->options_json : "{}",
                        args->manifest_path ? args->manifest_path : ""};
    *instance = new Plugin(context);
    return SW_OK;
  } catch (const std::exception& failure) {
    copy_error(failure.what(), error, error_size);
  } catch (...) {
    copy_error("unknown error during init", error, error_size);
  }
  return SW_FAILED;
}

/// `shutdown` matching init_instance<Plugin>.
template <class Plugin>
void shutdown_instance(void* instance) noexcept {
  delete static_cast<Plugin*>(instance);
}

/// A descriptor with this SDK's struct size and ABI version filled in.
constexpr sw_plugin_descriptor make_descriptor(uint32_t kind, const char* id, const char* version,
                                               const char* description, const void* interface,
                                               uint32_t flags = 0) {
  sw_plugin_descriptor descriptor{};
  descriptor.struct_size = sizeof(sw_plugin_descriptor);
  descriptor.abi_major = SW_SDK_ABI_MAJOR;
  descriptor.abi_minor = SW_SDK_ABI_MINOR;
  descriptor.kind = kind;
  descriptor.flags = flags;
  descriptor.id = id;
  descriptor.version = version;
  descriptor.description = description;
  descriptor.init = nullptr;
  descriptor.shutdown = nullptr;
  descriptor.interface = interface;
  return descriptor;
}

/// Same, with init/shutdown creating and destroying a `Plugin`.
template <class Plugin>
constexpr sw_plugin_descriptor make_descriptor(uint32_t kind, const char* id, const char* version,
                                               const char* description, const void* interface,
                                               uint32_t flags = 0) {
  sw_plugin_descriptor descriptor =
      make_descriptor(kind, id, version, description, interface, flags);
  descriptor.init = &init_instance<Plugin>;
  descriptor.shutdown = &shutdown_instance<Plugin>;
  return descriptor;
}

/// The instance of a plugin that takes no manifest options: it refuses any it is given, naming
/// them, instead of ignoring a typo.
class OptionlessPlugin {
 public:
  explicit OptionlessPlugin(const InitContext& context) {
    if (context.options_json != "{}") {
      throw PluginError("it takes no options, got " + std::string(context.options_json));
    }
  }
};

}  // namespace switcheroo::sdk

/**
 * A framework adapter that is all data and takes no options: its traits and spoke embedded as
 * `traits_toml` and `spoke_toml` (`switcheroo_add_plugin(... EMBED traits_toml data/traits.toml
 * spoke_toml data/spoke.toml)`). The arguments after the description are the framework's other
 * names, ending with nullptr:
 *
 *   SWITCHEROO_DATA_ADAPTER("torch", "PyTorch", "0.1.0", "PyTorch adapter", "pytorch", nullptr)
 */
#define SWITCHEROO_DATA_ADAPTER(id, display_name, version, description, ...)                 \
  namespace switcheroo_embedded {                                                            \
  extern const char traits_toml[];                                                           \
  extern const char spoke_toml[];                                                            \
  }                                                                                          \
  namespace {                                                                                \
  const char* const kSwitcherooAliases[] = {__VA_ARGS__};                                    \
  const sw_adapter_interface kSwitcherooAdapter = {                                          \
      sizeof(sw_adapter_interface), id, kSwitcherooAliases, display_name,                    \
      switcheroo_embedded::traits_toml, switcheroo_embedded::spoke_toml};                    \
  const sw_plugin_descriptor kSwitcherooDescriptor =                                         \
      switcheroo::sdk::make_descriptor<switcheroo::sdk::OptionlessPlugin>(                   \
          SW_PLUGIN_KIND_ADAPTER, id, version, description, &kSwitcherooAdapter);            \
  }                                                                                          \
  extern "C" const sw_plugin_descriptor* switcheroo_data_adapter_entry() {                   \
    return &kSwitcherooDescriptor;                                                           \
  }                                                                                          \
  SWITCHEROO_PLUGIN_ENTRY(switcheroo_data_adapter_entry)

#endif  // SWITCHEROO_SDK_HPP
