#include "integer_division.h"

#include "division_stages.h"
#include "line_liveness.h"
#include "text_pattern.h"
#include "unread_writes.h"

#include <algorithm>
#include <set>

namespace switcheroo::lift {
namespace {

using Kind = DivisionStage::Kind;

std::string code_of(const std::string& line) {
  std::string code = line.substr(indent_of(line));
  const auto hash = code.find("  #");
  if (hash != std::string::npos) code.erase(hash);
  return code;
}

// A plain `name = value` line's parts; false for anything else.
bool single_assignment(const std::string& code, std::string& target, std::string& value) {
  std::string_view targets, rest;
  if (code.empty() || code.back() == ':' || !split_assignment(code, targets, rest)) return false;
  target = std::string(targets);
  value = std::string(rest);
  return is_name(target);
}

// The names a statement assigns with their values: `a = x`, or `a, b = x, y` item by item.
std::vector<std::pair<std::string, std::string>> assigned_values(const std::string& code) {
  std::string_view targets, values;
  if (code.empty() || code.back() == ':' || !split_assignment(code, targets, values)) return {};
  auto names = top_level_items(targets), items = top_level_items(values);
  if (names.size() == 1) items = {values};
  std::vector<std::pair<std::string, std::string>> assigned;
  if (names.size() != items.size()) return assigned;
  for (size_t i = 0; i < names.size(); ++i)
    if (is_name(std::string(names[i])))
      assigned.emplace_back(std::string(names[i]), std::string(items[i]));
  return assigned;
}

// The position of the bracket that closes the one at `open`, or npos.
size_t closing_bracket(const std::string& text, size_t open) {
  int depth = 0;
  for (size_t i = open; i < text.size(); ++i) {
    if (text[i] == '(' || text[i] == '[') ++depth;
    if ((text[i] == ')' || text[i] == ']') && --depth == 0) return i;
  }
  return std::string::npos;
}

// A value complete for every divisor: nvcc's after the divisor's test, LLVM's AMDGPU one
// after its corrections (and sign).
bool finished(const DivisionStage& stage) {
  return (stage.is_result() && stage.zero_selected) || stage.amdgpu_final();
}

// The name `if NAME:` tests, or "".
std::string tested_name(const std::string& code) {
  if (!starts_with(code, "if ") || code.back() != ':') return "";
  const std::string name = code.substr(3, code.size() - 4);
  return is_name(name) ? name : "";
}

class Folder {
 public:
  explicit Folder(std::vector<std::string>& body) : body_(body) {}

  int run() {
    DivisionStages none;
    walk(0, body_.size(), none);
    std::sort(edits_.begin(), edits_.end(),
              [](const Edit& a, const Edit& b) { return a.begin > b.begin; });
    for (const auto& edit : edits_) {
      body_.erase(body_.begin() + edit.begin + 1, body_.begin() + edit.end);
      body_[edit.begin] = edit.line;
    }
    return static_cast<int>(edits_.size());
  }

 private:
  struct Edit {
    size_t begin, end;  // the lines replaced
    std::string line;
  };

  size_t block_end(size_t header) const {
    const size_t indent = indent_of(body_[header]);
    size_t end = header + 1;
    while (end < body_.size() && indent_of(body_[end]) > indent) ++end;
    return end;
  }

  // Every stage that reads `name`, and `name`'s own, is gone once it is written.
  static void forget(DivisionStages& known, const std::string& name) {
    if (name == "*") known.clear();  // a subroutine call
    known.erase(name);
    for (auto it = known.begin(); it != known.end();)
      it = it->second.mentions(name) ? known.erase(it) : std::next(it);
  }
  void forget_writes(DivisionStages& known, size_t begin, size_t end) const {
    for (size_t i = begin; i < end; ++i)
      for (const auto& name : written_names(code_of(body_[i]))) forget(known, name);
  }

  void walk(size_t begin, size_t end, DivisionStages& known) {
    for (size_t i = begin; i < end;) {
      const std::string code = code_of(body_[i]);
      if (code.empty() || code.back() != ':') {
        statement(i, code, known);
        ++i;
        continue;
      }
      const size_t close = std::min(block_end(i), end);
      if (!correction(i, close, known)) nested(i, close, known);
      i = close;
    }
  }

  // A compound statement that is no step: its block sees what holds before it (a loop's
  // body forgets what the loop writes), and after it what it writes is forgotten. What an
  // `if G:` block computes holds after it under the guard G: where G is true again (RDNA's
  // `if exec:` blocks, G not written between), the block ran.
  void nested(size_t header, size_t close, DivisionStages& known) {
    const std::string code = code_of(body_[header]);
    DivisionStages inner = known;
    if (starts_with(code, "while ") || starts_with(code, "for ")) forget_writes(inner, header, close);
    std::string guard = tested_name(code);
    for (auto& [name, stage] : inner)
      if (!guard.empty() && stage.guard == guard) stage.guard.clear();
    walk(header + 1, close, inner);
    forget_writes(known, header, close);
    if (guard.empty()) return;
    std::set<std::string> written;
    for (size_t i = header + 1; i < close; ++i)
      for (const auto& name : written_names(code_of(body_[i]))) written.insert(name);
    if (written.count(guard) || written.count("*")) return;
    for (const auto& name : written) {
      const auto found = inner.find(name);
      if (found == inner.end() || !found->second.guard.empty()) continue;
      known[name] = found->second;
      known[name].guard = guard;
    }
  }

  void statement(size_t at, const std::string& code, DivisionStages& known) {
    if (ends_with(code, "()")) {  // a subroutine call reads and writes every name
      known.clear();
      return;
    }
    // The value is read with what held before the line.
    const DivisionStages before = known;
    finish(at, code, before);
    for (const auto& name : written_names(code)) forget(known, name);
    for (const auto& [target, value] : assigned_values(code)) {
      const auto stage = read_division_stage(value, before);
      if (stage && stage->kind != Kind::Var && !stage->mentions(target)) known[target] = *stage;
    }
  }

  // A finished division in a line, its whole value or the largest call or bracket in it,
  // becomes the call.
  void finish(size_t at, const std::string& code, const DivisionStages& known) {
    // Both expansions end in a choice (`if`), LLVM's signed one in a sign (`^`).
    if (code.find(" if ") == std::string::npos && code.find(" ^ ") == std::string::npos) return;
    const std::string indent(indent_of(body_[at]), ' ');
    const auto equals = code.find(" = ");
    if (equals != std::string::npos && !is_name(code.substr(equals + 3))) {
      const auto stage = read_division_stage(code.substr(equals + 3), known);
      if (stage && finished(*stage)) {
        edits_.push_back({at, at + 1, indent + code.substr(0, equals + 3) + division_call(*stage)});
        return;
      }
    }
    std::string text;
    bool changed = false;
    for (size_t i = 0; i < code.size();) {
      size_t open = i;
      while (open < code.size() && is_word_char(code[open])) ++open;
      if (open == code.size() || code[open] != '(') {
        text += code.substr(i, std::max(open, i + 1) - i);
        i = std::max(open, i + 1);
        continue;
      }
      const size_t close = closing_bracket(code, open);
      const auto stage = close == std::string::npos
                             ? std::nullopt
                             : read_division_stage(code.substr(i, close + 1 - i), known);
      if (stage && finished(*stage)) {
        text += division_call(*stage);
        changed = true;
        i = close + 1;
      } else {
        text += code.substr(i, open + 1 - i);
        i = open + 1;
      }
    }
    if (changed) edits_.push_back({at, at + 1, indent + text});
  }

  bool correction(size_t header, size_t close, DivisionStages& known);
  bool apply_step(const DivisionStage& test, const std::string& target, const std::string& value,
                  const DivisionStages& known, DivisionStages& after) const;

  std::vector<std::string>& body_;
  std::vector<Edit> edits_;
};

// One step of the expansion under `test` for the line `target = value`, into `after`.
bool Folder::apply_step(const DivisionStage& test, const std::string& target,
                        const std::string& value, const DivisionStages& known,
                        DivisionStages& after) const {
  const auto found = known.find(target);
  if (found == known.end()) return false;
  DivisionStage stage = found->second;
  Bindings b{{'T', target}};
  if (test.kind == Kind::RemainderAtLeast && !test.negated) {
    if (!stage.same_division(test) || stage.step != test.step || stage.sign_set) return false;
    const bool decrement = stage.kind == Kind::Remainder && matches(value, "u32($T + -@D)", b) &&
                           read_division_stage(b.at('D'), known).value_or(DivisionStage{}).n ==
                               test.e;
    const bool increment = stage.kind == Kind::Quotient &&
                           (matches(value, "u32($T + 1)", b) || matches(value, "u32(1 + $T)", b));
    if (!decrement && !increment) return false;
    ++stage.step;
  } else if ((test.kind == Kind::SameSign || test.kind == Kind::NonNegative) && test.negated) {
    const bool quotient = stage.kind == Kind::Quotient;
    const bool tested = quotient ? test.kind == Kind::SameSign &&
                                       ((test.n == stage.n && test.e == stage.e) ||
                                        (test.n == stage.e && test.e == stage.n))
                                 : test.kind == Kind::NonNegative && test.n == stage.n;
    if (!tested || stage.step < 2 || !stage.magnitudes || stage.sign_set ||
        !matches(value, "u32(-$T)", b))
      return false;
    stage.sign_set = true;
  } else if (test.kind == Kind::NonZero && test.negated) {
    const auto zero = read_division_stage(value, known);
    if (!stage.exact_but_zero() || stage.e != test.e || !zero || zero->kind != Kind::NotDivisor ||
        zero->e != test.e)
      return false;
    stage.zero_selected = true;
  } else {
    return false;
  }
  after[target] = stage;
  return true;
}

// An `if` without `else` whose block holds only steps of the expansion under its test.
bool Folder::correction(size_t header, size_t close, DivisionStages& known) {
  const std::string code = code_of(body_[header]);
  if (!starts_with(code, "if ") || close == header + 1) return false;
  if (close < body_.size() && indent_of(body_[close]) == indent_of(body_[header])) {
    const std::string next = code_of(body_[close]);
    if (starts_with(next, "elif ") || next == "else:") return false;
  }
  const auto test = read_division_stage(code.substr(3, code.size() - 4), known);
  if (!test || !test->is_condition()) return false;
  DivisionStages after;
  for (size_t i = header + 1; i < close; ++i) {
    std::string target, value;
    if (indent_of(body_[i]) != indent_of(body_[header]) + 4 ||
        !single_assignment(code_of(body_[i]), target, value) || after.count(target) ||
        !apply_step(*test, target, value, known, after))
      return false;
  }
  for (const auto& [name, stage] : after) forget(known, name);
  for (const auto& [name, stage] : after) {
    if (stage.mentions(name)) continue;
    known[name] = stage;
    if (stage.zero_selected) {
      const std::string indent(indent_of(body_[header]), ' ');
      edits_.push_back({header, close, indent + name + " = " + division_call(stage)});
    }
  }
  return true;
}

}  // namespace

int fold_integer_divisions(std::vector<std::string>& body) {
  return Folder(body).run();
}

}  // namespace switcheroo::lift
