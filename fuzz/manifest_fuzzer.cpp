// Any bytes as a manifest (plain or pyproject.toml): either a Manifest or a located Error,
// never a crash, hang or other exception.
#include "core/manifest.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (bool pyproject : {false, true}) {
    try {
      switcheroo::parse_manifest(text, pyproject ? "pyproject.toml" : "switcheroo.toml", pyproject);
    } catch (const switcheroo::Error& error) {
      if (error.diagnostic().location.file.empty()) std::abort();  // every error is located
    }
  }
  return 0;
}
