// The compiled knowledge base (core/kb_image.h): the images the build made give back exactly
// what the TOML gives, for the hub and every built-in adapter, and an image made from other
// text, or broken, is never used.
#include "core/kb_image.h"
#include "core/host_services.h"
#include "core/output_file.h"
#include "core/plugin_loader.h"
#include "core/plugin_set.h"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace switcheroo;
namespace fs = std::filesystem;

namespace {

const fs::path kPluginDir = SWITCHEROO_TEST_PLUGIN_DIR;
const fs::path kHubImage = fs::path(SWITCHEROO_TEST_DATA_DIR) / "hub.swkb";

struct AdapterText {
  std::string id, traits, spoke;
};

AdapterText text_of(const LoadedPlugin& plugin) {
  const sw_adapter_interface* adapter = plugin.adapter();
  return {plugin.id(), adapter->traits_toml ? adapter->traits_toml : "",
          adapter->spoke_toml ? adapter->spoke_toml : ""};
}

std::vector<std::unique_ptr<LoadedPlugin>> built_in_adapters() {
  std::vector<std::unique_ptr<LoadedPlugin>> adapters;
  for (const auto& file : plugin_files_in(kPluginDir)) {
    auto plugin = load_plugin(file);
    if (plugin->adapter() != nullptr) adapters.push_back(std::move(plugin));
  }
  return adapters;
}

AdapterData parsed(const AdapterText& text) {
  return parse_adapter_data(text.id, text.traits, text.spoke, parse_builtin_hub());
}

// The first built-in adapter's plugin file copied alone into a fresh temporary `folder`.
struct AdapterCopy {
  fs::path folder, file;
  AdapterText text;
};

AdapterCopy copy_first_adapter(const std::string& folder_name) {
  const auto adapters = built_in_adapters();
  REQUIRE_FALSE(adapters.empty());
  AdapterCopy copy;
  copy.folder = fs::temp_directory_path() / folder_name;
  fs::remove_all(copy.folder);
  fs::create_directories(copy.folder);
  copy.file = copy.folder / adapters.front()->file().filename();
  fs::copy_file(adapters.front()->file(), copy.file);
  copy.text = text_of(*adapters.front());
  return copy;
}

}  // namespace

TEST_CASE("the build's hub image reads back as the hub parsed from TOML", "[kb_image]") {
  const auto image = read_image_file(kHubImage);
  REQUIRE(image.has_value());
  const auto compiled = read_hub_image(*image, builtin_hub_key());
  REQUIRE(compiled.has_value());
  const Hub hub = parse_builtin_hub();
  CHECK(compiled->ops().size() == hub.ops().size());
  CHECK(compiled->categories() == hub.categories());
  CHECK(*compiled == hub);
  // Locations survive for diagnostics that point into the hub's TOML.
  const HubOp* op = compiled->find(hub.ops().begin()->first);
  REQUIRE(op != nullptr);
  CHECK(op->where == hub.ops().begin()->second.where);
  CHECK(op->where.line > 0);
}

TEST_CASE("every built-in adapter's image reads back as its TOML parsed", "[kb_image]") {
  const auto adapters = built_in_adapters();
  REQUIRE(adapters.size() >= 7);
  for (const auto& plugin : adapters) {
    INFO(plugin->file().string());
    const AdapterText text = text_of(*plugin);
    const auto image = read_image_file(adapter_image_path(plugin->file()));
    REQUIRE(image.has_value());
    const auto compiled =
        read_adapter_image(*image, adapter_data_key(text.id, text.traits, text.spoke));
    REQUIRE(compiled.has_value());
    const AdapterData expected = parsed(text);
    CHECK(compiled->ops.size() == expected.ops.size());
    CHECK(compiled->traits == expected.traits);
    CHECK(*compiled == expected);
    // What the loader gives (read from the image) is the same.
    REQUIRE(plugin->adapter_data() != nullptr);
    CHECK(*plugin->adapter_data() == expected);
  }
}

TEST_CASE("an image made from other text is ignored", "[kb_image]") {
  const auto adapters = built_in_adapters();
  REQUIRE_FALSE(adapters.empty());
  const AdapterText text = text_of(*adapters.front());
  const AdapterData data = parsed(text);
  const uint64_t key = adapter_data_key(text.id, text.traits, text.spoke);
  const std::string image = write_adapter_image(data, key);
  CHECK(read_adapter_image(image, key) == data);
  // The summary reads alone, ahead of the data, and says what the data does.
  const AdapterSummary summary = summarize(data);
  CHECK(summary.ops == data.ops.size());
  CHECK(read_adapter_summary(image, key) == summary);
  CHECK_FALSE(read_adapter_summary(image, key + 1));

  // One byte of the spoke changed (a comment), or the traits, or the plugin id: another key.
  CHECK(adapter_data_key(text.id, text.traits, text.spoke + "#") != key);
  CHECK(adapter_data_key(text.id, text.traits + " ", text.spoke) != key);
  CHECK(adapter_data_key(text.id + "x", text.traits, text.spoke) != key);
  CHECK_FALSE(read_adapter_image(image, adapter_data_key(text.id, text.traits, text.spoke + "#")));
  // An adapter image is not a hub image, and a truncated or extended image reads as nothing.
  CHECK_FALSE(read_hub_image(image, key));
  CHECK_FALSE(read_adapter_image(image.substr(0, image.size() - 1), key));
  CHECK_FALSE(read_adapter_image(image.substr(0, 10), key));
  CHECK_FALSE(read_adapter_image(image + "x", key));
  CHECK_FALSE(read_adapter_image("", key));
}

TEST_CASE("the loader reads a matching image and parses the TOML past a stale one", "[kb_image]") {
  const AdapterCopy adapter = copy_first_adapter("switcheroo-kb-image-test");
  const fs::path& folder = adapter.folder;
  const fs::path& copy = adapter.file;
  const AdapterText& text = adapter.text;
  AdapterData marked = parsed(text);
  marked.traits.display_name = "read from the image";

  SECTION("matching: the image is what the loader gives") {
    marked.ops.erase(marked.ops.begin());
    write_file_atomically(
        adapter_image_path(copy),
        write_adapter_image(marked, adapter_data_key(text.id, text.traits, text.spoke)));
    const auto plugin = load_plugin(copy);
    // The summary comes from the image before the data is decoded, and agrees with it after.
    REQUIRE(plugin->adapter_summary() != nullptr);
    CHECK(*plugin->adapter_summary() == summarize(marked));
    REQUIRE(plugin->adapter_data() != nullptr);
    CHECK(plugin->adapter_data()->traits.display_name == "read from the image");
    CHECK(*plugin->adapter_summary() == summarize(*plugin->adapter_data()));
  }
  SECTION("stale (made from other text): the TOML is parsed") {
    write_file_atomically(
        adapter_image_path(copy),
        write_adapter_image(marked, adapter_data_key(text.id, text.traits, text.spoke + "\n")));
    const auto plugin = load_plugin(copy);
    REQUIRE(plugin->adapter_data() != nullptr);
    CHECK(*plugin->adapter_data() == parsed(text));
  }
  fs::remove_all(folder);
}

TEST_CASE("a project's trusted plugin is read from its TOML, never from an image beside it",
          "[kb_image]") {
  const AdapterCopy adapter = copy_first_adapter("switcheroo-kb-image-trust-test");
  const fs::path& folder = adapter.folder;
  const fs::path& copy = adapter.file;
  const AdapterText& text = adapter.text;
  // An image anyone who can write the folder could make: it matches the embedded TOML's key.
  AdapterData planted = parsed(text);
  planted.ops.erase(planted.ops.begin());
  write_file_atomically(
      adapter_image_path(copy),
      write_adapter_image(planted, adapter_data_key(text.id, text.traits, text.spoke)));
  Manifest manifest;
  manifest.path = folder / "switcheroo.toml";
  manifest.use_installed = false;
  manifest.plugin_files.push_back({copy, {}});
  PluginSearch search;
  search.trust = PluginTrust::for_this_run();
  HostServices services([](const Diagnostic&) {});

  SECTION("named with --plugins: the user's own choice, the image is read") {
    const PluginSet plugins(manifest, search, services);
    REQUIRE(plugins.of_kind(SW_PLUGIN_KIND_ADAPTER).size() == 1);
    CHECK(plugins.of_kind(SW_PLUGIN_KIND_ADAPTER).front()->adapter_summary()->ops ==
          planted.ops.size());
  }
  SECTION("found in the project and trusted: the image is ignored") {
    manifest.found = true;
    const PluginSet plugins(manifest, search, services);
    REQUIRE(plugins.of_kind(SW_PLUGIN_KIND_ADAPTER).size() == 1);
    const LoadedPlugin& plugin = *plugins.of_kind(SW_PLUGIN_KIND_ADAPTER).front();
    CHECK(plugin.adapter_summary()->ops == planted.ops.size() + 1);
    CHECK(*plugin.adapter_data() == parsed(text));
  }
  fs::remove_all(folder);
}
