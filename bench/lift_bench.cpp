// Assembly lifting cost against kernel size: a generated SASS listing (nvdisasm form) of N
// instructions goes through the real sass plugin (parse) and the host's lifter (control flow,
// dominators, loops, structuring, Python text). See docs/assembly-lifting.md for the figures.
#include "cli/common.h"
#include "core/host_services.h"
#include "core/plugin_set.h"
#include "lift/program.h"
#include "lift/python_writer.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>

namespace {

using namespace switcheroo;

// Writes nvdisasm-style lines with running addresses.
class ListingWriter {
 public:
  void line(const std::string& guard, const std::string& body) {
    char offset[16];
    std::snprintf(offset, sizeof offset, "%04x", address_);
    address_ += 16;
    text_ += "        /*" + std::string(offset) + "*/ " + std::string(22 - guard.size(), ' ') +
             guard + " " + body + " ;\n";
  }
  void label(const std::string& name) { text_ += name + ":\n"; }
  std::string& text() { return text_; }

 private:
  std::string text_;
  unsigned address_ = 0;
};

// One segment: a bottom-tested loop (loads, an FMA, 64-bit pointer arithmetic) nested in an
// outer loop, then an if/else diamond on a predicate.
constexpr int kSegmentInstructions = 22;

void append_segment(ListingWriter& out, int index) {
  const std::string id = std::to_string(index);
  out.line("", "IMAD.MOV.U32 R8, RZ, RZ, RZ");
  out.label(".L_outer_" + id);
  out.line("", "IMAD.MOV.U32 R9, RZ, RZ, RZ");
  out.line("", "IMAD.WIDE R4, R0, 0x4, c[0x0][0x160]");
  out.label(".L_inner_" + id);
  out.line("", "LDG.E R5, [R4.64]");
  out.line("", "FFMA R6, R5, c[0x0][0x178], R6");
  out.line("", "IADD3 R4, P1, R4, 0x4, RZ");
  out.line("", "IMAD.X R5, RZ, RZ, R5, P1");
  out.line("", "IADD3 R9, R9, 0x1, RZ");
  out.line("", "ISETP.GE.AND P0, PT, R9, c[0x0][0x17c], PT");
  out.line("@!P0", "BRA `(.L_inner_" + id + ")");
  out.line("", "IADD3 R8, R8, 0x1, RZ");
  out.line("", "ISETP.GE.AND P0, PT, R8, c[0x0][0x17c], PT");
  out.line("@!P0", "BRA `(.L_outer_" + id + ")");
  out.line("", "FSETP.GT.AND P2, PT, R6, RZ, PT");
  out.line("@!P2", "BRA `(.L_else_" + id + ")");
  out.line("", "FMUL R6, R6, 0.5");
  out.line("", "IADD3 R0, R0, 0x1, RZ");
  out.line("", "BRA `(.L_join_" + id + ")");
  out.label(".L_else_" + id);
  out.line("", "FADD R6, R6, -R7");
  out.line("", "IADD3 R0, R0, 0x2, RZ");
  out.label(".L_join_" + id);
  out.line("", "IMAD.WIDE R2, R0, 0x4, c[0x0][0x170]");
  out.line("", "STG.E [R2.64], R6");
}

std::string generated_listing(int segments) {
  ListingWriter out;
  out.text() =
      "\t.headerflags\t@\"EF_CUDA_TEXMODE_UNIFIED EF_CUDA_64BIT_ADDRESS EF_CUDA_SM80\"\n"
      "        .global         big\n";
  out.label("big");
  for (int i = 0; i < segments; ++i) append_segment(out, i);
  out.line("", "EXIT");
  return out.text();
}

// The sass plugin as swhost finds it (this binary sits beside swhost).
struct SassFrontend {
  HostServices services{[](const Diagnostic&) {}};
  PluginSet plugins;
  const LoadedPlugin* plugin = nullptr;
  const sw_isa_frontend_interface* interface = nullptr;

  SassFrontend() : plugins(Manifest{}, cli::default_plugin_search(), services) {
    for (const LoadedPlugin* candidate : plugins.of_kind(SW_PLUGIN_KIND_ISA_FRONTEND)) {
      const auto* table =
          static_cast<const sw_isa_frontend_interface*>(candidate->descriptor().interface);
      if (table != nullptr && std::string(table->isa) == "sass") {
        plugin = candidate;
        interface = table;
      }
    }
  }
};

void LiftGeneratedSass(benchmark::State& state) {
  static SassFrontend frontend;
  if (frontend.interface == nullptr) {
    state.SkipWithError("the sass plugin did not load");
    return;
  }
  const std::string text = generated_listing(static_cast<int>(state.range(0)));
  size_t bytes = 0;
  for (auto _ : state) {
    const auto program =
        lift::read_program(*frontend.interface, frontend.plugin->instance(), "big.sass", text);
    if (!program) {
      state.SkipWithError("the generated listing did not parse");
      return;
    }
    const lift::LiftResult result = lift::lift_to_python(*program, [](const Diagnostic&) {});
    bytes = result.python.size();
    benchmark::DoNotOptimize(bytes);
    // Every segment's two nested loops must come out as structured loops, or the figures
    // would time a fallback.
    const lift::KernelSummary& kernel = result.kernels.at(0);
    if (kernel.state_machine || kernel.loops != 2 * state.range(0) || kernel.max_loop_depth != 2) {
      state.SkipWithError("the generated kernel did not lift to structured nested loops");
      return;
    }
  }
  const int64_t instructions = state.range(0) * kSegmentInstructions + 1;
  state.SetComplexityN(instructions);
  state.counters["instructions"] = static_cast<double>(instructions);
  state.counters["instructions_per_second"] = benchmark::Counter(
      static_cast<double>(instructions), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["python_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(LiftGeneratedSass)
    ->RangeMultiplier(2)
    ->Range(32, 1024)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oN);

}  // namespace
BENCHMARK_MAIN();
