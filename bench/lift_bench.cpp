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
#include <cctype>
#include <functional>
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

// One RDNA segment (gfx1030, wave32): a loop loading through an address built by the sign
// word, the 64-bit shift and the add with carry onto a parameter's halves, inside exec-masked
// code, then a branch under an exec mask and a store through the same kind of address.
constexpr int kRdnaSegmentInstructions = 22;

void append_rdna_segment(std::string& out, int index) {
  const std::string id = std::to_string(index);
  out += "\ts_mov_b32 s12, 4\n.LBB0_loop" + id + ":\n";
  for (const char* line :
       {"v_ashrrev_i32_e32 v1, 31, v0", "v_lshlrev_b64 v[2:3], 2, v[0:1]",
        "v_add_co_u32 v4, vcc_lo, s8, v2", "v_add_co_ci_u32_e32 v5, vcc_lo, s9, v3, vcc_lo",
        "global_load_dword v6, v[4:5], off", "s_waitcnt vmcnt(0)", "v_add_f32_e32 v7, v6, v7",
        "v_add_nc_u32_e32 v0, 1, v0", "s_add_i32 s12, s12, -1", "s_cmp_lg_u32 s12, 0"})
    out += "\t" + std::string(line) + "\n";
  out += "\ts_cbranch_scc1 .LBB0_loop" + id + "\n";
  out += "\tv_cmp_lt_f32_e32 vcc_lo, 0, v7\n\ts_and_saveexec_b32 s13, vcc_lo\n";
  out += "\ts_cbranch_execz .LBB0_join" + id + "\n\tv_mul_f32_e32 v7, 0.5, v7\n";
  out += ".LBB0_join" + id + ":\n";
  for (const char* line :
       {"s_or_b32 exec_lo, exec_lo, s13", "v_ashrrev_i32_e32 v1, 31, v0",
        "v_lshlrev_b64 v[2:3], 2, v[0:1]", "v_add_co_u32 v4, vcc_lo, s10, v2",
        "v_add_co_ci_u32_e32 v5, vcc_lo, s11, v3, vcc_lo", "global_store_dword v[4:5], v7, off"})
    out += "\t" + std::string(line) + "\n";
}

std::string generated_rdna_listing(int segments) {
  std::string out =
      "\t.text\n\t.amdgcn_target \"amdgcn-amd-amdhsa--gfx1030\"\n\t.globl\tbig\n"
      "\t.p2align\t8\n\t.type\tbig,@function\nbig:\n"
      "\ts_load_dwordx4 s[8:11], s[4:5], 0x0\n\ts_waitcnt lgkmcnt(0)\n";
  for (int i = 0; i < segments; ++i) append_rdna_segment(out, i);
  out +=
      "\ts_endpgm\n\t.section\t.rodata,#alloc\n\t.p2align\t6\n\t.amdhsa_kernel big\n"
      "\t\t.amdhsa_kernarg_size 16\n\t\t.amdhsa_user_sgpr_count 6\n"
      "\t\t.amdhsa_user_sgpr_private_segment_buffer 1\n"
      "\t\t.amdhsa_user_sgpr_kernarg_segment_ptr 1\n\t\t.amdhsa_wavefront_size32 1\n"
      "\t\t.amdhsa_system_sgpr_workgroup_id_x 1\n\t\t.amdhsa_system_vgpr_workitem_id 0\n"
      "\t\t.amdhsa_next_free_vgpr 8\n\t\t.amdhsa_next_free_sgpr 16\n\t.end_amdhsa_kernel\n"
      "\t.amdgpu_metadata\n---\namdhsa.kernels:\n  - .args:\n";
  for (int offset : {0, 8})
    out += "      - .address_space:  global\n        .offset:         " + std::to_string(offset) +
           "\n        .size:           8\n        .type_name:      'float*'\n"
           "        .value_kind:     global_buffer\n";
  out +=
      "    .kernarg_segment_size: 16\n    .name:           big\n    .symbol:         big.kd\n"
      "    .wavefront_size: 32\namdhsa.target:   amdgcn-amd-amdhsa--gfx1030\n...\n\n"
      "\t.end_amdgpu_metadata\n";
  return out;
}

// An ISA plugin as swhost finds it (this binary sits beside swhost).
struct Frontend {
  HostServices services{[](const Diagnostic&) {}};
  PluginSet plugins;
  const LoadedPlugin* plugin = nullptr;
  const sw_isa_frontend_interface* interface = nullptr;

  explicit Frontend(const std::string& isa)
      : plugins(Manifest{}, cli::default_plugin_search(), services) {
    for (const LoadedPlugin* candidate : plugins.of_kind(SW_PLUGIN_KIND_ISA_FRONTEND)) {
      const auto* table =
          static_cast<const sw_isa_frontend_interface*>(candidate->descriptor().interface);
      if (table != nullptr && std::string(table->isa) == isa) {
        plugin = candidate;
        interface = table;
      }
    }
  }
};

// Lifts `text` (named `path`) in every iteration; `check` says what is wrong with a result, if
// anything, so that the figures never time a fallback.
void lift_benchmark(benchmark::State& state, const Frontend& frontend, const std::string& path,
                    const std::string& text, int64_t instructions,
                    const std::function<const char*(const lift::LiftResult&)>& check) {
  if (frontend.interface == nullptr) {
    state.SkipWithError("the ISA plugin did not load");
    return;
  }
  size_t bytes = 0;
  for (auto _ : state) {
    const auto program =
        lift::read_program(*frontend.interface, frontend.plugin->instance(), path, text);
    if (!program) {
      state.SkipWithError("the generated listing did not parse");
      return;
    }
    const lift::LiftResult result = lift::lift_to_python(*program, [](const Diagnostic&) {});
    bytes = result.python.size();
    benchmark::DoNotOptimize(bytes);
    if (const char* problem = check(result)) {
      state.SkipWithError(problem);
      return;
    }
  }
  state.SetComplexityN(instructions);
  state.counters["instructions"] = static_cast<double>(instructions);
  state.counters["instructions_per_second"] = benchmark::Counter(
      static_cast<double>(instructions), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["python_bytes"] = static_cast<double>(bytes);
}

// How many times `text` indexes `buffer` by one name, `buffer[s32(<name>)]`, followed by `tail`.
size_t indexings(const std::string& text, const std::string& buffer, const std::string& tail) {
  const std::string head = buffer + "[s32(";
  size_t count = 0;
  for (auto at = text.find(head); at != std::string::npos; at = text.find(head, at + 1)) {
    size_t end = at + head.size();
    while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) != 0 ||
                                 text[end] == '_')) {
      ++end;
    }
    if (end > at + head.size() && text.compare(end, 2 + tail.size(), ")]" + tail) == 0) ++count;
  }
  return count;
}

void LiftGeneratedSass(benchmark::State& state) {
  static const Frontend frontend("sass");
  const int64_t segments = state.range(0);
  lift_benchmark(state, frontend, "big.sass", generated_listing(static_cast<int>(segments)),
                 segments * kSegmentInstructions + 1, [&](const lift::LiftResult& result) {
                   // Every segment's two nested loops must come out as structured loops.
                   const lift::KernelSummary& kernel = result.kernels.at(0);
                   return kernel.state_machine || kernel.loops != 2 * segments ||
                                  kernel.max_loop_depth != 2
                              ? "the generated kernel did not lift to structured nested loops"
                              : nullptr;
                 });
}

void LiftGeneratedRdna(benchmark::State& state) {
  static const Frontend frontend("rdna");
  const int64_t segments = state.range(0);
  lift_benchmark(
      state, frontend, "big.s", generated_rdna_listing(static_cast<int>(segments)),
      segments * kRdnaSegmentInstructions + 3, [&](const lift::LiftResult& result) {
        const lift::KernelSummary& kernel = result.kernels.at(0);
        if (kernel.state_machine || kernel.loops != segments) return "the loops did not lift";
        // Every load and store must have become indexing, whatever name the lane's index took.
        if (indexings(result.python, "p0_u32", "") != static_cast<size_t>(segments) ||
            indexings(result.python, "p1_u32", " = v7") != static_cast<size_t>(segments))
          return "the accesses did not become buffer indexing";
        return static_cast<const char*>(nullptr);
      });
}

BENCHMARK(LiftGeneratedSass)
    ->RangeMultiplier(2)
    ->Range(32, 1024)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oN);
BENCHMARK(LiftGeneratedRdna)
    ->RangeMultiplier(2)
    ->Range(32, 1024)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oN);

}  // namespace
BENCHMARK_MAIN();
