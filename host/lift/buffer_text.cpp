#include "buffer_text.h"

#include "line_liveness.h"
#include "unread_writes.h"

#include <algorithm>
#include <cctype>

namespace switcheroo::lift::buffers {

bool is_integer(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

std::optional<std::string> wrapped_name(const std::string& text) {
  if (!(starts_with(text, "s32(") || starts_with(text, "u32(")) || !ends_with(text, ")"))
    return std::nullopt;
  std::string inner = text.substr(4, text.size() - 5);
  if (!is_name(inner)) return std::nullopt;
  return inner;
}

std::optional<Address> read_address(
    const std::string& statement,
    const std::function<std::optional<std::string>(const std::string&)>& base) {
  const auto equals = statement.find(" = split64(u64(");
  if (equals == std::string::npos || !ends_with(statement, "))")) return std::nullopt;
  const std::string targets = statement.substr(0, equals);
  const auto comma = targets.find(", ");
  if (comma == std::string::npos) return std::nullopt;
  Address address;
  address.low = targets.substr(0, comma);
  address.high = targets.substr(comma + 2);
  if (!is_name(address.low) || !is_name(address.high)) return std::nullopt;
  const std::string value = statement.substr(equals + 15, statement.size() - equals - 17);
  const auto times = value.find(" * ");
  const auto plus = value.rfind(" + ");
  if (times == std::string::npos || plus == std::string::npos || plus < times) return std::nullopt;
  const auto pointer = base(value.substr(plus + 3));
  if (!pointer) return std::nullopt;
  address.pointer = *pointer;
  const std::string left = value.substr(0, times);
  const std::string right = value.substr(times + 3, plus - times - 3);
  const auto left_name = wrapped_name(left);
  if (!left_name) return std::nullopt;
  const auto right_name = wrapped_name(right);
  address.index = left;
  address.index_name = *left_name;
  address.factor = right_name ? *right_name : right;
  return address;
}

std::vector<std::string> split_top_level(const std::string& text) {
  const auto items = top_level_items(text);
  return {items.begin(), items.end()};
}

std::optional<Assignment> read_assignment(const std::string& statement) {
  const auto equals = statement.find(" = ");
  if (equals == std::string::npos) return std::nullopt;
  Assignment assignment;
  assignment.targets = split_top_level(statement.substr(0, equals));
  assignment.values = split_top_level(statement.substr(equals + 3));
  if (assignment.targets.size() != assignment.values.size()) {
    // `a, b = split64(...)`: two names for one 64-bit value.
    if (assignment.targets.size() != 2 || assignment.values.size() != 1) return std::nullopt;
    assignment.targets = {assignment.targets[0] + ", " + assignment.targets[1]};
  }
  for (auto& target : assignment.targets)
    if (starts_with(target, "(") && ends_with(target, ")"))
      target = target.substr(1, target.size() - 2);
  return assignment;
}

std::optional<std::pair<std::string, std::string>> call_of_two(const std::string& text,
                                                               const std::string& function) {
  if (!starts_with(text, function + "(") || !ends_with(text, ")")) return std::nullopt;
  const auto arguments =
      split_top_level(text.substr(function.size() + 1, text.size() - function.size() - 2));
  if (arguments.size() != 2 || !is_name(arguments[0]) || !is_name(arguments[1]))
    return std::nullopt;
  return std::make_pair(arguments[0], arguments[1]);
}

std::optional<std::pair<std::string, std::string>> sum_of_names(const std::string& text,
                                                                const std::string& third) {
  std::vector<std::string> terms;
  size_t start = 0;
  for (auto plus = text.find(" + "); plus != std::string::npos; plus = text.find(" + ", start)) {
    terms.push_back(text.substr(start, plus - start));
    start = plus + 3;
  }
  terms.push_back(text.substr(start));
  if (terms.size() != (third.empty() ? 2u : 3u)) return std::nullopt;
  if (!third.empty() && terms[2] != third) return std::nullopt;
  if (!is_name(terms[0]) || !is_name(terms[1])) return std::nullopt;
  return std::make_pair(terms[0], terms[1]);
}

bool has(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool pair_has(const std::string& pair, const std::string& name) {
  const auto comma = pair.find(", ");
  return pair.compare(0, comma, name) == 0 || pair.compare(comma + 2, std::string::npos, name) == 0;
}

}  // namespace switcheroo::lift::buffers
