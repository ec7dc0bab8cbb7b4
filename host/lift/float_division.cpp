#include "float_division.h"

#include <algorithm>
#include <map>
#include <optional>

#include "buffer_text.h"
#include "line_graph.h"
#include "line_liveness.h"
#include "text_pattern.h"
#include "unread_writes.h"

namespace switcheroo::lift {
namespace {

std::string content_of(const std::string& line) {
  return line.substr(indent_of(line));
}

class Site : public RunSteps {
 public:
  Site(const std::vector<std::string>& body, size_t header)
      : RunSteps(body, header), header_(header) {}

  // The fast path ending in the last write of `quotient` before the `if`: the numerator and
  // denominator, bound as N and D.
  bool fast_path(const std::string& quotient, const std::string& predicate) {
    bound_ = {{'Q', quotient}};
    const auto q = step(quotient, header_, "bits(f32($B) * f32($R) + f32($C))",
                        "bits(f32($R) * f32($B) + f32($C))");
    if (!q) return false;
    const auto r = step(bound_['R'], *q, "bits(f32($C) * -f32($D) + f32($N))");
    if (!r) return false;
    const auto c = step(bound_['C'], *r, "bits(f32($N) * f32($B))", "bits(f32($B) * f32($N))");
    if (!c) return false;
    const auto b = step(bound_['B'], *c, "bits(f32($A) * f32($T) + f32($A))",
                        "bits(f32($T) * f32($A) + f32($A))");
    if (!b) return false;
    const auto t = step(bound_['T'], *b, "bits(f32($A) * -f32($D) + 1.0)");
    if (!t) return false;
    const auto a = step(bound_['A'], *t, "bits(rcp(f32($D)))");
    if (!a) return false;
    const auto test = step(predicate, header_, "fchk(f32($N), f32($D))");
    if (!test) return false;
    // Each step read what the one before it wrote; the operands held from the first step on.
    const size_t first = std::min(*a, *test);
    return !writes_between(bound_['B'], *b, *q) && !writes_between(bound_['C'], *c, *q) &&
           !writes_between(bound_['A'], *a, *b) && !writes_between(quotient, *q, header_) &&
           !writes_between(bound_['N'], first, header_) &&
           !writes_between(bound_['D'], first, header_);
  }

  const std::string& numerator() { return bound_['N']; }
  const std::string& denominator() { return bound_['D']; }

 private:
  size_t header_ = 0;
};

// The `if P:` block at `header` that calls the slow path: what it sets before the call (and
// what those copies read), the register the result is copied into (and from), its last line.
struct SlowPathBlock {
  std::string predicate;
  std::vector<std::string> set_before;
  std::vector<std::string> copied;  // what the copies among them read
  std::string quotient, result;
  size_t last = 0;
};

std::optional<SlowPathBlock> read_block(const std::vector<std::string>& body, size_t header,
                                        const std::string& call) {
  SlowPathBlock block;
  const std::string content = content_of(body[header]);
  if (!starts_with(content, "if ") || content.back() != ':') return std::nullopt;
  block.predicate = content.substr(3, content.size() - 4);
  if (!is_name(block.predicate)) return std::nullopt;
  const size_t indent = indent_of(body[header]);
  size_t i = header + 1;
  for (; i < body.size() && indent_of(body[i]) > indent; ++i) {
    // Registers set before the call: the return address (a literal, on sm_90) and the
    // operands copied into the registers the slow path reads.
    const std::string line = content_of(body[i]);
    if (line == call) break;
    Bindings bound;
    if (matches(line, "$X = u32($Y)", bound) || matches(line, "$X = $Y", bound)) {
      block.copied.push_back(bound['Y']);
    } else {
      const size_t equals = line.find(" = ");
      if (equals == std::string::npos || !is_name(line.substr(0, equals))) return std::nullopt;
      const std::string value = line.substr(equals + 3);
      if (!buffers::is_integer(value) && !(starts_with(value, "0x") && value.size() > 2))
        return std::nullopt;
      bound['X'] = line.substr(0, equals);
    }
    block.set_before.push_back(bound['X']);
  }
  if (i >= body.size() || indent_of(body[i]) <= indent) return std::nullopt;
  block.last = i++;
  if (i < body.size() && indent_of(body[i]) > indent) {
    Bindings bound;
    const std::string line = content_of(body[i]);
    if (!matches(line, "$Q = u32($R)", bound) && !matches(line, "$Q = $R", bound))
      return std::nullopt;
    block.quotient = bound['Q'];
    block.result = bound['R'];
    block.last = i++;
  }
  if (i < body.size() && indent_of(body[i]) > indent) return std::nullopt;
  if (i < body.size() && indent_of(body[i]) == indent &&
      (starts_with(content_of(body[i]), "elif ") || content_of(body[i]) == "else:"))
    return std::nullopt;
  return block;
}

// The registers the slow path reads without writing them, those it writes, and the division
// operands of the kernel's FCHKs; std::nullopt when it calls a function.
struct SlowPathNames {
  std::string call;  // `name()`
  std::set<std::string> inputs, written, operands;
};

std::optional<SlowPathNames> describe_slow_path(const std::vector<std::string>& slow_path,
                                                const std::vector<LineNode>& kernel) {
  SlowPathNames names;
  std::set<std::string> read;
  for (const auto& line : slow_path) {
    const std::string content = content_of(line);
    if (starts_with(content, "nonlocal ")) continue;
    for (const auto& name : written_names(content)) {
      if (name == "*") return std::nullopt;
      names.written.insert(name);
    }
    for (const auto& name : names_in(content)) read.insert(name);
  }
  // What it reads and never writes is an input when the kernel writes it (a register, not a
  // helper of the prelude); what it writes may be read before its first write too.
  std::set<std::string> kernel_writes;
  for (const auto& line : kernel) kernel_writes.insert(line.writes.begin(), line.writes.end());
  for (const auto& name : read)
    if (!names.written.count(name) && kernel_writes.count(name)) names.inputs.insert(name);
  // What it reads after writing it on some path is one of the operands by the slow path's
  // calling convention: the registers of the fast path's FCHK.
  Bindings bound;
  for (const auto& line : kernel)
    if (bound.clear(), matches(line.content, "$P = fchk(f32($N), f32($D))", bound))
      names.operands.insert({bound['N'], bound['D']});
  return names;
}

// What the call at `call` reads: the slow path's inputs, and its operands by its calling
// convention: what its block sets before it (the return address, copies of the operands),
// and without copies the operands of the FCHK the block tests; the operands of every FCHK when the
// block is not one of ours.
std::vector<std::string> call_reads(const std::vector<std::string>& body, size_t call,
                                    const SlowPathNames& slow_path) {
  std::vector<std::string> reads(slow_path.inputs.begin(), slow_path.inputs.end());
  size_t header = call;
  while (header > 0 && indent_of(body[header]) >= indent_of(body[call])) --header;
  const auto block = read_block(body, header, slow_path.call);
  std::optional<size_t> test;
  Bindings bound;
  if (block) {
    const size_t start = RunSteps(body, header).start();
    for (size_t i = header; i-- > start && !test;) {
      const auto written = written_names(content_of(body[i]));
      if (std::find(written.begin(), written.end(), block->predicate) != written.end()) test = i;
    }
  }
  if (block) reads.insert(reads.end(), block->set_before.begin(), block->set_before.end());
  if (block && !block->copied.empty()) return reads;
  if (test && matches(content_of(body[*test]), "$P = fchk(f32($N), f32($D))", bound)) {
    reads.push_back(bound['N']);
    reads.push_back(bound['D']);
  } else {
    reads.insert(reads.end(), slow_path.operands.begin(), slow_path.operands.end());
  }
  return reads;
}

// The register the slow path leaves its result in, when every call's block that copies it
// copies the same one.
std::optional<std::string> result_register(const std::vector<std::string>& body,
                                           const std::string& call) {
  std::optional<std::string> result;
  for (size_t i = 0; i < body.size(); ++i) {
    if (!starts_with(content_of(body[i]), "if ")) continue;
    const auto block = read_block(body, i, call);
    if (!block || block->result.empty()) continue;
    if (result && *result != block->result) return std::nullopt;
    result = block->result;
  }
  return result;
}

// The division the block at `header` ends, as its replacement line; std::nullopt when a
// caveat of float_division.h does not hold.
std::optional<std::string> fold_site(const std::vector<std::string>& body, size_t header,
                                     const SlowPathNames& slow_path, const LiveNames& live) {
  auto block = read_block(body, header, slow_path.call);
  if (!block) return std::nullopt;
  Site site(body, header);
  if (block->quotient.empty()) {
    // The slow path leaves its result where the fast path left its own: the nearest register
    // a fast path ends in.
    for (size_t i = header; i-- > site.start();) {
      const auto written = written_names(content_of(body[i]));
      if (written.size() == 1 && site.fast_path(written[0], block->predicate)) {
        block->quotient = block->result = written[0];
        break;
      }
    }
    if (block->quotient.empty()) return std::nullopt;
  } else if (!site.fast_path(block->quotient, block->predicate)) {
    return std::nullopt;
  }
  if (!slow_path.written.count(block->result)) return std::nullopt;
  std::set<std::string> operands = {site.numerator(), site.denominator()};
  for (const auto& name : block->copied)
    if (!operands.count(name)) return std::nullopt;
  operands.insert(block->set_before.begin(), block->set_before.end());
  for (const auto& name : slow_path.inputs)
    if (!operands.count(name)) return std::nullopt;
  std::set<std::string> clobbered = slow_path.written;
  clobbered.insert(block->set_before.begin(), block->set_before.end());
  clobbered.insert(block->result);
  clobbered.erase(block->quotient);
  for (const auto& name : clobbered)
    if (live.live_after(block->last, name)) return std::nullopt;
  return std::string(indent_of(body[header]), ' ') + block->quotient + " = bits(fdiv(f32(" +
         site.numerator() + "), f32(" + site.denominator() + ")))";
}

}  // namespace

int fold_float_divisions(std::vector<std::string>& body, const std::string& slow_path_name,
                         const std::vector<std::string>& slow_path_body) {
  int folded = 0;
  // One division at a time, the graph rebuilt after each: a kernel has a handful.
  for (bool changed = true; changed;) {
    changed = false;
    auto lines = build_line_graph(body);
    if (!lines || !fits_flow_budget(lines->size(), count_names(*lines))) break;
    auto slow_path = describe_slow_path(slow_path_body, *lines);
    if (!slow_path) break;
    slow_path->call = slow_path_name + "()";
    // A call of the slow path reads its inputs only (not every name, as calls do by default)
    // and may write what it writes; values only dead steps read are not live (faint).
    // It always writes its result, the register every call's block reads it from (or the
    // fast path's quotient); what else it writes it may leave alone, so that does not count.
    const std::string& call = slow_path->call;
    const auto result = result_register(body, call);
    for (size_t i = 0; i < lines->size(); ++i) {
      LineNode& line = (*lines)[i];
      if (line.content != call) continue;
      line.reads_everything = false;
      line.reads = call_reads(body, i, *slow_path);
      line.writes.clear();
      if (result) line.writes.push_back(*result);
      line.kills = result.has_value();
    }
    const LiveNames live(*lines, true);
    // From the last: a folded call no longer keeps the operands of earlier ones live.
    for (size_t i = body.size(); i-- > 0 && !changed;) {
      if (!starts_with(content_of(body[i]), "if ")) continue;
      const auto replacement = fold_site(body, i, *slow_path, live);
      if (!replacement) continue;
      const auto block = read_block(body, i, call);
      body.erase(body.begin() + static_cast<long>(i) + 1,
                 body.begin() + static_cast<long>(block->last) + 1);
      body[i] = *replacement;
      ++folded;
      changed = true;
    }
  }
  return folded;
}

int count_calls(const std::vector<std::string>& body, const std::string& name) {
  const std::string call = name + "()";
  return static_cast<int>(std::count_if(
      body.begin(), body.end(), [&](const std::string& line) { return content_of(line) == call; }));
}

}  // namespace switcheroo::lift
