// Any bytes as a would-be plugin file: inspection (which reads the file's symbol table without
// loading it) must refuse or accept cleanly, never crash. Nothing here ever loads the file.
#include "core/plugin_loader.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/switcheroo-fuzz-plugin-" + std::to_string(getpid()) + ".so";
  FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) std::abort();
  std::fwrite(data, 1, size, file);
  std::fclose(file);
  try {
    switcheroo::inspect_plugin_file(path, nullptr);
  } catch (const switcheroo::PluginRefusal&) {
  }
  return 0;
}
