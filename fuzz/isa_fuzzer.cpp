// Any bytes as an assembly listing for one ISA frontend (built once per frontend, with
// SWITCHEROO_FUZZ_SASS or SWITCHEROO_FUZZ_RDNA): the frontend parses the listing or reports
// errors, and whatever it accepts lifts to Python or fails with a LiftError; nothing crashes.
// The frontend's sources are compiled in (not loaded as a plugin) so that libFuzzer sees their
// coverage.
#include "core/host_services.h"
#include "lift/control_flow.h"
#include "lift/program.h"
#include "lift/python_writer.h"

#include <cstddef>
#include <cstdint>
#include <string>

#if defined(SWITCHEROO_FUZZ_SASS)
#include "sass_listing.h"
namespace frontend = switcheroo::sass;
namespace switcheroo_embedded {
extern const char sass_semantics[];
}
static const char* const kSemantics = switcheroo_embedded::sass_semantics;
static const char* const kIsa = "sass";
#elif defined(SWITCHEROO_FUZZ_RDNA)
#include "rdna_listing.h"
namespace frontend = switcheroo::rdna;
namespace switcheroo_embedded {
extern const char rdna_semantics[];
}
static const char* const kSemantics = switcheroo_embedded::rdna_semantics;
static const char* const kIsa = "rdna";
#else
#error "define SWITCHEROO_FUZZ_SASS or SWITCHEROO_FUZZ_RDNA"
#endif

namespace {

namespace sdk = switcheroo::sdk;

struct Frontend {
  switcheroo::HostServices services{[](const switcheroo::Diagnostic&) {}};
  sdk::Host host{services.table()};
  sdk::isa::SemanticsTable semantics{kSemantics};
};

int32_t parse(void* instance, const char* file, const char* text, uint64_t length,
              const sw_isa_builder* builder) {
  auto* self = static_cast<Frontend*>(instance);
  try {
    return frontend::parse_listing(file, std::string_view(text, length), self->host,
                                   self->semantics, sdk::isa::Builder(builder))
               ? SW_OK
               : SW_FAILED;
  } catch (const sdk::isa::BuilderRefused&) {
    return SW_FAILED;
  }
}

uint32_t sniff(const char* text, uint64_t length) {
  return frontend::sniff_listing(std::string_view(text, length));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Frontend instance;
  static const sw_isa_frontend_interface interface = {
      sizeof(sw_isa_frontend_interface), kIsa, kIsa, nullptr, &sniff, &parse};
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  sniff(text.data(), text.size());
  const auto program = switcheroo::lift::read_program(interface, &instance, "fuzz", text);
  if (!program) return 0;
  try {
    switcheroo::lift::lift_to_python(*program, [](const switcheroo::Diagnostic&) {});
  } catch (const switcheroo::lift::LiftError&) {
  }
  return 0;
}
