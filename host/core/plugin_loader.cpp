#include "plugin_loader.h"

#include "elf_check.h"
#include "kb_image.h"
#include "text_util.h"

#include <boost/dll/library_info.hpp>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace switcheroo {
namespace {

namespace fs = std::filesystem;

std::string quoted(const fs::path& file) {
  return "'" + file.string() + "'";
}

[[noreturn]] void refuse(const fs::path& file, const std::string& reason) {
  throw PluginRefusal("plugin " + quoted(file) + " " + reason);
}

std::string supported_range() {
  return std::to_string(SW_SDK_ABI_MAJOR) + ".0-" + host_abi().text();
}

// Boost.DLL appends a stale strerror() text to dlerror()'s message; keep the useful part.
std::string clean_load_error(std::string text) {
  for (const char* noise : {": Illegal seek", ": Success", ": No such file or directory"}) {
    const size_t length = std::strlen(noise);
    if (text.size() > length && text.compare(text.size() - length, length, noise) == 0) {
      text.resize(text.size() - length);
    }
  }
  if (text.rfind("boost::dll::shared_library::load() failed (dlerror system message: ", 0) == 0) {
    text = text.substr(
        std::strlen("boost::dll::shared_library::load() failed (dlerror system message: "));
    if (!text.empty() && text.back() == ')') text.pop_back();
  }
  return text;
}

// Parses `switcheroo_plugin_v<major>_<minor>`; false when the name has another shape.
bool parse_entry_symbol(std::string_view name, AbiVersion& abi) {
  std::string_view rest = name.substr(std::strlen(SW_PLUGIN_ENTRY_PREFIX));
  const char* begin = rest.data();
  const char* end = begin + rest.size();
  auto major = std::from_chars(begin, end, abi.major);
  if (major.ec != std::errc() || major.ptr == end || *major.ptr != '_') return false;
  auto minor = std::from_chars(major.ptr + 1, end, abi.minor);
  return minor.ec == std::errc() && minor.ptr == end;
}

template <class Interface>
const Interface* checked_interface(const LoadedPlugin& plugin, uint32_t kind) {
  if (plugin.kind() != kind) return nullptr;
  return static_cast<const Interface*>(plugin.descriptor().interface);
}

void validate_text(const fs::path& file, const char* text, const char* field) {
  if (text == nullptr || *text == '\0') refuse(file, std::string("has no ") + field);
}

void validate_interface(const fs::path& file, const sw_plugin_descriptor& descriptor) {
  if (descriptor.interface == nullptr) {
    if (descriptor.kind == SW_PLUGIN_KIND_ADAPTER || descriptor.kind == SW_PLUGIN_KIND_HOOK) {
      refuse(file, "has no interface table for its kind '" +
                       std::string(plugin_kind_name(descriptor.kind)) + "'");
    }
    return;
  }
  const uint32_t size = *static_cast<const uint32_t*>(descriptor.interface);
  if (descriptor.kind == SW_PLUGIN_KIND_ADAPTER) {
    if (size < sizeof(sw_adapter_interface)) {
      refuse(file, "has an adapter interface of " + std::to_string(size) + " bytes; ABI " +
                       std::to_string(SW_SDK_ABI_MAJOR) + " needs at least " +
                       std::to_string(sizeof(sw_adapter_interface)));
    }
    auto adapter = static_cast<const sw_adapter_interface*>(descriptor.interface);
    validate_text(file, adapter->framework, "framework name");
    if (!is_plugin_id(adapter->framework)) {
      refuse(file, "declares framework name '" + std::string(adapter->framework) +
                       "', which is not lowercase letters, digits, '_' and '-'");
    }
  } else if (descriptor.kind == SW_PLUGIN_KIND_EMITTER && descriptor.abi_minor >= 2) {
    if (size < sizeof(sw_emitter_interface)) {
      refuse(file, "has an emitter interface of " + std::to_string(size) + " bytes; ABI 1.2 " +
                       "needs at least " + std::to_string(sizeof(sw_emitter_interface)));
    }
    if (static_cast<const sw_emitter_interface*>(descriptor.interface)->emit == nullptr) {
      refuse(file, "is an emitter without an 'emit' function");
    }
  } else if (descriptor.kind == SW_PLUGIN_KIND_HOOK) {
    if (size < sizeof(sw_hook_interface)) {
      refuse(file, "has a hook interface of " + std::to_string(size) + " bytes; ABI " +
                       std::to_string(SW_SDK_ABI_MAJOR) + " needs at least " +
                       std::to_string(sizeof(sw_hook_interface)));
    }
    if (static_cast<const sw_hook_interface*>(descriptor.interface)->apply == nullptr) {
      refuse(file, "is a hook without an 'apply' function");
    }
  }
}

bool is_plugin_file_name(const std::string& name) {
  return name.rfind("libsw-", 0) == 0 && name.size() > 9 &&
         name.compare(name.size() - 3, 3, ".so") == 0;
}

}  // namespace

std::vector<fs::path> plugin_files_in(const fs::path& dir) {
  std::error_code error;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    if (is_plugin_file_name(entry.path().filename().string())) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

const char* plugin_kind_name(uint32_t kind) {
  switch (kind) {
    case SW_PLUGIN_KIND_ADAPTER: return "adapter";
    case SW_PLUGIN_KIND_ISA_FRONTEND: return "isa-frontend";
    case SW_PLUGIN_KIND_EMITTER: return "emitter";
    case SW_PLUGIN_KIND_HOOK: return "hook";
  }
  return nullptr;
}

LoadedPlugin::LoadedPlugin(boost::dll::shared_library library,
                           const sw_plugin_descriptor* descriptor, fs::path file, AbiVersion abi)
    : library_(std::move(library)), descriptor_(descriptor), file_(std::move(file)), abi_(abi) {}

LoadedPlugin::~LoadedPlugin() {
  if (initialized_ && descriptor_->shutdown != nullptr) descriptor_->shutdown(instance_);
}

const sw_adapter_interface* LoadedPlugin::adapter() const {
  return checked_interface<sw_adapter_interface>(*this, SW_PLUGIN_KIND_ADAPTER);
}

const sw_hook_interface* LoadedPlugin::hook() const {
  return checked_interface<sw_hook_interface>(*this, SW_PLUGIN_KIND_HOOK);
}

const sw_emitter_interface* LoadedPlugin::emitter() const {
  // Emitters built before ABI 1.2 had no defined interface: they are listed, never called.
  if (descriptor_->abi_minor < 2 || descriptor_->interface == nullptr) return nullptr;
  return checked_interface<sw_emitter_interface>(*this, SW_PLUGIN_KIND_EMITTER);
}

void LoadedPlugin::initialize(const sw_host_services* host, const std::string& options_json,
                              const std::string& manifest_path) {
  if (descriptor_->init == nullptr) {
    if (options_json != "{}") {
      throw PluginRefusal("plugin '" + id() + "' takes no options, but the manifest gives some");
    }
    initialized_ = true;
    return;
  }
  sw_init_args args{};
  args.struct_size = sizeof(args);
  args.host = host;
  args.options_json = options_json.c_str();
  args.manifest_path = manifest_path.empty() ? nullptr : manifest_path.c_str();
  char error[1024] = {};
  void* instance = nullptr;
  if (descriptor_->init(&args, &instance, error, sizeof(error)) != SW_OK) {
    error[sizeof(error) - 1] = '\0';
    throw PluginRefusal("plugin '" + id() + "' failed to initialize: " +
                        (error[0] != '\0' ? std::string(error) : "it gave no reason"));
  }
  instance_ = instance;
  initialized_ = true;
}

AbiVersion inspect_plugin_file(const fs::path& file, std::string* entry_symbol) {
  std::error_code error;
  if (!fs::exists(file, error)) refuse(file, "was not found");
  if (!fs::is_regular_file(file, error)) refuse(file, "is not a regular file");

  if (auto problem = elf_problem(file)) {
    refuse(file, "is not a shared library for this platform: it " + *problem);
  }
  std::vector<std::string> symbols;
  try {
    boost::dll::library_info info(file);
    symbols = info.symbols(SW_PLUGIN_SECTION_NAME);
  } catch (const std::exception&) {
    refuse(file, "is not a shared library for this platform");
  }

  std::vector<std::string> entries;
  for (auto& symbol : symbols) {
    if (symbol.rfind(SW_PLUGIN_ENTRY_PREFIX, 0) == 0) entries.push_back(symbol);
  }
  if (entries.empty()) {
    refuse(file, "is not a switcheroo plugin: it exports no '" SW_PLUGIN_ENTRY_PREFIX
                 "<major>_<minor>' entry symbol in section '" SW_PLUGIN_SECTION_NAME "'");
  }
  if (entries.size() > 1) {
    refuse(file, "exports " + std::to_string(entries.size()) + " entry symbols (" +
                     join_quoted(entries, ", ") + "); a plugin has exactly one");
  }
  AbiVersion abi;
  if (!parse_entry_symbol(entries.front(), abi)) {
    refuse(file, "exports a malformed entry symbol '" + entries.front() + "'");
  }
  if (abi.major != SW_SDK_ABI_MAJOR || abi.minor > SW_SDK_ABI_MINOR) {
    refuse(file, "targets SDK ABI " + abi.text() + "; this host supports " + supported_range() +
                     " (rebuild against SDK " + host_abi().text() + " or " +
                     (abi.major < SW_SDK_ABI_MAJOR ? "use an older swhost)" : "upgrade swhost)"));
  }
  if (entry_symbol != nullptr) *entry_symbol = entries.front();
  return abi;
}

std::unique_ptr<LoadedPlugin> load_plugin(const fs::path& file) {
  std::string entry_symbol;
  const AbiVersion abi = inspect_plugin_file(file, &entry_symbol);

  boost::dll::shared_library library;
  try {
    library.load(fs::absolute(file),
                 boost::dll::load_mode::rtld_lazy | boost::dll::load_mode::rtld_local);
  } catch (const std::exception& failure) {
    refuse(file, "could not be loaded: " + clean_load_error(failure.what()));
  }
  if (!library.has(entry_symbol)) {
    refuse(file, "lists entry symbol '" + entry_symbol + "' but does not export it");
  }
  const sw_plugin_descriptor* descriptor =
      library.get_alias<const sw_plugin_descriptor*()>(entry_symbol)();
  if (descriptor == nullptr) refuse(file, "returned no descriptor from its entry symbol");
  if (descriptor->struct_size < SW_PLUGIN_DESCRIPTOR_MIN_SIZE) {
    refuse(file, "has a descriptor of " + std::to_string(descriptor->struct_size) + " bytes; ABI " +
                     std::to_string(SW_SDK_ABI_MAJOR) + " needs at least " +
                     std::to_string(SW_PLUGIN_DESCRIPTOR_MIN_SIZE));
  }
  const AbiVersion declared{descriptor->abi_major, descriptor->abi_minor};
  if (declared.major != abi.major || declared.minor != abi.minor) {
    refuse(file, "is inconsistent: its descriptor says SDK ABI " + declared.text() +
                     " but its entry symbol '" + entry_symbol + "' says " + abi.text());
  }
  if (plugin_kind_name(descriptor->kind) == nullptr) {
    refuse(file, "declares unknown plugin kind " + std::to_string(descriptor->kind));
  }
  validate_text(file, descriptor->id, "id");
  if (!is_plugin_id(descriptor->id)) {
    refuse(file, "declares id '" + std::string(descriptor->id) +
                     "', which is not lowercase letters, digits, '_' and '-'");
  }
  validate_text(file, descriptor->version, "version");
  validate_interface(file, *descriptor);
  return std::make_unique<LoadedPlugin>(std::move(library), descriptor, file, abi);
}

void LoadedPlugin::read_image() const {
  if (image_read_) return;
  image_read_ = true;
  const auto* adapter = this->adapter();
  if (adapter == nullptr) return;
  auto image = read_image_file(adapter_image_path(file_));
  if (!image) return;
  const uint64_t key =
      adapter_data_key(descriptor_->id, adapter->traits_toml ? adapter->traits_toml : "",
                       adapter->spoke_toml ? adapter->spoke_toml : "");
  summary_ = read_adapter_summary(*image, key);
  if (!summary_) return;
  image_ = std::move(image);
  image_key_ = key;
}

const AdapterSummary* LoadedPlugin::adapter_summary() const {
  if (!data_read_) read_image();
  if (!summary_) {
    if (const AdapterData* data = adapter_data()) summary_ = summarize(*data);
  }
  return summary_ ? &*summary_ : nullptr;
}

const AdapterData* LoadedPlugin::adapter_data() const {
  if (!data_read_) {
    data_read_ = true;
    if (const auto* adapter = this->adapter()) {
      // The image swkbc made beside the plugin, when it was made from this very text.
      read_image();
      if (image_) {
        adapter_data_ = read_adapter_image(*image_, image_key_);
        image_.reset();
        if (adapter_data_) return &*adapter_data_;
        summary_.reset();
      }
      const std::string_view traits = adapter->traits_toml ? adapter->traits_toml : "";
      const std::string_view spoke = adapter->spoke_toml ? adapter->spoke_toml : "";
      try {
        adapter_data_ = parse_adapter_data(descriptor_->id, traits, spoke);
      } catch (const Error& failure) {
        const Diagnostic& problem = failure.diagnostic();
        data_error_ = "plugin " + quoted(file_) +
                      " has invalid adapter data: " + problem.location.file + ":" +
                      std::to_string(problem.location.line) + ":" +
                      std::to_string(problem.location.column) + ": " + problem.message;
      }
    }
  }
  return adapter_data_ ? &*adapter_data_ : nullptr;
}

}  // namespace switcheroo
