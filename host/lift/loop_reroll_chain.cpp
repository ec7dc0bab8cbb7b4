#include "loop_reroll_chain.h"

#include "line_liveness.h"
#include "loop_reroll_shape.h"
#include "unread_writes.h"

#include <algorithm>

namespace switcheroo::lift::reroll {

namespace {

// The test heading a piece, `if (s32(i) > C):` or `if (s32(u32(i + -STOP)) > C):`: the piece
// runs when more than the returned number of elements are left.
std::optional<long long> left_above(const std::string& header, const Chain& chain) {
  const std::string& i = chain.counter;
  if (const auto bound = between(header, "if (s32(" + i + ") > ", "):")) {
    const auto c = small_literal(*bound);
    if (c && *c >= chain.stop) return *c - chain.stop;
  }
  const auto shifted = between(
      header, "if (s32(u32(" + i + " + -" + std::to_string(chain.stop) + ")) > ", "):");
  return shifted && chain.stop > 0 ? small_literal(*shifted) : std::nullopt;
}

// The factor F of the counter's step `i = u32(i + -F)`.
std::optional<long long> counter_step(const std::string& line, const Chain& chain) {
  const auto by = between(line, chain.counter + " = u32(" + chain.counter + " + -", ")");
  return by ? small_literal(*by) : std::nullopt;
}

bool writes_flag(const std::string& line, const Chain& chain) {
  const auto lut = between(line, chain.flag + " = plop3(True, True, True, ", ")");
  return !chain.flag.empty() && lut && small_literal(*lut);
}

bool mentions(const std::vector<std::string>& lines, const std::string& name) {
  for (const auto& line : lines) {
    const auto names = names_in(line);
    if (std::find(names.begin(), names.end(), name) != names.end()) return true;
  }
  return false;
}

// A loop piece: flag writes, `for i in range(s32(i), min(T, s32(i) - 1), -F):` over its trip,
// then the counter's last step `i = u32(i + -F)`; it runs while more than T - STOP are left.
std::optional<ChainPiece> read_loop_piece(const std::vector<std::string>& body, size_t header,
                                          size_t loop, size_t end, const Chain& chain,
                                          long long above) {
  for (size_t i = header + 1; i < loop; ++i)
    if (!writes_flag(strip(body[i]), chain)) return std::nullopt;
  const std::string& c = chain.counter;
  const auto range = between(strip(body[loop]), "for " + c + " in range(s32(" + c + "), min(", "):");
  const std::string tail = ", s32(" + c + ") - 1), -";
  const size_t split = range ? range->find(tail) : std::string::npos;
  if (split == std::string::npos) return std::nullopt;
  const auto bound = small_literal(range->substr(0, split));
  const auto factor = small_literal(range->substr(split + tail.size()));
  const size_t loop_end = block_end(body, loop);
  const auto trip = straight_lines(body, loop + 1, loop_end, indent_of(body[loop]) + 4);
  if (!bound || !factor || !trip || *bound - chain.stop != above || loop_end + 1 != end ||
      indent_of(body[loop_end]) != indent_of(body[loop]) ||
      counter_step(strip(body[loop_end]), chain) != factor)
    return std::nullopt;
  return ChainPiece{*trip, *factor, true};
}

// A block piece: straight lines, one of them the counter's step by F, flag writes dropped.
std::optional<ChainPiece> read_block_piece(const std::vector<std::string>& body, size_t header,
                                           size_t end, const Chain& chain) {
  const auto lines = straight_lines(body, header + 1, end, indent_of(body[header]) + 4);
  if (!lines) return std::nullopt;
  ChainPiece piece;
  for (const auto& line : *lines) {
    if (writes_flag(line, chain)) continue;
    if (const auto step = counter_step(line, chain)) {
      if (piece.factor != 0) return std::nullopt;
      piece.factor = *step;
      continue;
    }
    piece.trip.push_back(line);
  }
  if (piece.factor == 0) return std::nullopt;
  return piece;
}

// The piece headed by line `header` (its block ends at `end`).
std::optional<ChainPiece> read_piece(const std::vector<std::string>& body, size_t header,
                                     size_t end, const Chain& chain) {
  const auto above = left_above(strip(body[header]), chain);
  if (!above) return std::nullopt;
  size_t loop = kNoLine;
  for (size_t i = header + 1; i < end && loop == kNoLine; ++i)
    if (indent_of(body[i]) == indent_of(body[header]) + 4 && starts_with(strip(body[i]), "for "))
      loop = i;
  auto piece = loop == kNoLine ? read_block_piece(body, header, end, chain)
                               : read_loop_piece(body, header, loop, end, chain, *above);
  // It must do a multiple of N, more than N, and only when that many are left.
  if (!piece || piece->factor <= chain.factor || piece->factor % chain.factor != 0 ||
      *above < piece->factor - chain.factor || mentions(piece->trip, chain.counter) ||
      (!chain.flag.empty() && mentions(piece->trip, chain.flag)))
    return std::nullopt;
  return piece;
}

// The xN loop ending the chain: `if ((s32(i) != STOP) or f):` or `if (s32(i) != STOP):` over
// `for i in range(s32(i), STOP, -N):` and its trip.
bool read_last(const std::vector<std::string>& body, size_t guard, size_t end, Chain& chain) {
  const auto loop = read_guarded_loop(body, guard, end, indent_of(body[guard]));
  if (!loop || !loop->setup.empty() || loop->step < 2 || (loop->step & (loop->step - 1)) != 0)
    return false;
  chain.counter = loop->counter;
  chain.stop = loop->stop;
  chain.factor = loop->step;
  chain.trip = loop->trip;
  const std::string test = "s32(" + chain.counter + ") != " + std::to_string(chain.stop);
  const std::string header = strip(body[guard]);
  if (header == "if (" + test + "):") return true;
  const auto flag = between(header, "if ((" + test + ") or ", "):");
  if (!flag || !is_name(*flag)) return false;
  chain.flag = *flag;
  return true;
}

// The pieces between the chain's start and its last loop, and the names they leave.
bool read_pieces(const std::vector<std::string>& body, size_t start, size_t last, Chain& chain) {
  if (start < last && writes_flag(strip(body[start]), chain)) ++start;
  const Names last_names = names_of(chain.trip);
  std::string folded;
  for (size_t at = start; at < last;) {
    const size_t end = block_end(body, at);
    if (!starts_with(strip(body[at]), "if ") || end > last) return false;
    const auto piece = read_piece(body, at, end, chain);
    if (!piece) return false;
    // What an earlier piece leaves that M does not write must not reach this one.
    for (const auto& name : names_of(piece->trip).read_first)
      if (chain.written.count(name)) return false;
    for (const auto& name : names_of(piece->trip).written)
      if (!last_names.written.count(name)) chain.written.insert(name);
    folded += "x" + std::to_string(piece->factor) + (piece->loop ? " loop, " : " block, ");
    chain.pieces.push_back(*piece);
    at = end;
  }
  chain.folded = folded;
  return !chain.pieces.empty();
}

}  // namespace

std::optional<Chain> find_chain(const std::vector<std::string>& body, size_t guard) {
  Chain chain;
  chain.indent = indent_of(body[guard]) + 4;
  chain.end = block_end(body, guard);
  size_t at = guard + 1;
  while (at < chain.end && indent_of(body[at]) == chain.indent && !ends_with(body[at], ":")) ++at;
  if (at >= chain.end || !starts_with(strip(body[at]), "if ")) return std::nullopt;
  chain.first = at;
  // The other branch, `if TEST:` over the xN loop alone and `else:` over the chain, computes
  // what the chain computes whichever the test picks.
  size_t level = chain.indent, start = at, other = kNoLine;
  const size_t branch_end = block_end(body, at);
  // Its test is dropped: it must read no memory (a load may fault).
  if (branch_end < chain.end && strip(body[branch_end]) == "else:" &&
      indent_of(body[branch_end]) == chain.indent) {
    if (body[at].find("grid.") != std::string::npos || body[at].find('[') != std::string::npos)
      return std::nullopt;
    if (block_end(body, branch_end) != chain.end) return std::nullopt;
    other = at;
    level += 4;
    start = branch_end + 1;
  }
  size_t last = kNoLine;
  for (size_t i = start; i < chain.end; ++i)
    if (indent_of(body[i]) == level) last = i;
  if (last == kNoLine || last == start || !read_last(body, last, chain.end, chain) ||
      (!chain.flag.empty() && mentions(chain.trip, chain.flag)) ||
      !read_pieces(body, start, last, chain))
    return std::nullopt;
  if (!chain.flag.empty()) chain.written.insert(chain.flag);
  if (other != kNoLine) {
    const auto loop = read_guarded_loop(body, other, branch_end, chain.indent);
    if (!loop || !loop->setup.empty() || loop->counter != chain.counter ||
        loop->stop != chain.stop || loop->step != chain.factor)
      return std::nullopt;
    for (const auto& name : names_of(loop->trip).written)
      if (!names_of(chain.trip).written.count(name)) chain.written.insert(name);
    chain.pieces.push_back({loop->trip, chain.factor, true});
  }
  return chain;
}

std::vector<std::string> collapsed(const std::vector<std::string>& body, const Chain& chain) {
  const std::string pad(chain.indent, ' ');
  std::vector<std::string> lines(body.begin(), body.begin() + static_cast<long>(chain.first));
  lines.push_back(pad + "for " + chain.counter + " in range(s32(" + chain.counter + "), " +
                  std::to_string(chain.stop) + ", -" + std::to_string(chain.factor) + "):");
  for (const auto& line : chain.trip) lines.push_back(pad + "    " + line);
  lines.insert(lines.end(), body.begin() + static_cast<long>(chain.end), body.end());
  return lines;
}

}  // namespace switcheroo::lift::reroll
