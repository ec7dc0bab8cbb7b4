#include "integer_division.h"

#include "division_stages.h"
#include "line_liveness.h"
#include "text_pattern.h"
#include "unread_writes.h"

#include <algorithm>

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
  // body forgets what the loop writes), and after it what it writes is forgotten.
  void nested(size_t header, size_t close, DivisionStages& known) {
    const std::string code = code_of(body_[header]);
    DivisionStages inner = known;
    if (starts_with(code, "while ") || starts_with(code, "for ")) forget_writes(inner, header, close);
    walk(header + 1, close, inner);
    forget_writes(known, header, close);
  }

  void statement(size_t at, const std::string& code, DivisionStages& known) {
    if (ends_with(code, "()")) {  // a subroutine call reads and writes every name
      known.clear();
      return;
    }
    // The value is read with what held before the line.
    const DivisionStages before = known;
    const auto equals = code.find(" = ");
    if (equals != std::string::npos) finish_if_whole(at, code, equals, before);
    for (const auto& name : written_names(code)) forget(known, name);
    std::string target, value;
    if (!single_assignment(code, target, value)) return;
    const auto stage = read_division_stage(value, before);
    if (stage && stage->kind != Kind::Var && !stage->mentions(target)) known[target] = *stage;
  }

  // A line whose whole value is a finished division (a choice on the divisor) gets the call.
  void finish_if_whole(size_t at, const std::string& code, size_t equals,
                       const DivisionStages& known) {
    const std::string value = code.substr(equals + 3);
    if (is_name(value)) return;
    const auto stage = read_division_stage(value, known);
    if (!stage || !stage->is_result() || !stage->zero_selected) return;
    const std::string indent(indent_of(body_[at]), ' ');
    edits_.push_back({at, at + 1, indent + code.substr(0, equals + 3) + division_call(*stage)});
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
