#include "counted_loop_text.h"

#include "buffer_text.h"
#include "line_liveness.h"

namespace switcheroo::lift::counted {

namespace {

// Whether the parenthesis at `open` closes at the end of `text` (`(a) + (b)`'s first does not).
bool closes_at_end(const std::string& text, size_t open) {
  int depth = 0;
  for (size_t at = open; at < text.size(); ++at) {
    depth += text[at] == '(' ? 1 : (text[at] == ')' ? -1 : 0);
    if (depth == 0) return at + 1 == text.size();
  }
  return false;
}

}  // namespace

std::optional<Comparison> read_comparison(const std::string& text) {
  static const char* const operators[] = {" <= ", " >= ", " == ", " != ", " < ", " > "};
  std::optional<Comparison> found;
  int depth = 0;
  for (size_t at = 0; at < text.size(); ++at) {
    const char c = text[at];
    if (c == '(' || c == '[') ++depth;
    if (c == ')' || c == ']') --depth;
    if (depth != 0 || c != ' ') continue;
    if (text.compare(at, 5, " and ") == 0 || text.compare(at, 4, " or ") == 0) return std::nullopt;
    for (const char* op : operators) {
      const std::string spelled = op;
      if (text.compare(at, spelled.size(), spelled) != 0) continue;
      if (found) return std::nullopt;
      found = Comparison{text.substr(0, at), spelled.substr(1, spelled.size() - 2),
                         text.substr(at + spelled.size())};
      at += spelled.size() - 1;
      break;
    }
  }
  return found;
}

std::optional<Comparison> comparison_in(std::string text) {
  if (starts_with(text, "int(")) text = text.substr(3);
  if (starts_with(text, "(") && closes_at_end(text, 0))
    text = text.substr(1, text.size() - 2);
  return read_comparison(text);
}

std::optional<Comparison> read_test(const std::string& statement, const std::string& target) {
  const std::string prefix = target + " = ";
  if (!starts_with(statement, prefix) || !ends_with(statement, ")")) return std::nullopt;
  return comparison_in(statement.substr(prefix.size()));
}

std::optional<ExitTest> read_exit_test(const std::string& statement) {
  if (!starts_with(statement, "if ") || !ends_with(statement, ":")) return std::nullopt;
  std::string condition = statement.substr(3, statement.size() - 4);
  bool exit_when_true = true;
  if (starts_with(condition, "not (") && closes_at_end(condition, 4)) {
    condition = condition.substr(5, condition.size() - 6);
    exit_when_true = false;
  } else if (starts_with(condition, "not ")) {
    condition = condition.substr(4);
    exit_when_true = false;
  }
  std::string tested = condition;
  bool exit_when_set = exit_when_true;
  if (ends_with(tested, " != 0")) {
    tested.resize(tested.size() - 5);
  } else if (ends_with(tested, " == 0")) {
    tested.resize(tested.size() - 5);
    exit_when_set = !exit_when_set;
  }
  if (is_name(tested)) return ExitTest{tested, exit_when_set, std::nullopt};
  if (auto comparison = comparison_in(tested))
    return ExitTest{"", exit_when_set, std::move(comparison)};
  if (auto comparison = comparison_in(condition))
    return ExitTest{"", exit_when_true, std::move(comparison)};
  return std::nullopt;
}

std::optional<long long> read_step(const std::string& statement, const std::string& counter) {
  const std::string prefix = counter + " = u32(" + counter + " ";
  if (!starts_with(statement, prefix) || !ends_with(statement, ")")) return std::nullopt;
  const std::string rest = statement.substr(prefix.size(), statement.size() - prefix.size() - 1);
  if (rest.size() < 3 || (rest[0] != '+' && rest[0] != '-') || rest[1] != ' ') return std::nullopt;
  std::string literal = rest.substr(2);
  bool negative = rest[0] == '-';
  if (starts_with(literal, "-")) {
    negative = !negative;
    literal = literal.substr(1);
  }
  if (!buffers::is_integer(literal) || literal.size() > 9) return std::nullopt;
  const long long step = std::stoll(literal);
  if (step == 0) return std::nullopt;
  return negative ? -step : step;
}

std::optional<int> read_halving(const std::string& value, const std::string& counter) {
  std::string text = value;
  if (starts_with(text, "(") && closes_at_end(text, 0)) text = text.substr(1, text.size() - 2);
  std::string prefix = "u32(" + counter + ") >> ";
  std::string suffix;
  if (!starts_with(text, prefix)) {
    prefix = "u32(pair(0, " + counter + ") >> ";
    suffix = " >> 32)";
    if (!starts_with(text, prefix) || !ends_with(text, suffix)) return std::nullopt;
  }
  const std::string shift = text.substr(prefix.size(), text.size() - prefix.size() - suffix.size());
  if (!buffers::is_integer(shift) || shift.size() > 2) return std::nullopt;
  const int bits = std::stoi(shift);
  if (bits < 1 || bits > 31) return std::nullopt;
  return bits;
}

std::optional<std::string> value_assigned(const std::string& statement, const std::string& target) {
  const auto assignment = buffers::read_assignment(statement);
  if (!assignment || assignment->targets.size() != assignment->values.size()) return std::nullopt;
  std::optional<std::string> value;
  for (size_t i = 0; i < assignment->targets.size(); ++i) {
    if (assignment->targets[i] != target) continue;
    if (value) return std::nullopt;
    value = assignment->values[i];
  }
  return value;
}

std::optional<std::vector<std::string>> bottom_tested(const std::vector<std::string>& body,
                                                      size_t header, size_t end) {
  const std::string indent(indent_of(body[header]), ' ');
  const std::string inner = indent + "        ";
  if (end < header + 6 || !starts_with(body[header + 1], indent + "    if ") ||
      !is_if_header(body[header + 1].substr(indent.size() + 4)) ||
      body[header + 2] != inner + "break" || body[header + 3] != indent + "    else:" ||
      body[end - 1] != inner + "continue")
    return std::nullopt;
  for (size_t i = header + 4; i < end; ++i)
    if (!body[i].empty() && indent_of(body[i]) < inner.size()) return std::nullopt;
  const std::string test = body[header + 1].substr(indent.size() + 7);
  const std::string condition = test.substr(0, test.size() - 1);
  // `NAME != 0` (RDNA's `scc`) is negated as `NAME == 0`, anything else as `not (C)`.
  const std::string tested =
      condition.substr(0, condition.size() - std::min<size_t>(5, condition.size()));
  const std::string negation = ends_with(condition, " != 0") && is_name(tested)
                                   ? tested + " == 0"
                                   : "not (" + condition + ")";
  std::vector<std::string> lines = {indent + "if " + negation + ":", indent + "    while True:"};
  lines.insert(lines.end(), body.begin() + static_cast<std::ptrdiff_t>(header) + 4,
               body.begin() + static_cast<std::ptrdiff_t>(end) - 1);
  lines.insert(lines.end(), {inner + "if " + condition + ":", inner + "    break", ""});
  return lines;
}

const char* flipped(const std::string& op) {
  if (op == "<") return ">";
  if (op == ">") return "<";
  if (op == "<=") return ">=";
  if (op == ">=") return "<=";
  return op == "==" ? "==" : "!=";
}

const char* negated(const std::string& op) {
  if (op == "<") return ">=";
  if (op == ">") return "<=";
  if (op == "<=") return ">";
  if (op == ">=") return "<";
  return op == "==" ? "!=" : "==";
}

}  // namespace switcheroo::lift::counted
