#include "buffer_rewriter.h"

#include <cstdlib>

namespace switcheroo::lift::buffers {

std::optional<std::string> Rewriter::indexing(const Facts& facts, const std::string& operand,
                                              const std::string& size_text) {
  if (!is_integer(size_text) || size_text.size() > 2) return std::nullopt;
  const int size = std::stoi(size_text);
  std::string pair = operand;
  long long extra = 0;
  const auto plus = operand.find(" + pair(");
  if (plus != std::string::npos) {
    const auto constant = facts.constants.find(operand.substr(0, plus));
    if (constant == facts.constants.end() || constant->second % size != 0) return std::nullopt;
    extra = constant->second / size;
    pair = operand.substr(plus + 3);
  }
  const auto words = call_of_two(pair, "pair");
  if (!words) return std::nullopt;
  const auto found = facts.addresses.find(words->first + ", " + words->second);
  if (found == facts.addresses.end()) return std::nullopt;
  Entry& entry = entries_[found->second];
  if (entry.factor != size) return std::nullopt;
  const Entry& source = entries_[entry.source];
  entry.used = true;
  const BufferView view{entry.address.pointer, size};
  views_.insert(view);
  std::string index = index_mark(entry.source, writes_[source.address.index_name].size(), calls_);
  if (extra != 0) index += (extra > 0 ? " + " : " - ") + std::to_string(std::llabs(extra));
  return view.name() + "[" + index + "]";
}

std::string Rewriter::rewrite_accesses(const Facts& facts, std::string statement) {
  if (facts.addresses.empty()) return statement;
  // Stores are whole statements: `grid.store_global(ADDRESS, VALUE, SIZE)`.
  const std::string store = "grid.store_global(";
  if (starts_with(statement, store) && ends_with(statement, ")")) {
    const auto operands =
        split_top_level(statement.substr(store.size(), statement.size() - store.size() - 1));
    if (operands.size() == 3) {
      if (const auto target = indexing(facts, operands[0], operands[2]))
        return *target + " = " + operands[1];
    }
    return statement;
  }
  const std::string load = "grid.load_global(";
  for (auto at = statement.find(load); at != std::string::npos; at = statement.find(load, at + 1)) {
    size_t end = at + load.size();
    for (int depth = 1; end < statement.size() && depth > 0; ++end) {
      if (statement[end] == '(') ++depth;
      if (statement[end] == ')') --depth;
    }
    const size_t start = at + load.size();
    const auto operands = split_top_level(statement.substr(start, end - 1 - start));
    if (operands.size() != 2) continue;
    if (const auto view = indexing(facts, operands[0], operands[1]))
      statement.replace(at, end - at, *view);
  }
  return statement;
}

}  // namespace switcheroo::lift::buffers
