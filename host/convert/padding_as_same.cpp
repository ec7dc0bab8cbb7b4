#include "padding_as_same.h"

#include "call_helpers.h"
#include "layer_idioms.h"

#include <algorithm>
#include <charconv>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
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

namespace switcheroo::convert {
namespace {

// The (low, high) pads of each axis a transposed convolution's padding value says: explicit
// pairs, or 'SAME' / 'VALID' as lax.conv_transpose computes them from the dilated window.
std::optional<std::vector<std::pair<long, long>>> transpose_pads(
    const std::string& padding, const std::vector<long>& window, const std::vector<long>& stride,
    size_t axes) {
  std::vector<std::pair<long, long>> pads;
  const bool same = same_value(padding, "'SAME'") || same_value(padding, "'same'");
  const bool valid = same_value(padding, "'VALID'") || same_value(padding, "'valid'");
  const std::vector<std::string> items = display_items(padding);
  if (!same && !valid && items.size() != axes) return std::nullopt;
  for (size_t axis = 0; axis < axes; ++axis) {
    const long w = on_axis(window, axis);
    const long s = on_axis(stride, axis);
    if (same || valid) {
      const long total = w + s - 2 + (valid ? std::max(w - s, 0L) : 0L);
      const long low = valid || s > w - 1 ? w - 1 : (total + 1) / 2;
      pads.emplace_back(low, total - low);
      continue;
    }
    HubValue pair = value_of(items[axis]);
    pair.elements = display_items(items[axis]);
    const auto numbers = integers(pair);
    if (!numbers || numbers->size() != 2) return std::nullopt;
    pads.emplace_back((*numbers)[0], (*numbers)[1]);
  }
  return pads;
}

// One text for values equal on every axis, a tuple otherwise.
std::string per_axis(const std::vector<long>& numbers) {
  std::vector<std::string> texts;
  for (long number : numbers) texts.push_back(std::to_string(number));
  const bool one = std::all_of(numbers.begin(), numbers.end(),
                               [&](long number) { return number == numbers.front(); });
  return one ? texts.front() : call_detail::tuple_of(texts);
}

}  // namespace

bool conv_transpose_pairs_written(HubCall& call, size_t axes, std::string& why) {
  if (!call.values.count("kernel_size")) return true;  // calling the layer
  const auto kernel = integers_of(call, "kernel_size", 0);
  const auto pads = integers_of(call, "padding", 0);
  const auto extra = integers_of(call, "output_padding", 0);
  const auto dilation = integers_of(call, "dilation", 1);
  if (!kernel || !pads || !extra || !dilation ||
      common_axes({&*kernel, &*pads, &*extra, &*dilation}) == 0) {
    why = "the padding pairs of a transposed convolution need kernel_size, padding, "
          "output_padding and dilation as integer literals";
    return false;
  }
  std::vector<std::string> pairs;
  for (size_t axis = 0; axis < axes; ++axis) {
    const long low = on_axis(*dilation, axis) * (on_axis(*kernel, axis) - 1) - on_axis(*pads, axis);
    if (low < 0) {
      why = "padding " + std::to_string(on_axis(*pads, axis)) +
            " crops more than dilation * (kernel_size - 1): no padding pair says it";
      return false;
    }
    pairs.push_back(call_detail::tuple_of(
        {std::to_string(low), std::to_string(low + on_axis(*extra, axis))}));
  }
  call.values["padding"] = value_of(call_detail::tuple_of(pairs));
  call.values.erase("output_padding");
  return true;
}

bool conv_transpose_pairs_read(HubCall& call, size_t axes, std::string& why) {
  if (!call.values.count("kernel_size")) return true;  // calling the layer
  const auto kernel = integers_of(call, "kernel_size", 0);
  const auto stride = integers_of(call, "stride", 1);
  const auto dilation = integers_of(call, "dilation", 1);
  auto padding = call.values.find("padding");
  const std::string text = padding == call.values.end() ? "'SAME'" : padding->second.text;
  if (!kernel || !stride || !dilation || common_axes({&*kernel, &*stride, &*dilation}) == 0) {
    why = "padding " + text + " reads back only with kernel_size, strides and kernel_dilation "
          "as integer literals";
    return false;
  }
  std::vector<long> window;
  for (size_t axis = 0; axis < axes; ++axis) {
    window.push_back(on_axis(*dilation, axis) * (on_axis(*kernel, axis) - 1) + 1);
  }
  const auto pads = transpose_pads(text, window, *stride, axes);
  std::vector<long> crops, extras;
  for (size_t axis = 0; pads && axis < axes; ++axis) {
    const auto [low, high] = (*pads)[axis];
    const long extra = high - low;
    if (low > window[axis] - 1 || extra < 0 ||
        extra >= std::max(on_axis(*stride, axis), on_axis(*dilation, axis))) {
      why = "padding " + text + " is no cropping padding with an output_padding";
      return false;
    }
    crops.push_back(window[axis] - 1 - low);
    extras.push_back(extra);
  }
  if (!pads) {
    why = "padding " + text + " is not 'SAME', 'VALID' or a (low, high) pair of integers per axis";
    return false;
  }
  call.values["padding"] = value_of(per_axis(crops));
  if (std::any_of(extras.begin(), extras.end(), [](long extra) { return extra != 0; })) {
    call.values["output_padding"] = value_of(per_axis(extras));
  }
  return true;
}

}  // namespace switcheroo::convert
