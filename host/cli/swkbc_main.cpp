// swkbc: compiles the knowledge base once, at build time (kb_image.h). `swkbc hub OUT` writes
// the built-in hub's image; `swkbc adapter PLUGIN OUT` reads an adapter plugin's traits and
// spoke, checks them against the hub as swhost would, and writes their image. Invalid data
// fails the build with swhost's located diagnostic, and nothing is written.
#include "core/hub.h"
#include "core/kb_image.h"
#include "core/output_file.h"
#include "core/plugin_loader.h"

#include <iostream>
#include <string>
#include <vector>

namespace {

using namespace switcheroo;

constexpr const char* kUsage =
    "usage: swkbc hub OUTPUT\n"
    "       swkbc adapter PLUGIN OUTPUT\n";

std::string adapter_image(const std::string& plugin_file) {
  const auto plugin = load_plugin(plugin_file);
  const sw_adapter_interface* adapter = plugin->adapter();
  if (adapter == nullptr) {
    throw Error("'" + plugin_file + "' is not an adapter plugin", "swkbc");
  }
  const std::string_view traits = adapter->traits_toml ? adapter->traits_toml : "";
  const std::string_view spoke = adapter->spoke_toml ? adapter->spoke_toml : "";
  const std::string id = plugin->id();
  return write_adapter_image(parse_adapter_data(id, traits, spoke, parse_builtin_hub()),
                             adapter_data_key(id, traits, spoke));
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> arguments(argv + 1, argv + argc);
  const bool hub = arguments.size() == 2 && arguments[0] == "hub";
  const bool adapter = arguments.size() == 3 && arguments[0] == "adapter";
  if (!hub && !adapter) {
    std::cerr << kUsage;
    return exit_usage;
  }
  try {
    const std::string image =
        hub ? write_hub_image(parse_builtin_hub(), builtin_hub_key()) : adapter_image(arguments[1]);
    write_file_atomically(arguments.back(), image);
    return exit_success;
  } catch (const Error& failure) {
    std::cerr << failure.diagnostic().format() << '\n';
    return failure.exit_code();
  } catch (const PluginRefusal& refusal) {
    std::cerr << "error: " << refusal.what() << " [swkbc]\n";
    return exit_failure;
  }
}
