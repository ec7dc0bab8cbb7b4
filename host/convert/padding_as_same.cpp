#include "padding_as_same.h"

#include "call_helpers.h"

#include <algorithm>
#include <charconv>
#include <initializer_list>
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

// How many axes values given once (`3`) or per axis (`(3, 3)`) describe: 1 when all are given
// once, 0 when two disagree.
size_t common_axes(std::initializer_list<const std::vector<long>*> values) {
  size_t axes = 1;
  for (const auto* numbers : values) {
    if (numbers->size() != 1 && axes != 1 && numbers->size() != axes) return 0;
    if (numbers->size() != 1) axes = numbers->size();
  }
  return axes;
}

// A padding value table that neither maps 'same' nor lets it pass.
bool lacks_same(const OpMapping& target) {
  auto table = target.values.find("padding");
  return table != target.values.end() && !table->second.count("'same'") &&
         !call_detail::passes_through("'same'", table->second);
}

}  // namespace

bool same_padding_as_integer(std::string_view operation, HubCall& call, const OpMapping& target) {
  if (operation.rfind("conv", 0) != 0 || operation.rfind("conv_transpose", 0) == 0) return false;
  auto padding = call.values.find("padding");
  if (padding == call.values.end() || !same_value(padding->second.text, "'same'") ||
      !lacks_same(target)) {
    return false;
  }
  const auto kernel = integers_of(call, "kernel_size", 0);
  const auto stride = integers_of(call, "stride", 1);
  const auto dilation = integers_of(call, "dilation", 1);
  if (!kernel || !stride || !dilation) return false;
  const size_t axes = common_axes({&*kernel, &*stride, &*dilation});
  if (axes == 0) return false;
  std::vector<std::string> pads;
  for (size_t axis = 0; axis < axes; ++axis) {
    const long window = on_axis(*kernel, axis);
    if (window <= 0 || window % 2 == 0 || on_axis(*stride, axis) != 1) return false;
    pads.push_back(std::to_string(on_axis(*dilation, axis) * (window - 1) / 2));
  }
  const bool one = std::all_of(pads.begin(), pads.end(),
                               [&](const std::string& pad) { return pad == pads.front(); });
  padding->second = value_of(one ? pads.front() : call_detail::tuple_of(pads));
  return true;
}

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
  const size_t axes = common_axes({&*pads, &*kernel, &*stride, &*dilation});
  if (axes == 0) return false;
  for (size_t axis = 0; axis < axes; ++axis) {
    const long window = on_axis(*kernel, axis);
    if (window <= 0 || window % 2 == 0 || on_axis(*stride, axis) != 1) return false;
    if (on_axis(*pads, axis) != on_axis(*dilation, axis) * (window - 1) / 2) return false;
  }
  padding->second = value_of("'same'");
  return true;
}

}  // namespace switcheroo::convert
