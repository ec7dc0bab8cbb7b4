#include "rdna_lane_masks.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

namespace switcheroo::rdna {
namespace {

using sdk::isa::Instruction;
using sdk::isa::Operand;
using sdk::isa::starts_with;

// One register an instruction's template reads or writes: operand `operand`'s register (a
// word of it), or with `operand` -1 a register the template names (vcc, exec, scc).
struct Access {
  std::string reg;
  int operand = -1;
};

struct Accesses {
  std::vector<Access> reads, writes;
};

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// The scalar registers a mask can live in: SGPRs, vcc, exec and scc (a mask's "any").
bool is_scalar(const std::string& reg) {
  return reg == "vcc" || reg == "exec" || reg == "scc" ||
         (reg.size() > 1 && reg[0] == 's' && std::isdigit(static_cast<unsigned char>(reg[1])));
}

void add_operand(const Instruction& in, size_t index, uint32_t words, std::vector<Access>& out) {
  if (index >= in.operands.size()) return;
  const Operand& op = in.operands[index];
  if ((op.kind != SW_ISA_OPERAND_REGISTER && op.kind != SW_ISA_OPERAND_REGISTER_RANGE) ||
      (op.flags & SW_ISA_OPERAND_ZERO) || !op.name)
    return;
  const int at = static_cast<int>(index);
  if (op.index < 0) {
    out.push_back({*op.name, at});
    return;
  }
  for (uint32_t i = 0; i < std::max(op.count, words); ++i)
    out.push_back({*op.name + std::to_string(op.index + i), at});
}

// `$N`, `$N.64`, `$N.128`, `$N.f` at `at` (text[at] == '$'): the operand, its width in words
// and where the reference ends; false when `at` starts no operand reference.
bool operand_reference(const std::string& text, size_t at, size_t& index, uint32_t& words,
                       size_t& end) {
  end = at + 1;
  while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
  if (end == at + 1) return false;
  index = std::stoul(text.substr(at + 1, end - at - 1));
  words = text.compare(end, 4, ".128") == 0 ? 4 : text.compare(end, 3, ".64") == 0 ? 2 : 1;
  return true;
}

// The operands and named registers a template expression reads.
void add_reads(const Instruction& in, const std::string& value, std::vector<Access>& reads) {
  for (size_t at = 0; at < value.size();) {
    size_t index = 0, end = at + 1;
    uint32_t words = 1;
    if (value[at] == '$' && operand_reference(value, at, index, words, end)) {
      add_operand(in, index, words, reads);
      at = end;
      continue;
    }
    if (is_word_char(value[at]) && (at == 0 || !is_word_char(value[at - 1]))) {
      while (end < value.size() && is_word_char(value[end])) ++end;
      const std::string word = value.substr(at, end - at);
      if (word == "vcc" || word == "exec" || word == "scc") reads.push_back({word, -1});
    }
    at = end;
  }
}

Accesses accesses_of(const Instruction& in) {
  Accesses out;
  if (!in.semantics) {  // without semantics: assume it writes its first operand
    add_operand(in, 0, 1, out.writes);
    return out;
  }
  std::stringstream parts(*in.semantics);
  std::string part;
  while (std::getline(parts, part, ';')) {
    const std::string text(sdk::isa::trim(part));
    const size_t equals = text.find(" = ");
    const std::string target = equals == std::string::npos ? "" : text.substr(0, equals);
    size_t index = 0, end = 0;
    uint32_t words = 1;
    const bool to_operand =
        !target.empty() && target[0] == '$' && operand_reference(target, 0, index, words, end);
    const size_t suffix = words == 4 ? 4 : words == 2 ? 3 : 0;  // ".128", ".64"
    if (to_operand && end + suffix == target.size()) {
      add_operand(in, index, words, out.writes);
    } else if (target == "scc" || target == "exec" || target == "vcc") {
      out.writes.push_back({target, -1});
    } else {
      add_reads(in, text, out.reads);
      continue;
    }
    add_reads(in, text.substr(equals + 3), out.reads);
  }
  return out;
}

// Scalar operations that compute each lane's bit from the lanes' bits (copies, bitwise
// operations, selections, exec saves): exact one lane at a time.
bool is_lane_wise(const std::string& opcode) {
  if (opcode.find("saveexec") != std::string::npos) return true;
  static const std::set<std::string> kBases = {
      "s_mov",     "s_and", "s_or",   "s_xor", "s_andn2", "s_and_not1", "s_orn2",
      "s_or_not1", "s_not", "s_nand", "s_nor", "s_xnor",  "s_cselect"};
  const size_t underscore = opcode.rfind('_');
  if (underscore == std::string::npos) return false;
  const std::string width = opcode.substr(underscore);
  return (width == "_b32" || width == "_b64") && kBases.count(opcode.substr(0, underscore));
}

// Whether `read` takes the mask as one lane's condition rather than as a value.
bool reads_as_condition(const Instruction& in, const Access& read) {
  if (in.flags & SW_ISA_BRANCH) return true;  // the lifter branches per lane already
  if (read.reg == "scc") return false;        // s_cselect, s_addc: the wave's "any" as a value
  if (is_lane_wise(in.opcode)) return true;
  const bool implicit = read.operand < 0;
  if (in.opcode == "v_cndmask_b32") return implicit || read.operand == 3;
  if (in.opcode == "v_add_co_ci_u32" || in.opcode == "v_sub_co_ci_u32" ||
      in.opcode == "v_subrev_co_ci_u32")
    return implicit || read.operand == 4;
  if (in.opcode == "v_div_fmas_f32") return implicit;
  return read.reg == "exec" && in.opcode == "v_cmpx";  // exec = exec & (...)
}

enum class Kind { plain, lane, comparison };

struct Def {
  size_t instruction;
  std::string reg;
  Kind kind;
};

// A comparison writing one scalar word: `$0 = EXPRESSION`, which can become a ballot.
bool is_ballot_candidate(const Instruction& in) {
  if (in.opcode != "v_cmp" || !in.semantics || in.operands.empty()) return false;
  const std::string& text = *in.semantics;
  return starts_with(text, "$0 = ") && text.find(';') == std::string::npos &&
         in.operands[0].count == 1;
}

Kind kind_of_write(const Instruction& in) {
  if (is_ballot_candidate(in)) return Kind::comparison;
  // Vector instructions write masks (carries, comparisons); readfirstlane a uniform value.
  if (starts_with(in.opcode, "v_") && !starts_with(in.opcode, "v_readfirstlane") &&
      !starts_with(in.opcode, "v_readlane"))
    return Kind::lane;
  return Kind::plain;
}

struct Analysis {
  std::vector<Accesses> accesses;
  std::set<std::string> masks;                // registers that can hold a mask
  std::vector<Def> defs;                      // of masks other than exec
  std::vector<std::vector<size_t>> defs_of;   // per instruction, its def ids
  std::vector<std::vector<size_t>> previous;  // per instruction, its predecessors
  std::vector<uint32_t> seen;                 // walk stamps
  uint32_t stamp = 0;
};

// The registers that can hold a mask: exec, and those a vector instruction or a lane-wise
// operation writes somewhere. Only they are followed.
void find_masks(const std::vector<Instruction>& code, Analysis& a) {
  a.masks.insert("exec");
  for (size_t i = 0; i < code.size(); ++i) {
    a.accesses.push_back(accesses_of(code[i]));
    if (kind_of_write(code[i]) == Kind::plain && !is_lane_wise(code[i].opcode)) continue;
    for (const Access& write : a.accesses[i].writes)
      if (is_scalar(write.reg)) a.masks.insert(write.reg);
  }
}

// Whether any instruction reads a register that can hold a mask as a value.
bool reads_a_mask_value(const std::vector<Instruction>& code, const Analysis& a) {
  for (size_t i = 0; i < code.size(); ++i)
    for (const Access& read : a.accesses[i].reads)
      if (a.masks.count(read.reg) && !reads_as_condition(code[i], read)) return true;
  return false;
}

// exec is always a mask (the lane's bit) and is not followed.
void find_defs(const std::vector<Instruction>& code, const std::vector<std::vector<size_t>>& next,
               Analysis& a) {
  a.defs_of.resize(code.size());
  a.previous.resize(code.size());
  a.seen.assign(code.size(), 0);
  for (size_t i = 0; i < code.size(); ++i) {
    for (size_t s : next[i]) a.previous[s].push_back(i);
    for (const Access& write : a.accesses[i].writes) {
      if (!a.masks.count(write.reg) || write.reg == "exec") continue;
      a.defs_of[i].push_back(a.defs.size());
      a.defs.push_back({i, write.reg, kind_of_write(code[i])});
    }
  }
}

// The definitions of `reg` that reach instruction `i`: a walk back over the control flow that
// stops at each write of `reg` (none: the register's value at entry, no mask).
std::set<size_t> reaching(Analysis& a, size_t i, const std::string& reg) {
  std::set<size_t> out;
  ++a.stamp;
  std::vector<size_t> work = a.previous[i];
  while (!work.empty()) {
    const size_t at = work.back();
    work.pop_back();
    if (a.seen[at] == a.stamp) continue;
    a.seen[at] = a.stamp;
    bool writes = false;
    for (size_t d : a.defs_of[at]) {
      if (a.defs[d].reg != reg) continue;
      out.insert(d);
      writes = true;
    }
    if (!writes) work.insert(work.end(), a.previous[at].begin(), a.previous[at].end());
  }
  return out;
}

bool any_mask(const Analysis& a, const std::set<size_t>& ids) {
  return std::any_of(ids.begin(), ids.end(),
                     [&](size_t d) { return a.defs[d].kind != Kind::plain; });
}

// Lane-wise operations on masks write masks: spread `lane` until nothing changes.
void spread_lane_kinds(const std::vector<Instruction>& code, Analysis& a) {
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < code.size(); ++i) {
      if (!is_lane_wise(code[i].opcode)) continue;
      const auto& mine = a.defs_of[i];
      if (std::all_of(mine.begin(), mine.end(),
                      [&](size_t d) { return a.defs[d].kind != Kind::plain; }))
        continue;
      bool from_mask = false;
      for (const Access& read : a.accesses[i].reads)
        from_mask = from_mask || (a.masks.count(read.reg) && reads_as_condition(code[i], read) &&
                                  (read.reg == "exec" || any_mask(a, reaching(a, i, read.reg))));
      if (!from_mask) continue;
      for (size_t d : mine) a.defs[d].kind = Kind::lane;
      changed = true;
    }
  }
}

struct Read {
  size_t instruction;
  std::string reg;
  bool as_value;
  std::set<size_t> defs;  // empty for exec
};

std::vector<Read> mask_reads(const std::vector<Instruction>& code, Analysis& a) {
  std::vector<Read> reads;
  for (size_t i = 0; i < code.size(); ++i)
    for (const Access& read : a.accesses[i].reads)
      if (a.masks.count(read.reg))
        reads.push_back({i, read.reg, !reads_as_condition(code[i], read),
                         read.reg == "exec" ? std::set<size_t>{} : reaching(a, i, read.reg)});
  return reads;
}

// Why a value read of a mask cannot be a ballot; empty when it can.
std::string unmodelled_reason(const Analysis& a, const Read& read,
                              const std::set<size_t>& read_as_condition, bool wave32) {
  if (!wave32) return "the kernel runs as wave64 (switcheroo_grid's warps are 32 lanes)";
  const char* const not_comparison =
      "a definition reaching it is not a comparison alone (exec, a carry or a scalar operation "
      "on masks)";
  if (read.reg == "exec") return not_comparison;
  for (size_t d : read.defs) {
    if (a.defs[d].kind != Kind::comparison) return not_comparison;
    if (read_as_condition.count(d)) return "the comparison's mask is also read as a condition";
  }
  return "";
}

}  // namespace

std::vector<std::vector<size_t>> successors(const std::vector<Instruction>& code,
                                            const std::map<std::string, size_t>& labels) {
  std::vector<std::vector<size_t>> next(code.size());
  for (size_t i = 0; i < code.size(); ++i) {
    const Instruction& in = code[i];
    if (in.flags & SW_ISA_EXIT) continue;
    const bool branch = (in.flags & SW_ISA_BRANCH) != 0;
    if (branch && in.target_label) {
      const auto found = labels.find(*in.target_label);
      if (found != labels.end() && found->second < code.size()) next[i].push_back(found->second);
    }
    if ((!branch || (in.flags & SW_ISA_CONDITIONAL)) && i + 1 < code.size())
      next[i].push_back(i + 1);
  }
  return next;
}

LaneMaskValues lift_lane_mask_values(std::vector<Instruction>& code,
                                     const std::vector<std::vector<size_t>>& next, bool wave32) {
  Analysis a;
  find_masks(code, a);
  if (!reads_a_mask_value(code, a)) return {};
  find_defs(code, next, a);
  spread_lane_kinds(code, a);
  const std::vector<Read> reads = mask_reads(code, a);
  std::set<size_t> read_as_condition;
  for (const Read& read : reads)
    if (!read.as_value) read_as_condition.insert(read.defs.begin(), read.defs.end());

  LaneMaskValues result;
  std::set<size_t> ballots, cleared;
  for (const Read& read : reads) {
    if (!read.as_value || (read.reg != "exec" && !any_mask(a, read.defs))) continue;
    const std::string reason = unmodelled_reason(a, read, read_as_condition, wave32);
    if (reason.empty()) {
      for (size_t d : read.defs) ballots.insert(a.defs[d].instruction);
    } else if (cleared.insert(read.instruction).second) {
      result.unmodelled.push_back({read.instruction, read.reg, reason});
    }
  }
  for (size_t i : ballots) {
    if (cleared.count(i)) continue;
    std::string& text = *code[i].semantics;
    text = "$0 = @warp('ballot', " + text.substr(5) + ")";
    result.ballots.push_back(i);
  }
  for (size_t i : cleared) code[i].semantics.reset();
  return result;
}

}  // namespace switcheroo::rdna
