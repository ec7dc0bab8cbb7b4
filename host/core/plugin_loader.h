// Loading one plugin file, one checked step at a time: the file exists, is a shared library,
// exports exactly one entry symbol in the `swplugin` section, and that symbol names an ABI this
// host accepts -- all read from the file without loading it, so no code of a foreign library
// runs. Only then is it loaded and its descriptor read and validated.
#pragma once

#include "adapter_data.h"
#include "diagnostics.h"

#include <switcheroo/emitter.h>
#include <switcheroo/sdk.h>

#include <boost/dll/shared_library.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace switcheroo {

struct AbiVersion {
  uint32_t major = 0;
  uint32_t minor = 0;
  std::string text() const { return std::to_string(major) + "." + std::to_string(minor); }
};

/// The ABI this host was built with.
constexpr AbiVersion host_abi() {
  return {SW_SDK_ABI_MAJOR, SW_SDK_ABI_MINOR};
}

/// A plugin file that was refused: why, in one message naming the file.
class PluginRefusal : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// "adapter", "isa-frontend", "emitter" or "hook"; nullptr for an unknown kind.
const char* plugin_kind_name(uint32_t kind);

/// A validated plugin library, loaded and kept loaded while this object lives. Its instance is
/// created by initialize() and destroyed (shutdown) before the library is unloaded.
class LoadedPlugin {
 public:
  LoadedPlugin(boost::dll::shared_library library, const sw_plugin_descriptor* descriptor,
               std::filesystem::path file, AbiVersion abi);
  ~LoadedPlugin();
  LoadedPlugin(const LoadedPlugin&) = delete;
  LoadedPlugin& operator=(const LoadedPlugin&) = delete;

  const sw_plugin_descriptor& descriptor() const { return *descriptor_; }
  const std::filesystem::path& file() const { return file_; }
  AbiVersion abi() const { return abi_; }
  std::string id() const { return descriptor_->id; }
  uint32_t kind() const { return descriptor_->kind; }
  /// The kind-specific interface; valid for adapters only when kind() is adapter.
  const sw_adapter_interface* adapter() const;
  const sw_hook_interface* hook() const;
  /// The emitter interface (ABI 1.2); nullptr for other kinds and for older emitters.
  const sw_emitter_interface* emitter() const;
  /// The adapter's traits and spoke, read on first use (a run reads only the adapters it
  /// needs); nullptr for other kinds, and when they are invalid: adapter_data_error() says why.
  const AdapterData* adapter_data() const;
  /// What listing and checking the adapter need (summarize()): from its image without
  /// decoding the data when the image is current, from adapter_data() otherwise; nullptr as
  /// adapter_data().
  const AdapterSummary* adapter_summary() const;
  /// "plugin '<file>' has invalid adapter data: <file:line:col>: <message>", once
  /// adapter_data() has found them invalid; empty otherwise.
  const std::string& adapter_data_error() const { return data_error_; }
  /// Reads the adapter's data from its TOML only, never from the image beside the file.
  void ignore_image() { image_read_ = true; }
  void set_adapter_data(AdapterData data) {
    adapter_data_ = std::move(data);
    data_read_ = true;
    summary_.reset();
  }

  /// Calls the plugin's init. Throws PluginRefusal with the plugin's own message on failure.
  void initialize(const sw_host_services* host, const std::string& options_json,
                  const std::string& manifest_path);
  bool initialized() const { return initialized_; }
  void* instance() const { return instance_; }

 private:
  boost::dll::shared_library library_;
  const sw_plugin_descriptor* descriptor_;
  std::filesystem::path file_;
  AbiVersion abi_;
  // The compiled image beside the plugin, when it was made from the plugin's own text: its
  // bytes until the data is decoded, its key and its summary.
  void read_image() const;
  mutable bool image_read_ = false;
  mutable std::optional<std::string> image_;
  mutable uint64_t image_key_ = 0;
  mutable std::optional<AdapterSummary> summary_;
  mutable std::optional<AdapterData> adapter_data_;
  mutable bool data_read_ = false;
  mutable std::string data_error_;
  void* instance_ = nullptr;
  bool initialized_ = false;
};

/// Reads the entry symbol's ABI from the file without loading it. Throws PluginRefusal.
AbiVersion inspect_plugin_file(const std::filesystem::path& file, std::string* entry_symbol);

/// The plugin files (`libsw-*.so`) directly in `dir`, sorted by name; none when it is not a
/// readable folder.
std::vector<std::filesystem::path> plugin_files_in(const std::filesystem::path& dir);

/// Inspects, loads and validates `file`. Throws PluginRefusal naming the file and the reason.
std::unique_ptr<LoadedPlugin> load_plugin(const std::filesystem::path& file);

}  // namespace switcheroo
