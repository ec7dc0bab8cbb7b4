#include "buffer_rewriter.h"

namespace switcheroo::lift::buffers {

void Rewriter::read_chain(const Facts& facts, size_t i, const Assignment& line,
                          std::optional<Entry>& offset,
                          std::optional<std::pair<std::string, Partial>>& partial,
                          std::optional<Entry>& carried) {
  const std::string& value = line.values[0];
  if (starts_with(value, "split64(u64(pair(") && ends_with(value, "))")) {
    offset = read_offset(facts, i, line);
    return;
  }
  partial = read_low_add(facts, i, line);
  if (!partial) carried = read_high_add(facts, i, line);
}

std::optional<Entry> Rewriter::read_offset(const Facts& facts, size_t i,
                                           const Assignment& line) const {
  const std::string& value = line.values[0];
  const auto shift = value.rfind(") << ");
  const auto targets = split_top_level(line.targets[0]);
  if (shift == std::string::npos || targets.size() != 2 || !is_name(targets[0]) ||
      !is_name(targets[1]))
    return std::nullopt;
  const auto words = call_of_two(value.substr(12, shift + 1 - 12), "pair");
  const std::string amount = value.substr(shift + 5, value.size() - shift - 7);
  if (!words || !(amount == "1" || amount == "2" || amount == "3" || amount == "4"))
    return std::nullopt;
  const auto sign = facts.signs.find(words->second);
  const auto constant = facts.constants.find(words->second);
  const bool is_signed = sign != facts.signs.end() && sign->second.first == words->first;
  if (!is_signed && (constant == facts.constants.end() || constant->second != 0))
    return std::nullopt;
  Entry entry;
  entry.kind = EntryKind::kOffset;
  entry.line = i;
  entry.address.low = targets[0];
  entry.address.high = targets[1];
  entry.address.index_name = words->first;
  entry.address.index = (is_signed ? "s32(" : "u32(") + words->first + ")";
  entry.factor = 1 << std::stoi(amount);
  if (is_signed) entry.high_from = sign->second.second;
  return entry;
}

std::optional<std::pair<std::string, Partial>> Rewriter::read_low_add(
    const Facts& facts, size_t i, const Assignment& line) const {
  const std::string& value = line.values[0];
  if (line.targets.size() != 2 || line.values.size() != 2 || !starts_with(value, "u32(") ||
      !ends_with(value, ")") || !is_name(line.targets[0]) || !is_name(line.targets[1]))
    return std::nullopt;
  const auto terms = sum_of_names(value.substr(4, value.size() - 5));
  if (!terms ||
      line.values[1] != "int(u32(" + terms->first + ") + u32(" + terms->second + ") > 0xFFFFFFFF)")
    return std::nullopt;
  for (const auto& [half, word] : {*terms, std::make_pair(terms->second, terms->first)}) {
    const auto low = facts.halves.find(half);
    if (low == facts.halves.end() || low->second.high) continue;
    for (const auto& [pair_text, id] : facts.offsets) {
      if (entries_[id].address.low != word) continue;
      return std::make_pair(line.targets[1], Partial{line.targets[0], entries_[id].address.high,
                                                     low->second.pointer, id, i});
    }
  }
  return std::nullopt;
}

std::optional<Entry> Rewriter::read_high_add(const Facts& facts, size_t i,
                                             const Assignment& line) const {
  const std::string& value = line.values[0];
  if ((line.targets.size() != 1 && line.targets.size() != 2) || !is_name(line.targets[0]) ||
      !starts_with(value, "u32(") || !ends_with(value, ")"))
    return std::nullopt;
  const std::string inner = value.substr(4, value.size() - 5);
  const auto plus = inner.rfind(" + ");
  if (plus == std::string::npos) return std::nullopt;
  const auto in_flight = facts.partials.find(inner.substr(plus + 3));
  if (in_flight == facts.partials.end()) return std::nullopt;
  const auto terms = sum_of_names(inner, in_flight->first);
  if (!terms) return std::nullopt;
  const Partial& low = in_flight->second;
  const Entry& source = entries_[low.offset];
  for (const auto& [half, word] : {*terms, std::make_pair(terms->second, terms->first)}) {
    const auto high = facts.halves.find(half);
    if (high == facts.halves.end() || !high->second.high || high->second.pointer != low.pointer ||
        word != low.high_word)
      continue;
    Entry entry;
    entry.kind = EntryKind::kCarried;
    entry.line = i;
    entry.low_line = low.line;
    entry.address = source.address;
    entry.address.low = low.low;
    entry.address.high = line.targets[0];
    entry.address.pointer = low.pointer;
    entry.factor = source.factor;
    entry.source = low.offset;
    return entry;
  }
  return std::nullopt;
}

}  // namespace switcheroo::lift::buffers
