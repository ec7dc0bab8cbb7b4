#include "python_writer.h"

#include "control_flow.h"
#include "instruction_text.h"
#include "kernel_shape.h"
#include "runtime_prelude.h"
#include "structure.h"

#include <set>
#include <sstream>

namespace switcheroo::lift {
namespace {

std::string indent(int depth) {
  return std::string(4 * static_cast<size_t>(depth), ' ');
}

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

class KernelWriter {
 public:
  KernelWriter(const Program& program, const Kernel& kernel, const ControlFlowGraph& cfg,
               KernelNames& names)
      : kernel_(kernel), cfg_(cfg), text_(program, kernel, names) {
    // Vector instructions are guarded by the lane mask only where code can change it.
    for (const auto& instruction : kernel.instructions) {
      const std::string& semantics = instruction.semantics.value_or("");
      const bool names_exec = semantics.find("exec =") != std::string::npos;
      const bool writes_exec_operand = !instruction.operands.empty() &&
                                       instruction.operands[0].name == std::string("exec") &&
                                       semantics.rfind("$0", 0) == 0;
      exec_written_ = exec_written_ || names_exec || writes_exec_operand;
    }
  }

  std::vector<std::string> body(const StructuredKernel& structured) {
    lines_.clear();
    if (structured.state_machine) {
      state_machine(1);
    } else {
      node(structured.body, 1);
    }
    return lines_;
  }

  InstructionText& text() { return text_; }

 private:
  void emit(int depth, const std::string& line) { lines_.push_back(indent(depth) + line); }

  // Straight-line code of a block; consecutive instructions under one guard share an `if`.
  void block(int b, int depth) {
    const BasicBlock& basic = cfg_.blocks[b];
    std::string open_guard;
    for (size_t i = basic.first; i < basic.last; ++i) {
      const Instruction& instruction = kernel_.instructions[i];
      if (i == basic.terminator || instruction.is(SW_ISA_EXIT) || instruction.is(SW_ISA_BRANCH))
        continue;
      const auto statements = text_.statements(instruction);
      if (statements.empty()) continue;
      std::string guard = text_.guard(instruction);
      if (guard == "exec" && !exec_written_) guard.clear();
      if (guard != open_guard && !guard.empty()) emit(depth, "if " + guard + ":");
      open_guard = guard;
      for (const auto& statement : statements) emit(depth + (guard.empty() ? 0 : 1), statement);
    }
  }

  void node(const Node& n, int depth) {
    switch (n.kind) {
      case Node::Kind::sequence:
        for (const auto& child : n.children) node(child, depth);
        break;
      case Node::Kind::block: block(n.block, depth); break;
      case Node::Kind::exit_if:
        emit(depth,
             "if " + text_.condition(kernel_.instructions[cfg_.blocks[n.block].terminator]) + ":");
        emit(depth + 1, "return");
        break;
      case Node::Kind::branch: branch(n, depth); break;
      case Node::Kind::loop: loop(n, depth); break;
      case Node::Kind::break_loop: emit(depth, "break"); break;
      case Node::Kind::continue_loop: emit(depth, "continue"); break;
      case Node::Kind::return_kernel: emit(depth, "return"); break;
      case Node::Kind::state_machine: state_machine(depth); break;
    }
  }

  static bool empty(const Node& n) {
    if (n.kind == Node::Kind::sequence) {
      for (const auto& child : n.children)
        if (!empty(child)) return false;
      return true;
    }
    return false;
  }

  void branch(const Node& n, int depth) {
    std::string condition = text_.condition(kernel_.instructions[cfg_.blocks[n.block].terminator]);
    const Node* taken = &n.children[0];
    const Node* other = &n.children[1];
    if (empty(*taken)) {
      std::swap(taken, other);
      condition = negate_condition(condition);
    }
    const size_t before = lines_.size();
    emit(depth, "if " + condition + ":");
    node(*taken, depth + 1);
    if (lines_.size() == before + 1) emit(depth + 1, "pass");
    if (!empty(*other)) {
      const size_t else_at = lines_.size();
      emit(depth, "else:");
      node(*other, depth + 1);
      if (lines_.size() == else_at + 1) lines_.pop_back();
    }
  }

  static bool is_jump(const Node& n, Node::Kind kind) {
    return n.kind == Node::Kind::sequence && n.children.size() == 1 && n.children[0].kind == kind;
  }

  // `while True:` whose body ends in "if c: continue else: break" reads as a do-while loop:
  // the last statement becomes `if not c: break`.
  void loop(const Node& n, int depth) {
    emit(depth, "while True:");
    const size_t start = lines_.size();
    Node body = n.children[0];
    if (!body.children.empty() && body.children.back().kind == Node::Kind::continue_loop)
      body.children.pop_back();
    if (!body.children.empty() && body.children.back().kind == Node::Kind::branch) {
      const Node& last = body.children.back();
      const bool keep_going = is_jump(last.children[0], Node::Kind::continue_loop) &&
                              is_jump(last.children[1], Node::Kind::break_loop);
      const bool stop = is_jump(last.children[0], Node::Kind::break_loop) &&
                        is_jump(last.children[1], Node::Kind::continue_loop);
      if (keep_going || stop) {
        const int decider = last.block;
        body.children.pop_back();
        node(body, depth + 1);  // ends with the decider's own block
        const std::string condition =
            text_.condition(kernel_.instructions[cfg_.blocks[decider].terminator]);
        emit(depth + 1, "if " + (keep_going ? negate_condition(condition) : condition) + ":");
        emit(depth + 2, "break");
        return;
      }
    }
    node(body, depth + 1);
    if (lines_.size() == start) emit(depth + 1, "pass");
  }

  void state_machine(int depth) {
    emit(depth, "# irreducible control flow: lifted as a state machine over basic blocks");
    emit(depth, "block = 0");
    emit(depth, "while True:");
    for (size_t b = 0; b < cfg_.blocks.size(); ++b) {
      const BasicBlock& basic = cfg_.blocks[b];
      emit(depth + 1, std::string(b == 0 ? "if" : "elif") + " block == " + std::to_string(b) + ":");
      block(static_cast<int>(b), depth + 2);
      const auto& successors = basic.successors;
      switch (basic.end) {
        case BlockEnd::exit: emit(depth + 2, "return"); break;
        case BlockEnd::conditional_exit:
          emit(depth + 2, "if " + text_.condition(kernel_.instructions[basic.terminator]) + ":");
          emit(depth + 3, "return");
          emit(depth + 2, "block = " + std::to_string(successors[0]));
          break;
        case BlockEnd::branch:
          emit(depth + 2, "block = " + std::to_string(successors[0]) + " if " +
                              text_.condition(kernel_.instructions[basic.terminator]) + " else " +
                              std::to_string(successors[1]));
          break;
        default: emit(depth + 2, "block = " + std::to_string(successors[0]));
      }
    }
  }

  const Kernel& kernel_;
  const ControlFlowGraph& cfg_;
  InstructionText text_;
  std::vector<std::string> lines_;
  bool exec_written_ = false;
};

}  // namespace

LiftResult lift_to_python(const Program& program,
                          const std::function<void(const Diagnostic&)>& warn) {
  LiftResult result;
  std::ostringstream kernels;
  std::set<std::string> notes;
  bool unlifted_any = false;
  for (const Kernel& kernel : program.kernels) {
    const ControlFlowGraph cfg = build_control_flow(kernel, program.file);
    const StructuredKernel structured = structure(cfg);
    KernelNames names(kernel);
    KernelWriter writer(program, kernel, cfg, names);
    const std::vector<std::string> body = writer.body(structured);
    KernelSummary summary{python_name(kernel.name), structured.loop_count,
                          structured.max_loop_depth, structured.state_machine,
                          describe_kernel_shape(kernel, cfg)};

    std::set<std::string> reported;
    for (const Instruction* instruction : writer.text().unlifted()) {
      unlifted_any = true;
      if (!reported.insert(instruction->mnemonic()).second) continue;
      warn(Diagnostic{Severity::warning,
                      {program.file, instruction->line, instruction->column},
                      "no semantics for '" + instruction->mnemonic() + "'; written as a call to '" +
                          program.isa + "." + instruction->opcode + "...'",
                      program.isa});
    }
    std::vector<std::string> missing;
    if (names.parameters_inferred())
      missing.push_back("parameter names and types (recovered from the constant slots read)");
    if (cfg.unreachable_instructions > 0)
      missing.push_back(std::to_string(cfg.unreachable_instructions) +
                        " instructions no path from the entry reaches (e.g. called subroutines)");
    if (!reported.empty()) missing.push_back("semantics of some opcodes (see the isa calls)");
    if (structured.state_machine) missing.push_back("structured control flow (irreducible)");
    for (const auto& item : missing) notes.insert(kernel.name + ": " + item);

    kernels << "\n\ndef " << summary.name << "(";
    for (const auto& parameter : names.parameters()) kernels << parameter.name << ", ";
    kernels << "*, grid):\n";
    kernels << "    # kernel '" << kernel.name << "' (" << kernel.architecture << ", line "
            << kernel.line << ")";
    if (kernel.symbol != kernel.name) kernels << ", symbol '" << kernel.symbol << "'";
    kernels << "\n";
    if (!summary.shape.empty()) kernels << "    # shape: " << summary.shape << "\n";
    kernels << "    # loops: " << summary.loops << ", deepest nesting " << summary.max_loop_depth
            << "\n";
    for (const auto& parameter : names.parameters()) {
      kernels << "    # " << parameter.name << ": " << parameter.size * 8 << "-bit "
              << (parameter.is_pointer ? "pointer" : "value");
      if (!parameter.type_name.empty()) kernels << " '" << parameter.type_name << "'";
      kernels << " at parameter offset " << hex(parameter.offset) << "\n";
    }
    for (const auto& live_in : kernel.live_ins) {
      std::string word;
      for (char c : live_in.second + " ") {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
          word += c;
        } else {
          if (is_builtin_name(word)) names.use_builtin(word);
          word.clear();
        }
      }
    }
    for (const auto& name : names.builtins_used())
      kernels << "    " << name << " = grid." << name << "\n";
    for (const auto& [register_text, expression] : kernel.live_ins) {
      kernels << "    " << register_text << " = " << expression << "\n";
    }
    for (const auto& line : body) kernels << line << "\n";
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
    out << "# Not recovered: nothing (types are 32-bit words; floats go through f32/bits)\n";
  } else {
    out << "# Not recovered:\n";
    for (const auto& note : notes) out << "#   " << note << "\n";
  }
  out << "\n" << runtime_prelude();
  if (unlifted_any) out << "\n\n" << program.isa << " = _Unlifted(\"" << program.isa << "\")\n";
  out << kernels.str();
  result.python = out.str();
  return result;
}

}  // namespace switcheroo::lift
