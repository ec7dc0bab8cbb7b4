#include "value_names.h"

#include "line_graph.h"
#include "line_liveness.h"
#include "simplify.h"
#include "unread_writes.h"
#include "value_webs.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <string_view>

namespace switcheroo::lift {
namespace {

// `text` with each whole name of `renames` replaced (not attributes after a `.`).
std::string rename_words(std::string_view text, const std::map<std::string, std::string>& renames) {
  std::string out;
  for (size_t at = 0; at < text.size();) {
    if (!is_word_char(text[at])) {
      out += text[at++];
      continue;
    }
    size_t end = at;
    while (end < text.size() && is_word_char(text[end])) ++end;
    const std::string word(text.substr(at, end - at));
    const auto found = renames.find(word);
    const bool attribute = at > 0 && text[at - 1] == '.';
    out += found != renames.end() && !attribute ? found->second : word;
    at = end;
  }
  return out;
}

// One line's code and comment, and the code's target and value parts.
struct LineParts {
  std::string indent, targets, value, comment;
  bool assignment = false;
};

LineParts split_line(const std::string& text) {
  LineParts parts;
  parts.indent = text.substr(0, indent_of(text));
  std::string code = text.substr(parts.indent.size());
  const auto hash = code.find('#');
  if (hash != std::string::npos) {
    parts.comment = code.substr(hash);
    code.erase(hash);
  }
  std::string_view targets, value;
  const auto in = code.find(" in ");
  if (!code.empty() && code.back() != ':' && split_assignment(code, targets, value)) {
    parts.assignment = true;
    parts.targets = std::string(targets) + " = ";
    parts.value = std::string(value);
  } else if (starts_with(code, "for ") && in != std::string::npos) {
    parts.targets = code.substr(0, in);
    parts.value = code.substr(in);
  } else {
    parts.value = code;
  }
  return parts;
}

// Whether `value` is one comparison's truth (`(a >= b)`, `int(a < b)`, `not (a == b)`), not a
// choice between values (`x if a < b else y`).
bool is_comparison(const std::string& value) {
  if (value.find(" if ") != std::string::npos ||
      !(starts_with(value, "(") || starts_with(value, "int(") || starts_with(value, "not ")))
    return false;
  for (const char* op : {" < ", " <= ", " > ", " >= ", " == ", " != "})
    if (value.find(op) != std::string::npos) return true;
  return false;
}

// Whether `value` reads memory (`grid.load_global(...)`, `p0_u32[i]`, an atomic's old value).
bool is_memory_read(const std::string& value) {
  return value.find("grid.") != std::string::npos || value.find('[') != std::string::npos;
}

// Whether `content` calls a module's function other than `grid.`'s and `math.`'s: an opcode
// without semantics (`isa.OPCODE(R5, R5)`), whose operands keep the ISA's register names.
bool calls_unlifted(const std::string& content) {
  for (size_t dot = content.find('.'); dot != std::string::npos; dot = content.find('.', dot + 1)) {
    size_t first = dot;
    while (first > 0 && is_word_char(content[first - 1])) --first;
    size_t end = dot + 1;
    while (end < content.size() && is_word_char(content[end])) ++end;
    const std::string module = content.substr(first, dot - first);
    if (!module.empty() && !std::isdigit(static_cast<unsigned char>(module[0])) &&
        module != "grid" && module != "math" && end > dot + 1 && end < content.size() &&
        content[end] == '(')
      return true;
  }
  return false;
}

// What becomes of each web: a new name, or the constant it copies (its write then goes).
class RoleNamer {
 public:
  RoleNamer(std::vector<std::string>& text, const std::vector<LineNode>& lines,
            const std::set<std::string>& fixed, const std::set<std::string>& taken,
            const std::set<std::string>& constants, const std::set<std::string>& registers)
      : text_(text),
        lines_(lines),
        webs_(lines),
        fixed_(fixed),
        constants_(constants),
        registers_(registers),
        taken_(taken) {
    for (const auto& line : lines)
      for (const auto& name : names_in(line.content)) taken_.insert(name);
    for (size_t def = 0; def < webs_.defs().size(); ++def) members_[webs_.find(def)].push_back(def);
  }

  // Copies of constants, then of registers that hold the same value wherever the copy is
  // read: the copy goes and its reads read the constant or the register. A name propagated or
  // copied from in this round is left to the next, so that no replacement names a removed copy.
  int propagate_copies() {
    std::set<std::string> involved;
    int changed = 0;
    for (const bool registers : {false, true})
      for (const auto& [web, defs] : members_) {
        if (defs.size() != 1 || !renameable(web)) continue;
        const size_t at = webs_.defs()[defs[0]].line;
        const LineNode& line = lines_[at];
        const LineParts parts = split_line(text_[at]);
        std::string value = parts.value;
        if (line.kills && line.writes.size() == 2) value = split_word(web, defs[0], parts.value);
        if (!line.kills || (line.writes.size() != 1 && value == parts.value)) continue;
        const std::string& target = webs_.defs()[defs[0]].name;
        if (registers ? line.writes.size() != 1 || involved.count(value) ||
                            involved.count(target) || !copy_holds(web, value)
                      : !is_constant(value))
          continue;
        involved.insert({value, target});
        replacement_[web] = value;
        removed_.insert(at);
        ++changed;
      }
    return changed;
  }

  // Global indices, loop indices and accumulators get names.
  int name_roles() {
    std::map<char, std::vector<size_t>> global;  // by dimension
    for (const auto& [web, defs] : members_) {
      if (defs.size() != 1 || !renameable(web)) continue;
      if (const char axis = global_index_axis(webs_.defs()[defs[0]].line))
        global[axis].push_back(web);
    }
    for (const auto& [axis, webs] : global)
      for (size_t web : webs)
        replacement_[web] = fresh(global.size() == 1 && axis == 'x' ? std::vector<std::string>{"i"}
                                  : axis == 'x' ? std::vector<std::string>{"col"}
                                  : axis == 'y' ? std::vector<std::string>{"row"}
                                                : std::vector<std::string>{"layer"});
    for (size_t i = 0; i < lines_.size(); ++i) {
      if (lines_[i].kills || lines_[i].writes.size() != 1) continue;  // a `for` header
      const size_t web = webs_.web_of_def(i, lines_[i].writes[0]);
      if (renameable(web) && !replacement_.count(web))
        replacement_[web] = fresh({"i", "j", "k", "l", "m", "n"});
    }
    for (const auto& [web, defs] : members_)
      if (renameable(web) && !replacement_.count(web) && accumulates(defs))
        replacement_[web] = fresh({"acc"});
    return static_cast<int>(replacement_.size());
  }

  // Every other web a short name by what it holds (the kind all its writes agree on, see
  // kind_of_def): one register reused for unrelated values reads as several names.
  int name_rest() {
    std::set<size_t> opaque;  // webs an opcode without semantics reads
    for (size_t i = 0; i < lines_.size(); ++i)
      if (calls_unlifted(lines_[i].content))
        for (const auto& name : lines_[i].reads) opaque.insert(webs_.web_of_read(i, name));
    int changed = 0;
    for (size_t i = 0; i < lines_.size(); ++i)  // numbered in the order the webs are written
      for (const auto& name : lines_[i].writes) {
        const size_t web = webs_.web_of_def(i, name);
        if (!registers_.count(name) || !renameable(web) || replacement_.count(web) ||
            opaque.count(web))
          continue;
        const auto& defs = members_.at(web);
        std::string kind = kind_of_def(defs[0]);
        for (size_t def : defs)
          if (kind_of_def(def) != kind) kind = "t";
        replacement_[web] = fresh({kind});
        given_.insert(replacement_[web]);
        ++changed;
      }
    return changed;
  }

  const std::set<std::string>& given() const { return given_; }

  // The lines with the replacements made and the propagated copies gone; `removed` marks them.
  void rewrite(std::vector<bool>& removed) const {
    for (size_t i = 0; i < lines_.size(); ++i) {
      if (removed_.count(i)) {
        removed[i] = true;
        continue;
      }
      std::map<std::string, std::string> targets, values;
      for (const auto& name : lines_[i].writes) add(targets, name, webs_.web_of_def(i, name));
      for (const auto& name : lines_[i].reads) add(values, name, webs_.web_of_read(i, name));
      if (targets.empty() && values.empty()) continue;
      const LineParts parts = split_line(text_[i]);
      // A literal in place of a name can leave `u32(4)` or `x + 0`, a half in place of one
      // `pair(lo32(p0), hi32(p0))`: tidied as when rendered.
      std::string value = rename_words(parts.value, values);
      if (!values.empty()) value = simplify_expression(value);
      text_[i] = parts.indent + rename_words(parts.targets, targets) + value + parts.comment;
    }
  }

 private:
  void add(std::map<std::string, std::string>& renames, const std::string& name, size_t web) const {
    const auto found = web == std::string::npos ? replacement_.end() : replacement_.find(web);
    if (found != replacement_.end()) renames[name] = found->second;
  }

  // `lo32(C)` or `hi32(C)` for the web of def `def` when its line is `A, B = split64(C)` (SASS
  // copies a pointer parameter into a register pair) and the other word's web is written
  // only there too, so that both go with the line; `value` otherwise.
  std::string split_word(size_t web, size_t def, const std::string& value) const {
    if (!starts_with(value, "split64(") || value.back() != ')') return value;
    const auto& d = webs_.defs()[def];
    const LineNode& line = lines_[d.line];
    const bool low = line.writes[0] == d.name;
    const size_t other = webs_.web_of_def(d.line, line.writes[low ? 1 : 0]);
    if (other == std::string::npos || members_.at(other).size() != 1 || !renameable(other) ||
        !renameable(web))
      return value;
    return (low ? "lo32(" : "hi32(") + value.substr(8, value.size() - 9) + ")";
  }

  // What def `def` writes, by its value: `cond` (a comparison), `carry` (a carry out), `mask`
  // (a copy of `exec`), `lo`/`hi` (the words of `split64(...)`), `x` (a float's bits), `val`
  // (a load), `t` (anything else).
  std::string kind_of_def(size_t def) const {
    const auto& d = webs_.defs()[def];
    const LineParts parts = split_line(text_[d.line]);
    const LineNode& line = lines_[d.line];
    const auto at = std::find(line.writes.begin(), line.writes.end(), d.name) - line.writes.begin();
    const auto items = top_level_items(parts.value);
    const std::string value =
        items.size() == line.writes.size() ? std::string(items[static_cast<size_t>(at)]) : "";
    if (starts_with(parts.value, "split64(") && line.writes.size() == 2) return at == 0 ? "lo" : "hi";
    if (value.find("carry") != std::string::npos || value.find("> 0xFFFFFFFF") != std::string::npos)
      return "carry";
    if (value == "exec") return "mask";
    if (value == "True" || value == "False" || is_comparison(value)) return "cond";
    if (starts_with(value, "bits(")) return "x";
    if (is_memory_read(value)) return "val";
    return "t";
  }

  // Whether web `web`, written once by `A = source` (a register that is not `exec` nor a
  // subroutine's), is read only where no write of `source` can have run since the copy: no
  // read is reachable from a write of `source` without passing the copy again.
  bool copy_holds(size_t web, const std::string& source) const {
    if (!is_name(source) || source == "exec" || fixed_.count(source) || constants_.count(source))
      return false;
    const size_t copy = webs_.defs()[members_.at(web)[0]].line;
    const std::string& target = lines_[copy].writes[0];
    if (source == target) return false;
    std::vector<bool> changed(lines_.size(), false);
    std::vector<size_t> work;
    for (size_t i = 0; i < lines_.size(); ++i)
      if (std::count(lines_[i].writes.begin(), lines_[i].writes.end(), source))
        work.insert(work.end(), lines_[i].successors.begin(), lines_[i].successors.end());
    while (!work.empty()) {
      const size_t at = work.back();
      work.pop_back();
      if (at >= lines_.size() || at == copy || changed[at]) continue;
      changed[at] = true;
      work.insert(work.end(), lines_[at].successors.begin(), lines_[at].successors.end());
    }
    for (size_t i = 0; i < lines_.size(); ++i) {
      const bool reads = lines_[i].reads_everything ||
                         std::count(lines_[i].reads.begin(), lines_[i].reads.end(), target);
      if (reads && changed[i] && webs_.web_of_read(i, target) == web) return false;
    }
    return true;
  }

  bool renameable(size_t web) const {
    const auto& defs = members_.at(web);
    const std::string& name = webs_.defs()[defs[0]].name;
    if (fixed_.count(name) || constants_.count(name) || name == "exec" || name == "block")
      return false;
    return std::none_of(defs.begin(), defs.end(),
                        [&](size_t def) { return webs_.defs()[def].line >= lines_.size(); });
  }

  // A name that holds one value for the whole kernel, a 32-bit half of one (`lo32(p0)`,
  // RDNA's copies of a pointer parameter's words), or an integer literal.
  bool is_constant(const std::string& value) const {
    if (constants_.count(value)) return true;
    for (const char* half : {"lo32(", "hi32("})
      if (starts_with(value, half) && value.size() > 6 && value.back() == ')' &&
          constants_.count(value.substr(5, value.size() - 6)))
        return true;
    const bool hex = starts_with(value, "0x") && value.size() > 2;
    const auto digits = hex ? "0123456789abcdefABCDEF" : "0123456789";
    return !value.empty() && value.find_first_not_of(digits, hex ? 2 : 0) == std::string::npos;
  }

  // 'x', 'y' or 'z' when line `line` computes a block index times something plus the thread
  // index of that axis; 0 otherwise.
  char global_index_axis(size_t line) const {
    if (!lines_[line].kills || lines_[line].writes.size() != 1) return 0;
    const auto& reads = lines_[line].reads;
    const auto reads_name = [&](const std::string& name) {
      return std::find(reads.begin(), reads.end(), name) != reads.end();
    };
    for (const char axis : {'x', 'y', 'z'}) {
      const std::string a(1, axis);
      if ((reads_name("block_idx_" + a) || reads_name("workgroup_id_" + a)) &&
          (reads_name("thread_idx_" + a) || reads_name("workitem_id_" + a)))
        return axis;
    }
    return 0;
  }

  // Whether a write of the web inside a loop adds to the web's own value as a float, and
  // another write of it comes first (the start value).
  bool accumulates(const std::vector<size_t>& defs) const {
    if (defs.size() < 2) return false;
    for (size_t def : defs) {
      const size_t line = webs_.defs()[def].line;
      const std::string& name = webs_.defs()[def].name;
      const std::string& content = lines_[line].content;
      if (lines_[line].kills && lines_[line].writes.size() == 1 &&
          content.find("f32(" + name + ")") != std::string::npos &&
          content.find(" + ") != std::string::npos &&
          webs_.web_of_read(line, name) == webs_.find(def))
        return true;
    }
    return false;
  }

  std::string fresh(const std::vector<std::string>& choices) {
    for (int suffix = 1;; ++suffix)
      for (const auto& choice : choices) {
        const std::string name = suffix == 1 ? choice : choice + std::to_string(suffix);
        if (taken_.insert(name).second) return name;
      }
  }

  std::vector<std::string>& text_;
  const std::vector<LineNode>& lines_;
  Webs webs_;
  const std::set<std::string>& fixed_;
  const std::set<std::string>& constants_;
  const std::set<std::string>& registers_;
  std::set<std::string> taken_;
  std::map<size_t, std::vector<size_t>> members_;
  std::map<size_t, std::string> replacement_;
  std::set<size_t> removed_;
  std::set<std::string> given_;  // the names name_rest gave
};

enum class Round { kCopies, kRoles, kRest };

// One round: copies propagated, roles named or the rest named; the lines without the removed.
int rename_round(std::vector<std::string>& lines, std::vector<bool>& removed, Round round,
                 const std::set<std::string>& fixed, const std::set<std::string>& taken,
                 const std::set<std::string>& constants, const std::set<std::string>& registers,
                 std::set<std::string>* given = nullptr) {
  const auto graph = build_line_graph(lines);
  if (!graph) return 0;
  size_t writes = 0;
  for (const auto& line : *graph) writes += line.writes.size();
  if (!fits_flow_budget(graph->size(), writes + count_names(*graph))) return 0;
  RoleNamer namer(lines, *graph, fixed, taken, constants, registers);
  const int changed = round == Round::kRoles  ? namer.name_roles()
                      : round == Round::kRest ? namer.name_rest()
                                              : namer.propagate_copies();
  if (changed == 0) return 0;
  if (given) given->insert(namer.given().begin(), namer.given().end());
  std::vector<bool> gone(lines.size(), false);
  namer.rewrite(gone);
  std::vector<std::string> kept;
  std::vector<bool> kept_removed;
  for (size_t i = 0; i < lines.size(); ++i)
    if (!gone[i]) {
      kept.push_back(std::move(lines[i]));
      kept_removed.push_back(removed[i]);
    }
  lines.swap(kept);
  removed.swap(kept_removed);
  return changed;
}

}  // namespace

namespace {

// Runs `rounds` over the prologue and body read as one list; `in_prologue` follows each line
// through removals. Returns what the rounds changed.
template <typename Rounds>
int over_lines(std::vector<std::string>& prologue, std::vector<std::string>& body, Rounds rounds) {
  std::vector<std::string> lines = prologue;
  lines.insert(lines.end(), body.begin(), body.end());
  std::vector<bool> in_prologue(lines.size(), false);
  std::fill(in_prologue.begin(), in_prologue.begin() + static_cast<std::ptrdiff_t>(prologue.size()),
            true);
  const int changed = rounds(lines, in_prologue);
  if (changed == 0) return 0;
  prologue.clear();
  body.clear();
  for (size_t i = 0; i < lines.size(); ++i) (in_prologue[i] ? prologue : body).push_back(lines[i]);
  return changed;
}

}  // namespace

int name_values_by_role(std::vector<std::string>& prologue, std::vector<std::string>& body,
                        const std::set<std::string>& fixed, const std::set<std::string>& taken,
                        const std::set<std::string>& constants) {
  return over_lines(prologue, body, [&](std::vector<std::string>& lines, std::vector<bool>& in_prologue) {
    int changed = 0;
    for (int round = 0; round < 4; ++round) {
      const int copies =
          rename_round(lines, in_prologue, Round::kCopies, fixed, taken, constants, {});
      changed += copies;
      if (copies == 0) break;
    }
    return changed + rename_round(lines, in_prologue, Round::kRoles, fixed, taken, constants, {});
  });
}

int name_register_webs(std::vector<std::string>& prologue, std::vector<std::string>& body,
                       const std::set<std::string>& fixed, const std::set<std::string>& taken,
                       const std::set<std::string>& constants,
                       const std::set<std::string>& registers, std::set<std::string>* given) {
  return over_lines(prologue, body, [&](std::vector<std::string>& lines, std::vector<bool>& in_prologue) {
    return rename_round(lines, in_prologue, Round::kRest, fixed, taken, constants, registers, given);
  });
}

void number_names_in_order(std::vector<std::string>& prologue, std::vector<std::string>& body,
                           const std::set<std::string>& given, const std::set<std::string>& taken) {
  std::vector<std::string*> lines;
  for (auto* part : {&prologue, &body})
    for (auto& line : *part) lines.push_back(&line);
  const auto code_of = [](const std::string& line) { return line.substr(0, line.find('#')); };
  std::set<std::string> used = taken;
  for (const auto* line : lines)
    for (const auto& name : names_in(code_of(*line)))
      if (!given.count(name)) used.insert(name);
  std::map<std::string, std::string> renames;
  std::map<std::string, int> next;  // by kind, the suffix to try first
  for (const auto* line : lines)
    for (const auto& name : names_in(code_of(*line))) {
      if (!given.count(name) || renames.count(name)) continue;
      const std::string kind = name.substr(0, name.find_last_not_of("0123456789") + 1);
      for (int& suffix = next.try_emplace(kind, 1).first->second;; ++suffix) {
        const std::string candidate = suffix == 1 ? kind : kind + std::to_string(suffix);
        if (used.insert(candidate).second) {
          renames[name] = candidate;
          break;
        }
      }
    }
  for (auto* line : lines) {
    const auto hash = line->find('#');
    const std::string comment = hash == std::string::npos ? "" : line->substr(hash);
    *line = rename_words(code_of(*line), renames) + comment;
  }
}

}  // namespace switcheroo::lift
