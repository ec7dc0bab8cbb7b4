// PyTorch's F.pad widths <-> the hub's pad_width (layer_idioms.h: read_pad_pairs,
// write_pad_pairs).
//
//   F.pad(x, (1, 2, 3, 4))   pads the last axis by (1, 2) and the one before it by (3, 4)
//   jnp.pad(x, ((0, 0),) * (x.ndim - 2) + ((3, 4), (1, 2)))
//
// NumPy and JAX want a pair for every axis; how many axes there are is known only when the
// code runs, so the leading axes are `((0, 0),) * (x.ndim - k)`: the input is named twice, and
// must be a name. Back to PyTorch, pairs written out drop their leading (0, 0) pairs.
#include "layer_idioms.h"

#include <algorithm>
#include <cctype>

namespace switcheroo::convert {

namespace {

bool plain_name(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
  });
}

std::string trimmed(std::string text) {
  while (!text.empty() && text.back() == ' ') text.pop_back();
  while (!text.empty() && text.front() == ' ') text.erase(text.begin());
  return text;
}

}  // namespace

// The items of a tuple or list display `(a, b)` / `[a, b]`; empty when `text` is not one.
std::vector<std::string> display_items(const std::string& text) {
  if (text.size() < 2 || !((text.front() == '(' && text.back() == ')') ||
                           (text.front() == '[' && text.back() == ']'))) {
    return {};
  }
  std::vector<std::string> items;
  for (const std::string& item : split_arguments(text.substr(1, text.size() - 2))) {
    if (!trimmed(item).empty()) items.push_back(trimmed(item));
  }
  return items;
}

bool read_pad_pairs(HubCall& call, std::string& why) {
  auto widths = call.values.find("pad_width");
  auto input = call.values.find("input");
  if (widths == call.values.end() || input == call.values.end()) return true;
  const std::vector<std::string> flat =
      widths->second.elements ? *widths->second.elements : display_items(widths->second.text);
  if (flat.empty() || flat.size() % 2 != 0) {
    why = "the pad widths '" + widths->second.text + "'" +
          " are not written out as pairs (listed from the last axis backwards)";
    return false;
  }
  if (!plain_name(input->second.text)) {
    why = "the padded value '" + input->second.text +
          "' is not a name (its number of axes is read from it)";
    return false;
  }
  const size_t axes = flat.size() / 2;
  std::string pairs;
  for (size_t axis = axes; axis-- > 0;) {
    pairs += (pairs.empty() ? "(" : ", (") + flat[2 * axis] + ", " + flat[2 * axis + 1] + ")";
  }
  HubValue value;
  value.text = "((0, 0),) * (" + input->second.text + ".ndim - " + std::to_string(axes) + ") + (" +
               pairs + (axes == 1 ? ",)" : ")");
  value.positional = widths->second.positional;
  widths->second = value;
  // PyTorch ignores `value` for a mode other than 'constant'; NumPy and JAX refuse it there.
  if (auto mode = call.values.find("mode");
      mode != call.values.end() && !same_value(mode->second.text, "'constant'")) {
    call.values.erase("value");
  }
  return true;
}

bool write_pad_pairs(HubCall& call, std::string& why) {
  auto widths = call.values.find("pad_width");
  if (widths == call.values.end()) return true;
  std::string text = widths->second.text;
  // The form read_pad_pairs writes: the pairs after ` + `.
  const std::string leading = "((0, 0),) * (";
  if (text.rfind(leading, 0) == 0) {
    const size_t plus = text.find(") + (");
    text = plus == std::string::npos ? std::string() : text.substr(plus + 4);
  }
  std::vector<std::string> pairs = display_items(text);
  while (!pairs.empty() && display_items(pairs.front()) == std::vector<std::string>{"0", "0"}) {
    pairs.erase(pairs.begin());
  }
  std::string flat;
  for (auto pair = pairs.rbegin(); pair != pairs.rend(); ++pair) {
    const auto sides = display_items(*pair);
    if (sides.size() != 2) {
      pairs.clear();
      break;
    }
    flat += (flat.empty() ? "" : ", ") + sides[0] + ", " + sides[1];
  }
  if (pairs.empty()) {
    why = "the pad widths '" + widths->second.text + "'" +
          " are not written out as (before, after) pairs";
    return false;
  }
  HubValue value;
  value.text = "(" + flat + ")";
  value.positional = widths->second.positional;
  widths->second = value;
  return true;
}

}  // namespace switcheroo::convert
