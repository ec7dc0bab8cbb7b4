#include "value_webs.h"

#include <numeric>

namespace switcheroo::lift {
namespace {

bool test(const std::vector<uint64_t>& bits, size_t at) {
  return bits[at / 64] >> (at % 64) & 1;
}
void set(std::vector<uint64_t>& bits, size_t at) {
  bits[at / 64] |= uint64_t{1} << (at % 64);
}

}  // namespace

Webs::Webs(const std::vector<LineNode>& lines) : lines_(lines) {
  def_at_.resize(lines.size());
  for (size_t i = 0; i < lines.size(); ++i)
    for (const auto& name : lines[i].writes) def_at_[i][name] = add_def(i, name);
  for (const auto& line : lines)
    for (const auto& name : line.reads) entry_def(name);
  reach();
  parent_.resize(defs_.size());
  std::iota(parent_.begin(), parent_.end(), size_t{0});
  for (size_t i = 0; i < lines.size(); ++i) join_reads(i);
}

size_t Webs::web_of_read(size_t line, const std::string& name) const {
  for (size_t def : defs_of_name_.at(name))
    if (test(in_[line], def)) return find(def);
  return std::string::npos;
}

size_t Webs::add_def(size_t line, const std::string& name) {
  defs_.push_back({line, name});
  defs_of_name_[name].push_back(defs_.size() - 1);
  return defs_.size() - 1;
}

void Webs::entry_def(const std::string& name) {
  if (!entry_.count(name)) entry_[name] = add_def(lines_.size(), name);
}

// Reaching definitions, forward to a fixed point.
void Webs::reach() {
  for (const auto& line : lines_)
    for (const auto& name : line.writes) entry_def(name);
  const size_t words = defs_.size() / 64 + 1;
  in_.assign(lines_.size(), Bits(words, 0));
  Bits entry(words, 0);
  for (const auto& [name, def] : entry_) set(entry, def);
  if (!lines_.empty()) in_[0] = entry;
  bool changed = true;
  while (changed) {
    changed = false;
    for (size_t i = 0; i < lines_.size(); ++i) {
      Bits out = in_[i];
      for (const auto& name : lines_[i].writes) {
        if (lines_[i].kills)
          for (size_t def : defs_of_name_[name]) out[def / 64] &= ~(uint64_t{1} << (def % 64));
        set(out, def_at_[i].at(name));
      }
      for (size_t successor : lines_[i].successors) {
        if (successor >= lines_.size()) continue;
        for (size_t w = 0; w < words; ++w) {
          const uint64_t merged = in_[successor][w] | out[w];
          if (merged != in_[successor][w]) {
            in_[successor][w] = merged;
            changed = true;
          }
        }
      }
    }
  }
}

// The writes that reach one read belong to one web; a call reads every name.
void Webs::join_reads(size_t line) {
  const auto join_name = [&](const std::string& name) {
    size_t first = std::string::npos;
    for (size_t def : defs_of_name_[name]) {
      if (!test(in_[line], def)) continue;
      if (first == std::string::npos)
        first = find(def);
      else
        parent_[find(def)] = first;
    }
  };
  if (lines_[line].reads_everything) {
    for (const auto& [name, defs] : defs_of_name_) join_name(name);
    return;
  }
  for (const auto& name : lines_[line].reads) join_name(name);
}

}  // namespace switcheroo::lift
