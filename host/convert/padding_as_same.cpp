#include "padding_as_same.h"

#include "call_helpers.h"

#include <charconv>
#include <optional>
#include <string>
#include <vector>

namespace switcheroo::convert {
namespace {

// The integers of a value: one literal, or each element of a tuple or list display.
std::optional<std::vector<long>> integers(const HubValue& value) {
  std::vector<std::string> texts = value.elements ? *value.elements
                                                  : std::vector<std::string>{value.text};
  std::vector<long> numbers;
  for (const auto& text : texts) {
    const size_t begin = text.find_first_not_of(' ');
    const size_t end = text.find_last_not_of(' ');
    if (begin == std::string::npos) return std::nullopt;
    long number = 0;
    const char* first = text.data() + begin;
    const char* last = text.data() + end + 1;
    const auto [stop, error] = std::from_chars(first, last, number);
    if (error != std::errc() || stop != last) return std::nullopt;
    numbers.push_back(number);
  }
  return numbers;
}

// Axis `axis` of a value given once for every axis (`3`) or per axis (`(3, 3)`).
long on_axis(const std::vector<long>& numbers, size_t axis) {
  return numbers.size() == 1 ? numbers.front() : numbers[axis];
}

// The value of `name`, or its default when the call leaves it out.
std::optional<std::vector<long>> integers_of(const HubCall& call, const std::string& name,
                                             long fallback) {
  auto found = call.values.find(name);
  if (found == call.values.end()) return std::vector<long>{fallback};
  return integers(found->second);
}

}  // namespace

bool integer_padding_as_same(std::string_view operation, HubCall& call, const OpMapping& target) {
  if (operation.rfind("conv", 0) != 0 || operation.rfind("conv_transpose", 0) == 0) return false;
  auto table = target.values.find("padding");
  if (table == target.values.end() || !table->second.count("'same'")) return false;
  auto padding = call.values.find("padding");
  if (padding == call.values.end() || table->second.count(padding->second.text) ||
      call_detail::passes_through(padding->second.text, table->second)) {
    return false;
  }
  const auto pads = integers(padding->second);
  const auto kernel = integers_of(call, "kernel_size", 0);
  const auto stride = integers_of(call, "stride", 1);
  const auto dilation = integers_of(call, "dilation", 1);
  if (!pads || !kernel || !stride || !dilation) return false;
  size_t axes = 1;
  for (const auto* numbers : {&*pads, &*kernel, &*stride, &*dilation}) {
    if (numbers->size() != 1 && axes != 1 && numbers->size() != axes) return false;
    if (numbers->size() != 1) axes = numbers->size();
  }
  for (size_t axis = 0; axis < axes; ++axis) {
    const long window = on_axis(*kernel, axis);
    if (window <= 0 || window % 2 == 0 || on_axis(*stride, axis) != 1) return false;
    if (on_axis(*pads, axis) != on_axis(*dilation, axis) * (window - 1) / 2) return false;
  }
  padding->second = value_of("'same'");
  return true;
}

}  // namespace switcheroo::convert
