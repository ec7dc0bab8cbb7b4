#include "layer_idioms.h"

#include "padding_as_same.h"
#include "rewrite/tree_query.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <set>

namespace switcheroo::convert {
namespace {

bool is_simple_integer(const std::string& text) {
  if (text.empty()) return false;
  size_t i = text[0] == '-' ? 1 : 0;
  if (i == text.size()) return false;
  for (; i < text.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

// `2` -> `(2, 2)` for two spatial axes; a tuple stays as it is.
std::string spatial_tuple(const HubValue& value, size_t axes) {
  if (value.elements) return value.text;
  const std::string item = as_operand(value.text);
  std::string text = "(";
  for (size_t i = 0; i < axes; ++i) text += (i ? ", " : "") + item;
  return text + (axes == 1 ? ",)" : ")");
}

// The integers of `(3, 3)` or `(3,)`; empty when an element is not an integer literal.
std::vector<int> tuple_integers(const std::string& tuple);

// PyTorch's ceil_mode=True for a max pool, as Flax's explicit padding: with no padding and
// windows at least as long as their strides, padding each axis's end by stride - 1 gives the
// ceil(...) windows, and none of them starts past the input (PyTorch's extra rule). Empty when
// the call is not of that form.
std::string ceil_mode_padding(const std::string& window, const std::string& strides) {
  const std::vector<int> kernel = tuple_integers(window);
  const std::vector<int> stride = tuple_integers(strides);
  if (kernel.empty() || kernel.size() != stride.size()) return "";
  std::string text = "(";
  for (size_t axis = 0; axis < kernel.size(); ++axis) {
    if (stride[axis] < 1 || kernel[axis] < stride[axis]) return "";
    text += (axis ? ", (0, " : "(0, ") + std::to_string(stride[axis] - 1) + ")";
  }
  return text + (kernel.size() == 1 ? ",)" : ")");
}

bool unit_strides(const std::string& strides) {
  const std::vector<int> stride = tuple_integers(strides);
  return !stride.empty() && std::all_of(stride.begin(), stride.end(), [](int s) { return s == 1; });
}

}  // namespace

// Top-level comma-separated parts of an argument list (brackets and strings respected).
std::vector<std::string> split_arguments(const std::string& text) {
  std::vector<std::string> parts;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\'' || c == '"') {
      const size_t close = text.find(c, i + 1);
      i = close == std::string::npos ? text.size() : close;
    } else if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}') {
      --depth;
    } else if (c == ',' && depth == 0) {
      parts.push_back(text.substr(start, i - start));
      start = i + 2 <= text.size() && text[i + 1] == ' ' ? i + 2 : i + 1;
    }
  }
  if (start < text.size()) parts.push_back(text.substr(start));
  return parts;
}

namespace {

std::vector<int> tuple_integers(const std::string& tuple) {
  if (tuple.size() < 2 || tuple.front() != '(' || tuple.back() != ')') return {};
  std::vector<int> values;
  for (std::string part : split_arguments(tuple.substr(1, tuple.size() - 2))) {
    while (!part.empty() && part.back() == ' ') part.pop_back();
    if (part.empty()) continue;
    if (!is_simple_integer(part) || part.size() > 6) return {};
    values.push_back(std::stoi(part));
  }
  return values;
}

// Flax's padding pairs `((lo, hi), ...)` as PyTorch's pooling arguments: equal pairs are the
// symmetric `padding` (one number when every axis agrees), and a max pool's `(0, stride - 1)`
// on every axis with windows at least as long as their strides is `ceil_mode=True`, the
// reverse of ceil_mode_padding. False when the pairs say neither.
bool padding_from_pairs(HubCall& call, const HubValue& padding, bool max_pool) {
  std::vector<std::string> pairs;
  if (padding.text.size() > 2 && padding.text.front() == '(') {
    pairs = split_arguments(padding.text.substr(1, padding.text.size() - 2));
  }
  const std::vector<int> kernel = tuple_integers(call.values["kernel_size"].text);
  const std::vector<int> stride = tuple_integers(call.values["stride"].text);
  bool symmetric = !pairs.empty();
  bool ceil = max_pool && kernel.size() == pairs.size() && stride.size() == pairs.size();
  std::vector<int> widths;
  for (size_t axis = 0; axis < pairs.size(); ++axis) {
    std::string pair = pairs[axis];
    while (!pair.empty() && pair.back() == ' ') pair.pop_back();
    const std::vector<int> low_high = tuple_integers(pair);
    if (low_high.size() != 2) return false;
    symmetric = symmetric && low_high[0] == low_high[1];
    ceil =
        ceil && low_high[0] == 0 && low_high[1] == stride[axis] - 1 && kernel[axis] >= stride[axis];
    widths.push_back(low_high[0]);
  }
  if (symmetric) {
    const bool same = std::all_of(widths.begin(), widths.end(),
                                  [&](int width) { return width == widths.front(); });
    std::string text = same ? std::to_string(widths.front()) : "(";
    for (size_t axis = 0; !same && axis < widths.size(); ++axis) {
      text += (axis ? ", " : "") + std::to_string(widths[axis]);
    }
    call.values["padding"] = value_of(same ? text : text + ")");
    return true;
  }
  if (!ceil) return false;
  call.values.erase("padding");
  call.values["ceil_mode"] = value_of("True");
  return true;
}

}  // namespace

std::vector<int> ceil_mode_widths(const HubOp& op, const HubCall& call, size_t axes) {
  const auto ceil = call.values.find("ceil_mode");
  const auto kernel = call.values.find("kernel_size");
  const auto padding = call.values.find("padding");
  if (op.name.rfind("max_pool", 0) != 0 || ceil == call.values.end() ||
      !same_value(ceil->second.text, "True") || kernel == call.values.end() ||
      (padding != call.values.end() && !same_value(padding->second.text, "0"))) {
    return {};
  }
  const std::string window = spatial_tuple(kernel->second, axes);
  const auto stride = call.values.find("stride");
  const bool given = stride != call.values.end() && !same_value(stride->second.text, "None");
  const std::string pairs =
      ceil_mode_padding(window, given ? spatial_tuple(stride->second, axes) : window);
  std::vector<int> widths;
  for (const std::string& pair : display_items(pairs.empty() ? "()" : pairs)) {
    widths.push_back(tuple_integers(pair).back());
  }
  return widths.size() == axes ? widths : std::vector<int>{};
}

std::string layout_of(const HubOp& op, const OpMapping& mapping, const std::string& argument) {
  if (auto own = mapping.layouts.find(argument); own != mapping.layouts.end()) return own->second;
  auto standard = op.layouts.find(argument);
  return standard == op.layouts.end() ? std::string() : standard->second;
}

std::string follow_layout(const std::string& written, const std::string& original) {
  const size_t original_open = original.find('(');
  if (original_open == std::string::npos || original.back() != ')') return written;
  const size_t first = original.find_first_not_of(" \t", original_open + 1);
  if (first == std::string::npos || original[first] != '\n') return written;
  const size_t argument = original.find_first_not_of(" \t\n", first);
  const std::string lead = original.substr(original_open + 1, argument - original_open - 1);
  size_t last = original.size() - 1;
  while (last > 0 && (original[last - 1] == ' ' || original[last - 1] == '\n')) --last;
  if (last > 0 && original[last - 1] == ',') --last;
  const std::string trail = original.substr(last, original.size() - 1 - last);
  if (trail.find('\n') == std::string::npos) return written;

  // The first call of the written text takes the layout; what follows its closing
  // parenthesis (`.mean()` after a loss) stays as it is.
  const size_t open = written.find('(');
  if (open == std::string::npos) return written;
  size_t close = std::string::npos;
  int depth = 0;
  for (size_t i = open; i < written.size() && close == std::string::npos; ++i) {
    const char c = written[i];
    if (c == '\'' || c == '"') {
      const size_t end = written.find(c, i + 1);
      if (end == std::string::npos) return written;
      i = end;
    } else if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if ((c == ')' || c == ']' || c == '}') && --depth == 0) {
      close = i;
    }
  }
  if (close == std::string::npos) return written;
  const auto parts = split_arguments(written.substr(open + 1, close - open - 1));
  if (parts.empty()) return written;
  std::string text = written.substr(0, open + 1) + lead;
  for (size_t i = 0; i < parts.size(); ++i) text += (i ? "," + lead : "") + parts[i];
  return text + trail + written.substr(close);
}

std::optional<std::vector<std::string>> display_elements(
    const python::SyntaxTree& tree, python::NodeId value,
    const std::function<std::string(python::NodeId)>& text) {
  const std::string_view kind = tree.kind_name(value);
  if (kind != "parenthesized" && kind != "list_display") return std::nullopt;
  std::vector<std::string> elements;
  bool comma = false;
  for (python::NodeId child : tree.children(value)) {
    const std::string_view child_kind = tree.kind_name(child);
    if (child_kind == "comprehension" || child_kind == "for_if_clause") return std::nullopt;
    if (child_kind == "COMMA") {
      comma = true;
    } else if (child_kind != "LPAR" && child_kind != "RPAR" && child_kind != "LSQB" &&
               child_kind != "RSQB") {
      elements.push_back(text(child));
    }
  }
  if (kind == "parenthesized" && !comma && !elements.empty()) return std::nullopt;
  return elements;
}

FrameworkCall written_call(const python::SyntaxTree& tree, const rewrite::Call& call) {
  const auto text = [&](python::NodeId node) { return std::string(tree.text(node)); };
  FrameworkCall result;
  if (!call.method.empty()) {
    result.receiver = std::string(
        tree.source().bytes().substr(call.callee_begin, call.receiver_end - call.callee_begin));
  }
  for (const auto& argument : call.arguments.items) {
    CallArgument item;
    item.kind = static_cast<CallArgument::Kind>(argument.kind);
    item.keyword = argument.keyword;
    item.text = text(argument.value);
    item.original = item.text;
    item.elements = display_elements(tree, argument.value, text);
    result.arguments.push_back(std::move(item));
  }
  return result;
}

std::vector<Reference> dotted_references(const python::SyntaxTree& tree) {
  std::vector<Reference> references;
  const uint16_t primary = python::SyntaxTree::kind_of("primary");
  for (python::NodeId id = 0; id < tree.size(); ++id) {
    if (tree.node(id).kind != primary) continue;
    const std::string text = rewrite::token_text(tree, id);
    bool dotted = text.find('.') != std::string::npos;
    for (char c : text) {
      dotted = dotted && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.');
    }
    if (dotted) references.push_back({id, text});
  }
  return references;
}

std::string split_cut_indices(const HubValue& sizes, const std::string& input,
                              const std::string& axis, const Spelling& spelling) {
  if (sizes.elements) {
    std::string cuts = "[";
    long long total = 0;
    bool numbers = true;
    std::string running;
    for (size_t i = 0; i + 1 < sizes.elements->size(); ++i) {
      const std::string& size = (*sizes.elements)[i];
      numbers = numbers && is_simple_integer(size) && size.size() <= 12;
      if (numbers) total += std::stoll(size);
      running = running.empty() ? size : running + " + " + as_operand(size);
      cuts += (i ? ", " : "") + (numbers ? std::to_string(total) : running);
    }
    return cuts + "]";
  }
  if (is_simple_integer(sizes.text)) {
    return "list(range(" + sizes.text + ", " + as_operand(input) + ".shape[" + axis + "], " +
           sizes.text + "))";
  }
  return "list(" + spelling.api("itertools.accumulate") + "(" + sizes.text + "))[:-1]";
}

std::optional<std::string> split_size_list(const HubValue& sizes, const std::string& input,
                                           const std::string& axis) {
  if (sizes.elements) return sizes.text;
  if (!is_simple_integer(sizes.text)) return "list(" + sizes.text + ")";
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (size_t at = input.find("offset"); at != std::string::npos; at = input.find("offset", at + 1)) {
    const bool before = at > 0 && (word(input[at - 1]) || input[at - 1] == '.');
    const bool after = at + 6 < input.size() && word(input[at + 6]);
    if (!before && !after) return std::nullopt;  // the comprehension's name would hide it
  }
  const std::string length = as_operand(input) + ".shape[" + axis + "]";
  return "[min(" + sizes.text + ", " + length + " - offset) for offset in range(0, " + length +
         ", " + sizes.text + ")]";
}

// A pool window read from a spelling with Flax's conventions (`pool_window`): strides default to
// 1 (the hub's to the window), and 'VALID' or explicit pairs as the hub's padding.
static bool read_pool_window(const HubOp& op, HubCall& call, std::string& why) {
  // Flax's strides default to 1, the hub's to the window.
  if (!call.values.count("stride")) call.values["stride"] = value_of("1");
  if (auto padding = call.values.find("padding"); padding != call.values.end()) {
    if (same_value(padding->second.text, "'VALID'")) {
      call.values.erase(padding);
    } else if (same_value(padding->second.text, "'SAME'") ||
               same_value(padding->second.text, "'same'")) {
      why = "padding='SAME' has no fixed padding width";
      return false;
    } else if (padding->second.text.rfind("((", 0) == 0 &&
               !padding_from_pairs(call, HubValue(padding->second),
                                   op.name.rfind("max_pool", 0) == 0)) {
      why = "padding " + padding->second.text + " is neither symmetric nor a ceil_mode window";
      return false;
    }
  }
  return true;
}

// A pool window written for a target whose padding is a name (its `values` table maps the hub's
// 0): no padding is written as that name's 0, any other padding and ceil_mode are refused.
static bool named_pool_padding(const OpMapping& target, HubCall& call, std::string& why) {
  std::string names;
  for (const auto& [hub_value, name] : target.values.at("padding")) {
    names += (names.empty() ? "" : " or ") + name;
  }
  if (auto ceil = call.values.find("ceil_mode");
      ceil != call.values.end() && !same_value(ceil->second.text, "False")) {
    why = "ceil_mode=" + ceil->second.text + ": '" + target.api + "' pads " + names + " only";
    return false;
  }
  auto padding = call.values.find("padding");
  if (padding != call.values.end() && !same_value(padding->second.text, "0")) {
    why = "padding=" + padding->second.text + ": '" + target.api + "' pads " + names + " only";
    return false;
  }
  call.values["padding"] = value_of("0");
  return true;
}

// A pool window written for a spelling with Flax's conventions: windows and strides one per
// spatial axis, padding as (low, high) pairs, PyTorch's ceil_mode as the padding it amounts to;
// a target that names its paddings takes the hub's 0 through its values table.
static bool write_pool_window(const HubOp& op, const OpMapping& target, HubCall& call,
                              size_t axes, std::string& why) {
  auto kernel = call.values.find("kernel_size");
  if (kernel == call.values.end()) {
    why = "no window size";
    return false;
  }
  kernel->second.text = spatial_tuple(kernel->second, axes);
  kernel->second.elements.reset();
  auto stride = call.values.find("stride");
  if (stride == call.values.end() || same_value(stride->second.text, "None")) {
    call.values["stride"] = value_of(kernel->second.text);
  } else {
    stride->second.text = spatial_tuple(stride->second, axes);
    stride->second.positional = false;
  }
  auto ceil = call.values.find("ceil_mode");
  if (ceil != call.values.end() && same_value(ceil->second.text, "True") &&
      unit_strides(call.values["stride"].text)) {
    // With stride 1 no window starts past the padded input: ceil_mode changes nothing
    // (googlenet's MaxPool2d(3, stride=1, padding=1, ceil_mode=True)).
    call.values.erase(ceil);
    ceil = call.values.end();
  }
  if (target.values.count("padding")) {
    if (!named_pool_padding(target, call, why)) return false;
  } else if (ceil != call.values.end() && !same_value(ceil->second.text, "False")) {
    auto padding = call.values.find("padding");
    const std::string pairs =
        op.name.rfind("max_pool", 0) != 0 || !same_value(ceil->second.text, "True") ||
                (padding != call.values.end() && !same_value(padding->second.text, "0"))
            ? std::string()
            : ceil_mode_padding(kernel->second.text, call.values["stride"].text);
    if (pairs.empty()) {
      why = "ceil_mode=" + ceil->second.text +
            " converts only for a max pool without padding whose windows are at least as long "
            "as their strides";
      return false;
    }
    call.values.erase(ceil);
    HubValue padded;
    padded.text = pairs;
    call.values["padding"] = padded;
  } else if (auto padding = call.values.find("padding"); padding != call.values.end()) {
    if (same_value(padding->second.text, "0")) {
      call.values.erase(padding);
    } else if (is_simple_integer(padding->second.text)) {
      const std::string pair = "(" + padding->second.text + ", " + padding->second.text + ")";
      HubValue pairs;
      pairs.text = spatial_tuple(value_of(pair), axes);
      padding->second = pairs;
    } else {
      why = "padding " + padding->second.text + " needs explicit (low, high) pairs";
      return false;
    }
  }
  for (auto& [name, value] : call.values) {
    if (name != "input") value.positional = false;
  }
  return true;
}

bool adapt_for_hook(const HubOp& op, const OpMapping& source, const OpMapping& target,
                    HubCall& call, std::string& why) {
  const std::string layout = layout_of(op, target, "input");
  const size_t axes = layout.size() > 2 ? layout.size() - 2 : 1;
  if (source.hook == "loss_reduction" && target.hook != "loss_reduction") {
    // optax's losses return one value per example: PyTorch's reduction='none'. A spelling with
    // a note differs by more than the reduction (smooth_l1 is huber / beta) and needs the hook.
    if (source.api.empty() || !source.note.empty()) {
      why = "it needs the 'loss_reduction' hook";
      return false;
    }
    call.values["reduction"] = value_of("'none'");
  }
  if (source.hook == "pad_pairs" && target.hook != "pad_pairs" && !read_pad_pairs(call, why)) {
    return false;
  }
  if (target.hook == "pad_pairs" && source.hook != "pad_pairs" && !write_pad_pairs(call, why)) {
    return false;
  }
  if (source.hook == "conv_transpose_padding" && target.hook != source.hook &&
      !conv_transpose_pairs_read(call, axes, why)) {
    return false;
  }
  if (target.hook == "conv_transpose_padding" && source.hook != target.hook &&
      !conv_transpose_pairs_written(call, axes, why)) {
    return false;
  }
  // A pooling layer's window belongs to its constructor: calling it passes the input alone.
  const bool layer_call = !call.values.count("kernel_size");
  if (source.hook == "pool_window" && !(source.kind == "layer" && layer_call) &&
      !read_pool_window(op, call, why)) {
    return false;
  }
  if (target.hook == "pool_window") {
    return (target.kind == "layer" && layer_call) ||
           write_pool_window(op, target, call, axes, why);
  }
  const bool handled = target.hook.empty() || target.hook == "subscript" ||
                       target.hook == "chunk_sizes" || target.hook == "multi_result" ||
                       target.hook == "split_sizes_to_indices" || target.hook == "keep_sizes" ||
                       target.hook == "split_size_list" ||
                       (target.kind == "layer" && target.hook.rfind("recurrent_", 0) != 0) ||
                       target.hook == "rng_threading" || target.hook == "loss_reduction" ||
                       target.hook == "pad_pairs";
  if (!handled || (target.hook == "rng_threading" && target.kind != "layer")) {
    why = "it needs the '" + target.hook + "' hook";
    return false;
  }
  return true;
}

std::string function_value(const std::string& written, const Spelling& spelling) {
  const size_t open = written.find('(');
  if (open == std::string::npos) return written;
  const std::string callee = written.substr(0, open);
  const std::string arguments = written.substr(open + 1, written.size() - open - 2);
  if (arguments.empty()) return callee;
  return spelling.api("functools.partial") + "(" + callee + ", " + arguments + ")";
}

namespace {

std::string trimmed(const std::string& text) {
  const size_t first = text.find_first_not_of(' ');
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

// Is the expression a Python number, never an array: number literals, `len(...)` and shape
// entries (`q.shape[-1]`), combined by arithmetic. `0.5 * logvar` may be a tensor.
bool python_number(std::string text) {
  text = trimmed(text);
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    text = trimmed(text.substr(1));
  }
  if (text.empty()) return false;
  std::vector<std::string> operands;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '(' || c == '[') ++depth;
    if (c == ')' || c == ']') --depth;
    const bool exponent = i > 1 && (text[i - 1] == 'e' || text[i - 1] == 'E') &&
                          std::isdigit(static_cast<unsigned char>(text[i - 2]));
    if (depth == 0 && std::string("+-*/%").find(c) != std::string::npos && !exponent && i > 0) {
      operands.push_back(text.substr(start, i - start));
      while (i + 1 < text.size() && (text[i + 1] == '*' || text[i + 1] == '/')) ++i;
      start = i + 1;
    }
  }
  if (!operands.empty()) {
    operands.push_back(text.substr(start));
    return std::all_of(operands.begin(), operands.end(), python_number);
  }
  if (text.front() == '(' && text.back() == ')') {
    return python_number(text.substr(1, text.size() - 2));
  }
  char* end = nullptr;
  std::strtod(text.c_str(), &end);
  const bool digit = std::isdigit(static_cast<unsigned char>(text[0])) || text[0] == '.';
  if (digit && end == text.c_str() + text.size()) return true;
  const bool primary = as_operand(text) == text;
  return primary && ((text.rfind("len(", 0) == 0 && text.back() == ')') ||
                     (text.find(".shape[") != std::string::npos && text.back() == ']'));
}

}  // namespace

void wrap_scalar_operands(const std::vector<std::string>& arguments, const std::string& asarray,
                          HubCall& call, TargetSpelling& spelling) {
  if (asarray.empty()) return;
  for (const std::string& name : arguments) {
    auto found = call.values.find(name);
    if (found == call.values.end()) continue;
    HubValue& value = found->second;
    // Only a Python number: a tensor wrapped again would warn and lose its gradient.
    if (!value.spread && python_number(value.text)) {
      value.text = spelling.api(asarray) + "(" + value.text + ")";
    }
  }
}

void axis_lists_as_tuples(const HubOp& op, HubCall& call) {
  for (const auto& argument : op.arguments) {
    if (argument.kind != "axis" && argument.kind != "axes") continue;
    auto found = call.values.find(argument.name);
    if (found == call.values.end()) continue;
    HubValue& value = found->second;
    if (value.spread || !value.elements || value.text.empty() || value.text.front() != '[')
      continue;
    value.text = "(" + value.elements->front();
    for (size_t i = 1; i < value.elements->size(); ++i) value.text += ", " + (*value.elements)[i];
    value.text += value.elements->size() == 1 ? ",)" : ")";
  }
}

}  // namespace switcheroo::convert
