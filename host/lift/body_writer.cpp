#include "body_writer.h"

#include <cctype>

namespace switcheroo::lift {
namespace {

std::string indent(int depth) {
  return std::string(4 * static_cast<size_t>(depth), ' ');
}

class BodyWriterImpl {
 public:
  BodyWriterImpl(const Kernel& kernel, const ControlFlowGraph& cfg, InstructionText& text,
                 const std::map<size_t, std::string>& calls)
      : kernel_(kernel), cfg_(cfg), text_(text), calls_(calls) {
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

  std::vector<std::string> body(const StructuredKernel& structured, int depth) {
    lines_.clear();
    if (structured.state_machine) {
      const std::string why =
          structured.too_deep
              ? "control flow nested more than " + std::to_string(kMaxStructuredNesting) + " deep"
              : "irreducible control flow";
      state_machine(depth, why);
    } else {
      node(structured.body, depth);
    }
    return lines_;
  }

 private:
  void emit(int depth, const std::string& line) { lines_.push_back(indent(depth) + line); }

  // Straight-line code of a block; consecutive instructions under one guard share an `if`
  // until one of them writes the guard.
  void block(int b, int depth) {
    const BasicBlock& basic = cfg_.blocks[b];
    std::string open_guard;
    for (size_t i = basic.first; i < basic.last; ++i) {
      const Instruction& instruction = kernel_.instructions[i];
      if (i == basic.terminator || instruction.is(SW_ISA_EXIT) || instruction.is(SW_ISA_BRANCH))
        continue;
      const auto call = calls_.find(i);
      const auto statements = call != calls_.end() ? std::vector<std::string>{call->second + "()"}
                                                   : text_.statements(instruction);
      if (statements.empty()) continue;
      std::string guard = text_.guard(instruction);
      if (guard == "exec" && !exec_written_) guard.clear();
      if (guard != open_guard && !guard.empty()) emit(depth, "if " + guard + ":");
      open_guard = guard;
      for (const auto& statement : statements) {
        emit(depth + (guard.empty() ? 0 : 1), statement);
        if (!guard.empty() && assigns(statement, guard)) open_guard.clear();
      }
    }
  }

  // Whether `statement` (`a, b = ...`) assigns the variable of `guard` ("P0", "not P0").
  static bool assigns(const std::string& statement, const std::string& guard) {
    const std::string name = guard.rfind("not ", 0) == 0 ? guard.substr(4) : guard;
    const auto equals = statement.find(" = ");
    if (equals == std::string::npos) return false;
    const std::string targets = statement.substr(0, equals);
    for (size_t at = targets.find(name); at != std::string::npos; at = targets.find(name, at + 1)) {
      const auto boundary = [&](size_t position) {
        return position >= targets.size() ||
               !(std::isalnum(static_cast<unsigned char>(targets[position])) ||
                 targets[position] == '_');
      };
      if ((at == 0 || boundary(at - 1)) && boundary(at + name.size())) return true;
    }
    return false;
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
      case Node::Kind::state_machine: state_machine(depth, "irreducible control flow"); break;
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

  // `why`: what kept the kernel from being structured, for its comment.
  void state_machine(int depth, const std::string& why) {
    emit(depth, "# " + why + ": lifted as a state machine over basic blocks");
    emit(depth, "block = 0");
    emit(depth, "while True:");
    for (size_t b = 0; b < cfg_.blocks.size(); ++b) {
      const BasicBlock& basic = cfg_.blocks[b];
      // One `if` per block, each ending in `continue`, not an `elif` chain: CPython nests an
      // `elif` inside the `if` before it, and a chain of a few thousand overflows its parser.
      emit(depth + 1, "if block == " + std::to_string(b) + ":");
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
      if (basic.end != BlockEnd::exit) emit(depth + 2, "continue");
    }
  }

  const Kernel& kernel_;
  const ControlFlowGraph& cfg_;
  InstructionText& text_;
  const std::map<size_t, std::string>& calls_;
  std::vector<std::string> lines_;
  bool exec_written_ = false;
};

}  // namespace

std::vector<std::string> write_body(const Kernel& kernel, const ControlFlowGraph& cfg,
                                    const StructuredKernel& structured, InstructionText& text,
                                    const std::map<size_t, std::string>& calls, int depth) {
  BodyWriterImpl writer(kernel, cfg, text, calls);
  return writer.body(structured, depth);
}

}  // namespace switcheroo::lift
