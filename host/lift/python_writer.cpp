#include "python_writer.h"

#include "body_writer.h"
#include "buffer_access.h"
#include "control_flow.h"
#include "counted_loops.h"
#include "faint_writes.h"
#include "float_division.h"
#include "float_values.h"
#include "inline_values.h"
#include "inlined_expf.h"
#include "instruction_text.h"
#include "integer_division.h"
#include "kernel_names.h"
#include "kernel_shape.h"
#include "lane_ifs.h"
#include "lane_loops.h"
#include "loop_reroll.h"
#include "prologue_tidy.h"
#include "runtime_prelude.h"
#include "structure.h"
#include "undefined_reads.h"
#include "unmasked_blocks.h"
#include "unread_writes.h"
#include "value_names.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <sstream>

namespace switcheroo::lift {
namespace {

std::string hex(uint64_t value) {
  std::ostringstream out;
  out << "0x" << std::hex << value;
  return out.str();
}

std::string python_name(const std::string& name) {
  std::string result;
  for (char c : name) result += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (result.empty() || std::isdigit(static_cast<unsigned char>(result[0]))) result = "k_" + result;
  return result;
}

// What a launch supplies besides the parameters, as the kernel's comment says it: each SASS
// constant bank (`grid.constant(3, 0x4)`) and RDNA data symbol (`grid.symbol('coefficients')`)
// the lines read.
std::vector<std::string> launch_memory(const std::vector<std::vector<std::string>*>& bodies) {
  std::set<std::string> banks, symbols;
  const std::string bank_call = "grid.constant(", symbol_call = "grid.symbol('";
  for (const auto* lines : bodies) {
    for (const auto& line : *lines) {
      for (auto at = line.find(bank_call); at != std::string::npos;
           at = line.find(bank_call, at + 1)) {
        const auto start = at + bank_call.size();
        banks.insert(line.substr(start, line.find(',', start) - start));
      }
      for (auto at = line.find(symbol_call); at != std::string::npos;
           at = line.find(symbol_call, at + 1)) {
        const auto start = at + symbol_call.size();
        symbols.insert(line.substr(start, line.find('\'', start) - start));
      }
    }
  }
  std::vector<std::string> notes;
  for (const auto& bank : banks)
    notes.push_back("constant bank " + bank + ": launch(..., constant_banks={" + bank +
                    ": bytes})");
  for (const auto& symbol : symbols)
    notes.push_back("data symbol '" + symbol + "': launch(..., symbols={'" + symbol +
                    "': array})");
  return notes;
}

// Orders register names as people count them: R2 before R10.
struct NaturalOrder {
  bool operator()(const std::string& a, const std::string& b) const {
    const auto split = [](const std::string& name) {
      const auto digits = name.find_first_of("0123456789");
      if (digits == std::string::npos ||
          name.find_first_not_of("0123456789", digits) != std::string::npos)
        return std::make_pair(name, -1L);
      return std::make_pair(name.substr(0, digits), std::stol(name.substr(digits, 9)));
    };
    return split(a) != split(b) ? split(a) < split(b) : a < b;
  }
};
using NameSet = std::set<std::string, NaturalOrder>;

// Names a statement list assigns (`R2, P1 = ...`, `(v0, v1), vcc = ...`).
NameSet assigned_names(const std::vector<std::string>& lines) {
  NameSet names;
  for (const auto& line : lines) {
    const auto first = line.find_first_not_of(' ');
    if (first != std::string::npos && line.compare(first, 4, "for ") == 0) {
      names.insert(line.substr(first + 4, line.find(" in ") - first - 4));  // a counted loop
      continue;
    }
    const auto equals = line.find(" = ");
    if (first == std::string::npos || equals == std::string::npos ||
        line.find('[', first) < equals)  // a store through a subscript
      continue;
    std::string word;
    for (char c : line.substr(first, equals - first) + " ") {
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
        word += c;
      } else {
        if (!word.empty() && !std::isdigit(static_cast<unsigned char>(word[0]))) names.insert(word);
        word.clear();
      }
    }
  }
  names.erase("block");  // the state machine's own variable
  return names;
}

std::string subroutine_name(const Subroutine& subroutine, const Kernel& kernel) {
  std::string name = subroutine.label.substr(subroutine.label.rfind('$') + 1);
  if (name.empty())
    name = "subroutine_" + hex(kernel.instructions[subroutine.entry].address).substr(2);
  return python_name(name);
}

struct LiftedSubroutine {
  std::string name;
  std::vector<std::string> body;
  NameSet writes;
};

// One kernel: its function text, with nested functions for its subroutines.
class KernelLifter {
 public:
  KernelLifter(const Program& program, const Kernel& kernel)
      : program_(program), kernel_(kernel), names_(kernel), text_(program, kernel, names_) {}

  std::string lift(KernelSummary& summary, std::vector<std::string>& missing) {
    const ControlFlowGraph cfg = build_control_flow(kernel_, program_.file);
    const StructuredKernel structured = structure(cfg);
    std::map<size_t, std::string> calls;
    const auto subroutines = find_subroutines(kernel_, program_.file);
    for (const auto& subroutine : subroutines)
      for (size_t call : subroutine.calls) calls[call] = subroutine_name(subroutine, kernel_);
    summary = {python_name(kernel_.name), structured.loop_count, structured.max_loop_depth,
               structured.state_machine, describe_kernel_shape(kernel_, cfg)};
    std::vector<ControlFlowGraph> subroutine_graphs;
    std::vector<LiftedSubroutine> lifted =
        lift_subroutines(subroutines, calls, summary, subroutine_graphs);
    std::vector<std::string> body = write_body(kernel_, cfg, structured, text_, calls, 1);
    // What the instructions assign, before any pass adds names: the ISA's registers.
    const NameSet assigned = assigned_names(body);
    const std::set<std::string> registers(assigned.begin(), assigned.end());
    const std::set<BufferView> views = index_buffers(body, lifted);
    fold_divisions(body, lifted);
    // The built-ins and the registers the hardware initialises, then the code: writes nothing
    // reads go (the stack pointer, the memory descriptor, unused indices).
    std::vector<std::string> prologue = write_prologue(views);
    // RDNA vector code where every path keeps the prologue's `exec = 1` runs unconditionally.
    const bool exec_starts_one =
        std::find(prologue.begin(), prologue.end(), "    exec = 1") != prologue.end();
    // Buffer indexing may leave an `if exec:` with nothing in it, which the line graph of
    // that pass does not read.
    close_empty_blocks(body);
    remove_unmasked_exec_tests(body, exec_starts_one);
    write_lane_loop_exits(body, exec_starts_one);
    if (fold_lane_ifs(body, exec_starts_one) > 0) remove_unmasked_exec_tests(body, exec_starts_one);
    std::vector<std::vector<std::string>*> bodies = {&prologue, &body};
    for (auto& sub : lifted) bodies.push_back(&sub.body);
    remove_unread_writes(bodies, {});
    // Counted loops become `for` loops once the dead flag writes are gone; what they leave
    // unread (an exit test the loop no longer reads) goes then.
    int counted = 0;
    for (auto& sub : lifted) counted += write_counted_loops(sub.body, false);
    std::map<std::string, SubroutineNames> subroutine_names;
    for (const auto& sub : lifted)
      if (auto names = describe_subroutine(sub.body)) subroutine_names[sub.name] = *names;
    counted += write_counted_loops(body, true, subroutine_names);
    if (counted > 0) remove_unread_writes(bodies, {});
    // What only feeds dead steps (the pointer pairs indexing replaced) goes, then what that
    // left unread anywhere.
    if (remove_faint_writes(body) > 0) remove_unread_writes(bodies, {});
    name_values(prologue, body, lifted, registers);
    for (auto& sub : lifted) sub.writes = assigned_names(sub.body);
    bind_undefined_reads(prologue, body, registers);
    std::vector<std::vector<std::string>*> subroutine_bodies;
    for (auto& sub : lifted) subroutine_bodies.push_back(&sub.body);
    inline_single_use_builtins(prologue, body, subroutine_bodies);
    remove_final_return(body);
    // nvcc's unrolled loops, once the values have their names (loop_reroll.h).
    if (reroll_unrolled_loops(body, prologue) > 0) remove_unread_writes(bodies, {});
    keep_floats(prologue, body, lifted);

    std::vector<const ControlFlowGraph*> graphs = {&cfg};
    for (const auto& graph : subroutine_graphs) graphs.push_back(&graph);
    note_missing(summary, graphs, missing);
    std::ostringstream out;
    write_header(out, summary, views, launch_memory(bodies));
    for (const auto& line : prologue) out << line << "\n";
    write_subroutines(out, lifted, prologue, body);
    for (const auto& line : body) out << line << "\n";
    write_parameter_table(out, summary.name);
    return out.str();
  }

  const std::vector<const Instruction*>& unlifted() const { return text_.unlifted(); }

 private:
  // Each subroutine's graph (into `graphs`) and body; their loops count in `summary`.
  std::vector<LiftedSubroutine> lift_subroutines(const std::vector<Subroutine>& subroutines,
                                                 const std::map<size_t, std::string>& calls,
                                                 KernelSummary& summary,
                                                 std::vector<ControlFlowGraph>& graphs) {
    std::vector<LiftedSubroutine> lifted;
    graphs.reserve(subroutines.size());
    for (const auto& subroutine : subroutines) {
      graphs.push_back(build_control_flow(kernel_, program_.file, subroutine.entry));
      const ControlFlowGraph& graph = graphs.back();
      const StructuredKernel part = structure(graph);
      summary.loops += part.loop_count;
      summary.max_loop_depth = std::max(summary.max_loop_depth, part.max_loop_depth);
      summary.state_machine = summary.state_machine || part.state_machine;
      lifted.push_back({subroutine_name(subroutine, kernel_),
                        write_body(kernel_, graph, part, text_, calls, 2),
                        {}});
    }
    return lifted;
  }

  // CUDA's float divisions become one division each (float_division.h); a slow path no line
  // calls any more goes. Without symbols the slow path is the subroutine every call of which
  // folds.
  static void fold_divisions(std::vector<std::string>& body,
                             std::vector<LiftedSubroutine>& lifted) {
    for (size_t s = 0; s < lifted.size(); ++s) {
      const std::string name = lifted[s].name;
      const bool named = name == kDivisionSlowPath;
      int calls_elsewhere = 0;
      for (const auto& sub : lifted) calls_elsewhere += count_calls(sub.body, name);
      const int calls = count_calls(body, name);
      if (calls == 0) continue;
      std::vector<std::string> folded = body;
      const int count = fold_float_divisions(folded, name, lifted[s].body);
      if (count == 0 || (!named && (count < calls || calls_elsewhere > 0))) continue;
      body.swap(folded);
      if (count == calls && calls_elsewhere == 0) {
        lifted.erase(lifted.begin() + static_cast<long>(s));
        return;
      }
    }
  }

  // Accesses at a pointer parameter plus a scaled index become indexing of a view of it: the
  // views used.
  std::set<BufferView> index_buffers(std::vector<std::string>& body,
                                     std::vector<LiftedSubroutine>& lifted) const {
    std::set<std::string> pointers;
    for (const auto& parameter : names_.parameters())
      if (parameter.is_pointer) pointers.insert(parameter.name);
    std::set<BufferView> views;
    int bound_indices = 0;
    for (auto& sub : lifted) index_buffer_accesses(sub.body, pointers, views, bound_indices, false);
    // The kernel's body starts with what the hardware puts in registers (RDNA: the parameter
    // halves the compiler asked to be preloaded), which the pass reads but leaves alone.
    std::vector<std::string> live_in_lines;
    for (const auto& [register_text, expression] : kernel_.live_ins)
      live_in_lines.push_back("    " + register_text + " = " + expression);
    body.insert(body.begin(), live_in_lines.begin(), live_in_lines.end());
    index_buffer_accesses(body, pointers, views, bound_indices, true, live_in_lines.size());
    body.erase(body.begin(), body.begin() + static_cast<std::ptrdiff_t>(live_in_lines.size()));
    return views;
  }

  // The built-ins the kernel reads, the registers the hardware initialises and the views.
  std::vector<std::string> write_prologue(const std::set<BufferView>& views) {
    std::vector<std::string> prologue;
    for (const auto& live_in : kernel_.live_ins) use_builtins_in(live_in.second);
    for (const auto& name : names_.builtins_used())
      prologue.push_back("    " + name + " = grid." + name);
    for (const auto& [register_text, expression] : kernel_.live_ins)
      prologue.push_back("    " + register_text + " = " + expression);
    for (const auto& view : views)
      prologue.push_back("    " + view.name() + " = Buffer(grid, " + view.pointer + ", " +
                         std::to_string(view.size) + ")");
    return prologue;
  }

  // What the lifted kernel does not recover, for the file's header.
  void note_missing(const KernelSummary& summary,
                    const std::vector<const ControlFlowGraph*>& graphs,
                    std::vector<std::string>& missing) const {
    if (names_.parameters_inferred())
      missing.push_back("parameter names and types (sizes recovered from the parameter reads)");
    const UnreachedCode unreached = count_unreached(kernel_, program_.file, graphs);
    if (unreached.unreachable > 0)
      missing.push_back(std::to_string(unreached.unreachable) +
                        " instructions no path from the entry reaches");
    if (!text_.unlifted().empty())
      missing.push_back("semantics of some opcodes (see the isa calls)");
    if (summary.state_machine) missing.push_back("structured control flow (irreducible)");
  }

  // The function's `def` line and the comments saying where it came from, its loops, its
  // parameters and the memory the launch supplies besides them.
  void write_header(std::ostringstream& out, const KernelSummary& summary,
                    const std::set<BufferView>& views,
                    const std::vector<std::string>& supplied) const {
    out << "\n\ndef " << summary.name << "(";
    for (const auto& parameter : names_.parameters()) out << parameter.name << ", ";
    out << "*, grid):\n";
    out << "    # kernel '" << kernel_.name << "' (" << kernel_.architecture << ", line "
        << kernel_.line << ")";
    if (kernel_.symbol != kernel_.name) out << ", symbol '" << kernel_.symbol << "'";
    out << "\n";
    if (!summary.shape.empty()) out << "    # shape: " << summary.shape << "\n";
    out << "    # loops: " << summary.loops << ", deepest nesting " << summary.max_loop_depth
        << "\n";
    for (const auto& parameter : names_.parameters()) {
      // Without metadata a pair read at an 8-byte slot may be two 32-bit values; buffer
      // indexing through it proves a pointer.
      const bool proven = !names_.parameters_inferred() ||
                          std::any_of(views.begin(), views.end(), [&](const BufferView& view) {
                            return view.pointer == parameter.name;
                          });
      out << "    # " << parameter.name << ": " << parameter.size * 8 << "-bit "
          << (!parameter.is_pointer ? "value"
              : proven              ? "pointer"
                                    : "word (a pointer, or two 32-bit values)");
      if (!parameter.type_name.empty()) out << " '" << parameter.type_name << "'";
      out << " at parameter offset " << hex(parameter.offset) << "\n";
    }
    for (const auto& note : supplied) out << "    # " << note << "\n";
  }

  // What switcheroo_grid.launch needs to build the kernarg segment: each parameter's name,
  // byte offset, size and kind.
  void write_parameter_table(std::ostringstream& out, const std::string& function) const {
    out << "\n\n" << function << ".parameters = (";
    for (const auto& parameter : names_.parameters()) {
      out << "\n    ('" << parameter.name << "', " << hex(parameter.offset) << ", "
          << parameter.size << ", '" << (parameter.is_pointer ? "pointer" : "value") << "', '"
          << parameter.type_name << "'),";
    }
    out << (names_.parameters().empty() ? ")\n" : "\n)\n");
  }

  void use_builtins_in(const std::string& expression) {
    std::string word;
    for (char c : expression + " ") {
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
        word += c;
      } else {
        if (is_builtin_name(word)) names_.use_builtin(word);
        word.clear();
      }
    }
  }

  // Values named by role (value_names.h), the registers' other webs named (before folding,
  // so that a register's unrelated values do not stop it), values read once folded into their
  // reader (inline_values.h), and the names given numbered in order; what subroutines name
  // stays as it is.
  void name_values(std::vector<std::string>& prologue, std::vector<std::string>& body,
                   const std::vector<LiftedSubroutine>& lifted,
                   const std::set<std::string>& registers) const {
    std::set<std::string> fixed, constants = names_.builtins_used();
    for (const auto& sub : lifted) {
      fixed.insert(sub.name);
      for (const auto& line : sub.body)
        for (const auto& name : names_in(line)) fixed.insert(name);
    }
    for (const auto& parameter : names_.parameters()) constants.insert(parameter.name);
    std::set<std::string> taken = fixed;
    taken.insert(constants.begin(), constants.end());
    taken.insert(python_name(kernel_.name));
    for (const auto& name : prelude_names()) taken.insert(name);
    name_values_by_role(prologue, body, fixed, taken, constants);
    std::set<std::string> given;
    name_register_webs(prologue, body, fixed, taken, constants, registers, &given);
    inline_single_use_values(body, fixed);
    fold_expansions(prologue, body, fixed);
    number_names_in_order(prologue, body, given, taken);
  }

  // Values only ever read as floats written as floats (float_values.h); what subroutines
  // name stays.
  void keep_floats(std::vector<std::string>& prologue, std::vector<std::string>& body,
                   const std::vector<LiftedSubroutine>& lifted) const {
    std::set<std::string> fixed;
    for (const auto& sub : lifted) {
      fixed.insert(sub.name);
      for (const auto& line : sub.body)
        for (const auto& name : names_in(line)) fixed.insert(name);
    }
    std::vector<std::string> values;
    for (const auto& parameter : names_.parameters())
      if (!parameter.is_pointer) values.push_back(parameter.name);
    keep_float_values(prologue, body, values, fixed);
  }

  // Integer divisions (nvcc's and LLVM's) and inlined expf become one call each
  // (integer_division.h, inlined_expf.h); the steps nothing reads then go, and what is read
  // once folds into its reader.
  static void fold_expansions(std::vector<std::string>& prologue, std::vector<std::string>& body,
                              const std::set<std::string>& fixed) {
    if (fold_integer_divisions(body) + fold_inlined_expf(body) == 0) return;
    const std::vector<std::string> keep(fixed.begin(), fixed.end());
    remove_unread_writes({&prologue, &body}, keep);
    // A correction's `if` reads the remainder it corrects: each round empties such blocks
    // (two corrections; the rounds are bounded so that lifting stays linear).
    for (int round = 0; round < 4 && remove_faint_writes(body) > 0; ++round)
      remove_unread_writes({&prologue, &body}, keep);
    inline_single_use_values(body, fixed);
  }

  // Registers read before anything writes them (undefined on the GPU) start at 0 here.
  static void bind_undefined_reads(std::vector<std::string>& prologue,
                                   const std::vector<std::string>& body,
                                   const std::set<std::string>& registers) {
    std::vector<std::string> all = prologue;
    all.insert(all.end(), body.begin(), body.end());
    const auto undefined = names_read_before_assigned(all, registers);
    if (undefined.empty()) return;
    std::string line = "    ";
    for (const auto& name : undefined) line += name + " = ";
    prologue.push_back(line + "0  # read before any write (undefined on the GPU)");
  }

  // Subroutines share the kernel's registers: they are nested functions that declare the
  // registers they write `nonlocal`, and the kernel binds any it does not write itself.
  void write_subroutines(std::ostringstream& out, const std::vector<LiftedSubroutine>& lifted,
                         const std::vector<std::string>& prologue,
                         const std::vector<std::string>& body) {
    if (lifted.empty()) return;
    NameSet bound = assigned_names(body);
    for (const auto& name : assigned_names(prologue)) bound.insert(name);
    for (const auto& parameter : names_.parameters()) bound.insert(parameter.name);
    NameSet unbound;
    for (const auto& sub : lifted)
      for (const auto& name : sub.writes)
        if (!bound.count(name)) unbound.insert(name);
    if (!unbound.empty()) {
      out << "    # registers only subroutines write\n    ";
      for (const auto& name : unbound) out << name << " = ";
      out << "0\n";
    }
    for (const auto& sub : lifted) {
      out << "\n    def " << sub.name << "():\n";
      if (!sub.writes.empty()) {
        out << "        nonlocal ";
        bool first = true;
        for (const auto& name : sub.writes) {
          out << (first ? "" : ", ") << name;
          first = false;
        }
        out << "\n";
      }
      for (const auto& line : sub.body) out << line << "\n";
    }
    out << "\n";
  }

  const Program& program_;
  const Kernel& kernel_;
  KernelNames names_;
  InstructionText text_;
};

}  // namespace

LiftResult lift_to_python(const Program& program,
                          const std::function<void(const Diagnostic&)>& warn) {
  LiftResult result;
  std::ostringstream kernels;
  std::set<std::string> notes;
  bool unlifted_any = false;
  for (const Kernel& kernel : program.kernels) {
    KernelLifter lifter(program, kernel);
    KernelSummary summary;
    std::vector<std::string> missing;
    kernels << lifter.lift(summary, missing);
    std::set<std::string> reported;
    for (const Instruction* instruction : lifter.unlifted()) {
      unlifted_any = true;
      if (!reported.insert(instruction->mnemonic()).second) continue;
      warn(Diagnostic{Severity::warning,
                      {program.file, instruction->line, instruction->column},
                      "no semantics for '" + instruction->mnemonic() + "'; written as a call to '" +
                          program.isa + "." + unlifted_name(*instruction) + "(...)'",
                      program.isa});
    }
    for (const auto& item : missing) notes.insert(kernel.name + ": " + item);
    result.kernels.push_back(summary);
  }

  std::ostringstream out;
  out << "# Lifted by swhost from " << program.display_name << " ('" << program.isa
      << "'): " << program.file << "\n";
  for (const Kernel& kernel : program.kernels) {
    out << "# kernel '" << kernel.name << "': " << kernel.architecture << ", "
        << kernel.listing_format << " listing, " << kernel.instructions.size() << " instructions\n";
  }
  if (notes.empty()) {
    out << "# Not recovered: nothing (types are 32-bit words; a word only read as a float is a\n"
        << "# float32 value, other floats go through f32/bits)\n";
  } else {
    out << "# Not recovered:\n";
    for (const auto& note : notes) out << "#   " << note << "\n";
  }
  out << "# Run with switcheroo_grid (lib/switcheroo/python in the install tree):\n"
      << "#   launch(KERNEL, grid=(X, Y, Z), block=(X, Y, Z), p0, p1, ...)\n"
      << "# parameters as each kernel's comment lists them: pointers as arrays (copied back\n"
      << "# after the launch), values as scalars. Without metadata a 64-bit value can show as\n"
      << "# two 32-bit words. docs/grid-runtime.md: what `grid` provides.\n";
  out << "\n" << runtime_prelude();
  if (unlifted_any) out << "\n\n" << program.isa << " = _Unlifted(\"" << program.isa << "\")\n";
  out << kernels.str();
  result.python = out.str();
  return result;
}

}  // namespace switcheroo::lift
