#include "undefined_reads.h"

#include "line_liveness.h"

#include <algorithm>
#include <optional>

namespace switcheroo::lift {
namespace {

// Identifiers read by an expression: not attribute names (`grid.x`), not called functions
// (`s32(x)`, though RDNA has a register s32), not inside strings.
void add_identifiers(const std::string& text, std::set<std::string>& out) {
  char quote = 0;
  for (size_t at = 0; at < text.size();) {
    const char c = text[at];
    if (quote) {
      if (c == quote) quote = 0;
      ++at;
    } else if (c == '\'' || c == '"') {
      quote = c;
      ++at;
    } else if (is_word_char(c) && !std::isdigit(static_cast<unsigned char>(c))) {
      size_t end = at;
      while (end < text.size() && is_word_char(text[end])) ++end;
      const bool attribute = at > 0 && text[at - 1] == '.';
      const bool call = end < text.size() && text[end] == '(';
      if (!attribute && !call) out.insert(text.substr(at, end - at));
      at = end;
    } else if (is_word_char(c)) {
      while (at < text.size() && is_word_char(text[at])) ++at;  // a number: 0x1f, 1e5
    } else {
      ++at;
    }
  }
}

// What a statement reads: its value, and a subscripted target's name and index.
std::set<std::string> reads_of(const std::string& statement) {
  std::set<std::string> reads;
  const auto equals = statement.find(" = ");
  if (equals == std::string::npos) {
    add_identifiers(statement, reads);
    return reads;
  }
  add_identifiers(statement.substr(equals + 3), reads);
  const std::string target = statement.substr(0, equals);
  if (target.find('[') != std::string::npos) add_identifiers(target, reads);
  return reads;
}

struct Flow {
  std::set<std::string> assigned;
  bool live = true;  ///< control can reach the end of the block
};

Flow join(const Flow& a, const Flow& b) {
  if (!a.live) return b;
  if (!b.live) return a;
  Flow out;
  std::set_intersection(a.assigned.begin(), a.assigned.end(), b.assigned.begin(), b.assigned.end(),
                        std::inserter(out.assigned, out.assigned.end()));
  return out;
}

class Analysis {
 public:
  Analysis(const std::vector<std::string>& body, const std::set<std::string>& locals)
      : body_(body), locals_(locals) {}

  // The lines [begin, end) at `indent`, entered with `in`; `breaks` collects the states at
  // the `break`s of the innermost loop.
  Flow block(size_t begin, size_t end, size_t indent, Flow in, std::vector<Flow>* breaks) {
    Flow state = std::move(in);
    for (size_t line = begin; line < end;) {
      const size_t next = block_end(line, end, indent);
      const std::string statement = body_[line].substr(indent);
      if (!state.live) {
        line = next;
        continue;
      }
      if (starts_with(statement, "def ")) {
        line = next;
      } else if (starts_with(statement, "if ")) {
        line = if_chain(line, end, indent, state, breaks);
      } else if (starts_with(statement, "while ") || starts_with(statement, "for ")) {
        // A `for` header reads its iterable, not its target.
        const auto iterable = statement.find(" in ");
        const size_t from =
            starts_with(statement, "for ") && iterable != std::string::npos ? iterable + 4 : 0;
        check(reads_of(statement.substr(from, statement.size() - 1 - from)), state);
        std::vector<Flow> loop_breaks;
        Flow entry = state;
        if (starts_with(statement, "for ")) add_for_target(statement, entry);
        block(line + 1, next, indent + 4, entry, &loop_breaks);
        if (statement == "while True:") {
          Flow after{{}, false};
          for (const Flow& exit : loop_breaks) after = join(after, exit);
          state = after;
        } else {
          for (const Flow& exit : loop_breaks) state = join(state, exit);
        }
        line = next;
      } else {
        check(reads_of(statement), state);
        if (statement == "break") {
          if (breaks) breaks->push_back(state);
          state.live = false;
        } else if (statement == "return" || starts_with(statement, "return ") ||
                   statement == "continue") {
          state.live = false;
        } else {
          for (const auto& name : written_names(statement))
            if (name != "*") state.assigned.insert(name);
        }
        line = next;
      }
    }
    return state;
  }

  const std::set<std::string>& undefined() const { return undefined_; }

 private:
  size_t block_end(size_t line, size_t end, size_t indent) const {
    size_t next = line + 1;
    while (next < end && (body_[next].empty() || indent_of(body_[next]) > indent)) ++next;
    return next;
  }

  size_t if_chain(size_t line, size_t end, size_t indent, Flow& state, std::vector<Flow>* breaks) {
    Flow joined{{}, false};
    bool has_else = false;
    while (line < end) {
      const std::string statement = body_[line].substr(indent);
      const bool is_else = statement == "else:";
      if (line != end && !is_else && !starts_with(statement, "if ") &&
          !starts_with(statement, "elif "))
        break;
      if (!is_else) {
        const size_t space = statement.find(' ');
        check(reads_of(statement.substr(space + 1, statement.size() - space - 2)), state);
      }
      const size_t next = block_end(line, end, indent);
      joined = join(joined, block(line + 1, next, indent + 4, state, breaks));
      line = next;
      if (is_else) {
        has_else = true;
        break;
      }
      if (line < end && !starts_with(body_[line].substr(indent), "elif ") &&
          body_[line].substr(indent) != "else:")
        break;
    }
    state = has_else ? joined : join(joined, state);
    return line;
  }

  void add_for_target(const std::string& statement, Flow& state) {
    const auto in = statement.find(" in ");
    std::set<std::string> targets;
    add_identifiers(statement.substr(4, in - 4), targets);
    state.assigned.insert(targets.begin(), targets.end());
  }

  void check(const std::set<std::string>& reads, const Flow& state) {
    for (const auto& name : reads)
      if (locals_.count(name) && !state.assigned.count(name)) undefined_.insert(name);
  }

  const std::vector<std::string>& body_;
  const std::set<std::string>& locals_;
  std::set<std::string> undefined_;
};

}  // namespace

std::set<std::string> names_read_before_assigned(const std::vector<std::string>& body,
                                                 const std::set<std::string>& also_local) {
  std::set<std::string> locals = also_local;
  for (const auto& line : body) {
    if (indent_of(line) < 4) continue;
    for (const auto& name : written_names(line.substr(indent_of(line))))
      if (name != "*") locals.insert(name);
  }
  Analysis analysis(body, locals);
  analysis.block(0, body.size(), 4, {}, nullptr);
  return analysis.undefined();
}

}  // namespace switcheroo::lift
