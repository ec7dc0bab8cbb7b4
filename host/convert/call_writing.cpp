// Writing a call in hub terms through a target spelling: call_mapping.h's write_call and
// write_expression.
#include "call_helpers.h"
#include "call_mapping.h"

#include "core/expression_template.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace switcheroo::convert {

using namespace call_detail;

// A target spelling that returns more than the op's one result (torch.sort's (values,
// indices) for `sort`, whose results are ["out", "_"]) is narrowed to the kept result, so
// `np.sort(x)` becomes `torch.sort(x)[0]`; a source with the same results needs nothing.
std::string kept_result_selector(const OpMapping& source, const OpMapping& target) {
  const auto& results = target.results;
  if (std::find(results.begin(), results.end(), "_") == results.end() ||
      source.results.size() == results.size()) {
    return "";
  }
  for (size_t index = 0; index < results.size(); ++index) {
    if (results[index] != "_") return "[" + std::to_string(index) + "]";
  }
  return "";
}

namespace {

// Writes one hub call through a target spelling, in the order the spelling's facts apply: the
// values are settled against the API (dropped, fixed, defaulted, placed, needed beside others)
// and translated into the target's values; then come the callee, the positional arguments, the
// packed ones, the keywords and the injected parameters. A step that cannot write the call
// says why and returns false.
class CallWriter {
 public:
  CallWriter(const HubCall& call, const OpMapping& target, Phase phase, const Spelling& spelling,
             std::string& why)
      : op_(*call.op),
        target_(target),
        phase_(phase),
        spelling_(spelling),
        why_(why),
        values_(call.values),
        receiver_(receiver_of(op_, target)),
        parameters_(call_parameters(op_, target, phase)) {}

  std::optional<WrittenCall> write(const std::string& callee);

 private:
  bool fail(std::string why) {
    why_ = std::move(why);
    return false;
  }
  std::optional<std::string> hub_default(const std::string& name) const {
    const HubArgument* argument = op_.argument(name);
    return argument ? argument->default_value : std::nullopt;
  }
  bool settle_dropped();
  bool settle_fixed();
  bool settle_placed();
  bool settle_partners();
  bool translate(const std::string& name, HubValue& value);
  bool write_callee(const std::string& callee);
  std::string value_text(const std::string& name, const HubValue& value) const;
  void write_positionals();
  void write_variadic(const HubValue& value);
  bool packed_member(const std::string& name) const;
  void add_packed_items(const std::string& name, const HubValue& value,
                        std::vector<std::string>& items) const;
  bool write_packed();
  bool write_keywords();
  bool write_injected();
  bool write_call_injected();

  const HubOp& op_;
  const OpMapping& target_;
  const Phase phase_;
  const Spelling& spelling_;
  std::string& why_;
  std::map<std::string, HubValue> values_;      ///< values not written yet
  std::map<std::string, HubValue> all_values_;  ///< every value, once translated
  std::map<std::string, HubValue> settled_values_;  ///< every value, in hub terms
  const std::string receiver_;
  const std::vector<const HubArgument*> parameters_;
  std::string callee_text_;
  std::vector<std::string> arguments_;
  bool injects_keys_ = false;
};

// An argument the target drops converts only at its hub default, or at the value the target
// behaves as (its `defaults`: Flax's attention computes no weights, need_weights=False).
bool CallWriter::settle_dropped() {
  for (const auto& name : target_.dropped) {
    auto value = values_.find(name);
    if (value == values_.end()) continue;
    const auto fits = hub_default(name);
    const auto own = target_.defaults.find(name);
    const bool as_target =
        own != target_.defaults.end() && same_value(own->second, value->second.text);
    if (!value->second.implicit && !as_target && !(fits && same_value(*fits, value->second.text))) {
      return fail("'" + target_.api + "' has no '" + name + "' (only its default converts)");
    }
    values_.erase(value);
  }
  return true;
}

// An argument the target's API implies must have the implied value. A layer's constructor
// argument is settled where the layer is built, not where it is called (nnx.MultiHeadAttention
// implies batch_first=True; its call has no batch_first).
bool CallWriter::settle_fixed() {
  for (const auto& [name, implied] : target_.fixed) {
    if (op_.kind == "layer" && !find_parameter(parameters_, name)) continue;
    auto value = values_.find(name);
    const auto given = value == values_.end() ? hub_default(name) : value->second.text;
    if (given && swaps_axes(target_, name, *given)) {
      if (value != values_.end()) values_.erase(value);  // its calls swap the axes instead
      continue;
    }
    if (value == values_.end()) {
      // Left at a hub default the API does not imply: pl.Linear (no bias) is not nn.Linear(4, 8).
      const auto standard = hub_default(name);
      if (standard && *standard != "None" && !same_value(implied, *standard)) {
        return fail("'" + target_.api + "' implies " + name + "=" + implied + ", not the default " +
                    *standard);
      }
      continue;
    }
    if (!same_value(implied, value->second.text)) {
      return fail("'" + target_.api + "' implies " + name + "=" + implied);
    }
    values_.erase(value);
  }
  return true;
}

// Hub defaults the target does not share are written; implicit values at the target's default,
// and implicit ones the target has no parameter for, are left out.
bool CallWriter::settle_placed() {
  for (const auto& [name, framework_default] : target_.defaults) {
    if (!values_.count(name) && find_parameter(parameters_, name) &&
        !contains(target_.dropped, name)) {
      if (auto standard = hub_default(name)) values_[name] = value_of(*standard, true);
    }
  }
  for (auto it = values_.begin(); it != values_.end();) {
    const std::string& name = it->first;
    if (name == receiver_) {
      ++it;
      continue;
    }
    std::optional<std::string> effective = hub_default(name);
    if (auto own = target_.defaults.find(name); own != target_.defaults.end()) {
      effective = own->second;
    }
    // A form holds a value (`transform` without `read`): at the hub's default it is not
    // written, and the parameter keeps the framework's own default.
    auto form = target_.transforms.find(name);
    const bool in_form = form != target_.transforms.end() && form->second.read.empty();
    if ((it->second.implicit || in_form) && effective && same_value(*effective, it->second.text)) {
      it = values_.erase(it);
      continue;
    }
    if (!find_parameter(parameters_, name)) {
      if (!it->second.implicit) return fail("'" + name + "' has no place in '" + target_.api + "'");
      it = values_.erase(it);
      continue;
    }
    ++it;
  }
  return true;
}

// Required arguments at their hub default; `needs`: an argument the API takes only beside
// others (a keepdim accepted only with a dim) brings them at their hub default, and one without
// a default cannot be written.
bool CallWriter::settle_partners() {
  for (const auto& name : target_.required) {
    if (!values_.count(name)) {
      if (auto standard = hub_default(name)) values_[name] = value_of(*standard);
    }
  }
  for (const auto& [name, partners] : target_.needs) {
    if (!values_.count(name)) continue;
    for (const auto& partner : partners) {
      if (values_.count(partner)) continue;
      auto standard = hub_default(partner);
      if (!standard) {
        return fail("'" + target_.framework_name(name) + "' of '" + target_.api + "' needs '" +
                    target_.framework_name(partner) + "'");
      }
      values_[partner] = value_of(*standard);
    }
  }
  return true;
}

// One value in the target's terms: its value table, its transform, its dtype, its repetition.
bool CallWriter::translate(const std::string& name, HubValue& value) {
  if (auto remap = target_.values.find(name); remap != target_.values.end()) {
    auto mapped = remap->second.find(value.text);
    if (mapped == remap->second.end()) {
      for (const auto& [hub_value, framework_value] : remap->second) {
        if (same_value(hub_value, value.text)) mapped = remap->second.find(hub_value);
      }
    }
    const std::vector<std::pair<std::string, std::string>> pairs(remap->second.begin(),
                                                                 remap->second.end());
    if (mapped != remap->second.end()) {
      value.text = mapped->second;
    } else if (auto lookup = looked_up(value.text, pairs)) {
      value.text = *lookup;  // jax.nn.gelu(x, approximate=b) -> F.gelu(x, approximate={...}.get(b, b))
    } else if (!passes_through(value.text, remap->second)) {
      return fail("value " + value.text + " of '" + name + "' has no equivalent in '" +
                  target_.api + "'");
    }
  }
  if (auto transform = target_.transforms.find(name);
      transform != target_.transforms.end() && !value.spread) {
    const auto form = fill_form_arguments(
        transform->second.write, [&](const std::string& other) -> std::optional<std::string> {
          auto given = settled_values_.find(other);
          return given != settled_values_.end() ? given->second.text : hub_default(other);
        });
    if (!form) return fail("'" + name + "' is written with an argument that has no value");
    value.text = apply_transform(spell_apis(*form, spelling_.api), value.text);
  }
  const HubArgument* parameter = op_.argument(name);
  if (parameter && parameter->kind == "dtype" && value.text.find('.') == std::string::npos) {
    value.text = spelling_.dtype(value.text);
  }
  // A packed member keeps its items: write_packed spreads them into the tuple.
  if (auto repeat = target_.repeated.find(name);
      repeat != target_.repeated.end() && !packed_member(name)) {
    value.text = repeated_value(value, repeat->second);
    value.elements.reset();
  }
  return true;
}

// The callee: given (an instance call keeps `self.fc`), the receiver's method, or the API.
bool CallWriter::write_callee(const std::string& callee) {
  std::string receiver_text;
  if (!receiver_.empty()) {
    auto value = values_.find(receiver_);
    if (value == values_.end()) return fail("no receiver for '" + target_.api + "'");
    receiver_text = as_operand(value->second.text);
    values_.erase(value);
  }
  callee_text_ = callee;
  if (callee_text_.empty()) {
    callee_text_ = receiver_.empty() ? spelling_.api(target_.api)
                                     : receiver_text + "." + last_component(target_.api);
  }
  return true;
}

// Separate values of a variadic argument passed as one: a tuple, or a list where the API takes
// one (`lists`).
std::string CallWriter::value_text(const std::string& name, const HubValue& value) const {
  if (!value.spread) return value.text;
  return contains(target_.lists, name) ? "[" + join(value.items) + "]" : tuple_of(value.items);
}

// The values of the target's variadic parameter, spread as the API takes them.
void CallWriter::write_variadic(const HubValue& value) {
  if (value.spread) {
    for (const auto& item : value.items) arguments_.push_back(item);
  } else if (value.mapping) {
    // Names kept where the target takes the mapping, else its values spread in order.
    arguments_.push_back(
        !target_.varargs_mapping.empty() ? value.text : "*" + as_operand(value.text) + ".values()");
  } else if (value.elements) {
    for (const auto& item : *value.elements) arguments_.push_back(item);
  } else if (literal_kind(value.text) == LiteralKind::number || target_.varargs_sequence) {
    // One size (mx.zeros(3) -> torch.zeros(3)), or sizes the API takes whole (jnp.zeros(d)
    // -> torch.zeros(d), whether d is a number or a tuple).
    arguments_.push_back(value.text);
  } else {
    arguments_.push_back("*" + as_operand(value.text));
  }
}

void CallWriter::write_positionals() {
  std::vector<std::string> order;
  for (const auto& name : target_.positional) {
    if (find_parameter(parameters_, name)) order.push_back(name);
  }
  // When the positional list follows the hub's order (the spoke's default: the required
  // tensors), the arguments after it keep the source's style: positional while the source
  // passed them positionally (torch.sum(x, 1) -> jnp.sum(x, 1)).
  // positional = [] names a constructor's arguments; the built layer still takes its inputs
  // positionally.
  bool keep_style = !target_.keywords_only || (target_.kind == "layer" && phase_ == Phase::call);
  for (size_t i = 0; i < order.size(); ++i) {
    keep_style = keep_style && i < parameters_.size() && parameters_[i]->name == order[i];
  }
  const size_t fixed_positionals = keep_style ? order.size() : 0;
  if (keep_style) {
    for (size_t i = order.size(); i < parameters_.size(); ++i) {
      order.push_back(parameters_[i]->name);
    }
  } else if (!target_.varargs.empty() && !contains(order, target_.varargs)) {
    order.push_back(target_.varargs);  // einsum(subscripts, *operands)
  }
  const bool constructor = target_.kind == "layer" || target_.kind == "class";
  for (size_t index = 0; index < order.size(); ++index) {
    const std::string& name = order[index];
    auto value = values_.find(name);
    const HubArgument* parameter = find_parameter(parameters_, name);
    if (value == values_.end()) {
      // No values for a variadic argument the target takes as one list: an empty list
      // (nn.Sequential() -> Sequential([])).
      if (parameter != nullptr && parameter->variadic && contains(target_.lists, name)) {
        arguments_.push_back("[]");
      }
      break;
    }
    if (name == target_.varargs) {
      write_variadic(value->second);
      values_.erase(value);
      break;
    }
    const bool listed = index < fixed_positionals;
    if (keep_style && !listed && !value->second.positional && !is_tensor_kind(*parameter)) break;
    // A layer's options go by keyword: Flax makes most of them keyword-only (nnx.Conv's
    // padding), where PyTorch code often passes them positionally (nn.Conv2d(c, d, 1, 1, 0)).
    if (constructor && phase_ == Phase::construct && !listed && !parameter->required()) break;
    arguments_.push_back(value_text(name, value->second));
    values_.erase(value);
  }
}

bool CallWriter::packed_member(const std::string& name) const {
  return std::any_of(target_.packed.begin(), target_.packed.end(),
                     [&](const auto& entry) { return contains(entry.second, name); });
}

// A packed member's items: one, or as many as the spelling repeats it per axis (kernel_size 3
// is 3, 3 of filter_shape=(3, 3, c, d)); a value that may be a number or a tuple (`k`) is
// spread from its repeated form.
void CallWriter::add_packed_items(const std::string& name, const HubValue& value,
                                  std::vector<std::string>& items) const {
  auto repeat = target_.repeated.find(name);
  if (repeat == target_.repeated.end()) {
    items.push_back(value.text);
  } else if (value.elements && value.elements->size() == static_cast<size_t>(repeat->second)) {
    items.insert(items.end(), value.elements->begin(), value.elements->end());
  } else if (is_integer_literal(value.text)) {
    items.insert(items.end(), static_cast<size_t>(repeat->second), value.text);
  } else {
    items.push_back("*" + as_operand(repeated_value(value, repeat->second)));
  }
}

// Members written together as one tuple-valued parameter (`packed`).
bool CallWriter::write_packed() {
  for (const auto& [parameter, members] : target_.packed) {
    bool any = false;
    for (const auto& member : members) any = any || values_.count(member);
    if (!any) continue;
    std::vector<std::string> items;
    for (const auto& member : members) {
      auto value = values_.find(member);
      if (value != values_.end()) {
        add_packed_items(member, value->second, items);
      } else if (auto standard = hub_default(member)) {
        add_packed_items(member, value_of(*standard), items);
      } else {
        return fail("'" + member + "' is needed to write '" + parameter + "'");
      }
    }
    for (const auto& member : members) values_.erase(member);
    arguments_.push_back(parameter + "=" + tuple_of(items));
  }
  return true;
}

// Keywords in hub order, so the output does not depend on how the source ordered them.
bool CallWriter::write_keywords() {
  std::vector<std::string> keywords;
  // Parameters that take a hub argument's value too (affine=False -> use_scale=False,
  // use_bias=False) follow it; after the keywords when it went positionally.
  auto also_written = [&](const std::string& name) {
    auto extras = target_.also.find(name);
    auto value = all_values_.find(name);
    if (extras == target_.also.end() || value == all_values_.end()) return;
    for (const auto& extra : extras->second) {
      keywords.push_back(extra + "=" + value_text(name, value->second));
    }
  };
  for (const auto& [name, extras] : target_.also) {
    if (all_values_.count(name) && !values_.count(name) && name != receiver_) also_written(name);
  }
  for (const HubArgument* parameter : parameters_) {
    auto value = values_.find(parameter->name);
    if (value == values_.end()) continue;
    if (parameter->name == target_.varargs) {
      return fail("'" + parameter->name + "' of '" + target_.api +
                  "' can only be passed positionally");
    }
    keywords.push_back(target_.framework_name(parameter->name) + "=" +
                       value_text(parameter->name, value->second));
    also_written(parameter->name);
  }
  arguments_.insert(arguments_.end(), keywords.begin(), keywords.end());
  return true;
}

// Parameters the target needs that the hub does not model, filled from the call's values
// (`{name}` in the injected expression).
bool CallWriter::write_injected() {
  if (phase_ == Phase::call && target_.kind == "layer") return write_call_injected();
  for (const auto& [parameter, expression] : target_.injected) {
    // Injected parameters belong to the constructor of a layer, not to its call.
    if (phase_ == Phase::call && target_.kind == "class") break;
    std::string text;
    for (size_t i = 0; i < expression.size(); ++i) {
      if (expression[i] != '{') {
        text += expression[i];
        continue;
      }
      const size_t close = expression.find('}', i);
      const std::string name = expression.substr(i + 1, close - i - 1);
      auto value = all_values_.find(name);
      if (close == std::string::npos || value == all_values_.end()) {
        return fail("'" + parameter + "' of '" + target_.api + "' needs '" + name + "'");
      }
      text += as_operand(value_text(name, value->second));
      i = close;
    }
    if (!spelling_.key_parameter.empty() && parameter == spelling_.key_parameter) {
      injects_keys_ = true;
    }
    arguments_.push_back(parameter + "=" + text);
  }
  return true;
}

// What a layer's call always passes (`call-inject`), each `{input}` that input's value as
// written here and each `{@api}` spelled as the file spells it.
bool CallWriter::write_call_injected() {
  for (const auto& [parameter, expression] : target_.call_injected) {
    const auto filled =
        fill_form_arguments(expression, [&](const std::string& name) -> std::optional<std::string> {
          auto value = all_values_.find(name);
          if (value != all_values_.end()) return value_text(name, value->second);
          return std::nullopt;
        });
    if (!filled) return fail("'" + parameter + "' of '" + target_.api + "' needs a value it names");
    arguments_.push_back(parameter + "=" + spell_apis(*filled, spelling_.api));
  }
  return true;
}

std::optional<WrittenCall> CallWriter::write(const std::string& callee) {
  if (target_.kind == "identity") {
    auto value = values_.find(receiver_);
    if (value == values_.end()) {
      why_ = "nothing to keep";
      return std::nullopt;
    }
    return WrittenCall{value->second.text, false};
  }
  if (!settle_dropped() || !settle_fixed() || !settle_placed() || !settle_partners()) {
    return std::nullopt;
  }
  settled_values_ = values_;
  for (auto& [name, value] : values_) {
    if (!translate(name, value)) return std::nullopt;
  }
  if (target_.api.empty()) {
    why_ = "no API is given for it";
    return std::nullopt;
  }
  all_values_ = values_;
  if (!write_callee(callee)) return std::nullopt;
  if (target_.kind == "property") return WrittenCall{callee_text_, false};
  write_positionals();
  if (!write_packed() || !write_keywords() || !write_injected()) return std::nullopt;
  return WrittenCall{callee_text_ + "(" + join(arguments_) + ")", injects_keys_};
}

}  // namespace

std::optional<WrittenCall> write_call(const HubCall& call, const OpMapping& target, Phase phase,
                                      const Spelling& spelling, const std::string& callee,
                                      std::string& why) {
  return CallWriter(call, target, phase, spelling, why).write(callee);
}

// A size written where the expression wants a shape: a number, one axis of a shape
// (`x.shape[0]`), or for a variadic size (`torch.randn(n)`) a plain name.
bool one_axis(const HubArgument& argument, const std::string& text) {
  if (argument.kind != "shape" && !argument.variadic) return false;
  if (is_integer_literal(text)) return true;
  const size_t at = text.rfind(".shape[");
  if (at != std::string::npos && text.back() == ']' && text.find(':', at) == std::string::npos) {
    return true;
  }
  return argument.variadic && is_identifier(text);
}

// The same literal value: equal texts, or numbers of equal value (`0` and `0.0`).
bool same_number_or_value(const std::string& a, const std::string& b) {
  if (same_value(a, b)) return true;
  if (literal_kind(a) != LiteralKind::number || literal_kind(b) != LiteralKind::number)
    return false;
  char* end_a = nullptr;
  char* end_b = nullptr;
  const double x = std::strtod(a.c_str(), &end_a);
  const double y = std::strtod(b.c_str(), &end_b);
  return *end_a == '\0' && *end_b == '\0' && x == y;
}

std::optional<std::string> write_expression(const HubCall& call, const OpMapping& target,
                                            const Spelling& spelling, std::string& why) {
  const HubOp& op = *call.op;
  auto value = [&](const std::string& name) -> std::optional<std::string> {
    const HubArgument* argument = op.argument(name);
    auto found = call.values.find(name);
    if (found == call.values.end()) {
      return argument != nullptr ? argument->default_value : std::nullopt;
    }
    const HubValue& given = found->second;
    if (given.spread) return tuple_of(given.items);
    if (argument == nullptr) return given.text;
    if (one_axis(*argument, given.text)) return "(" + given.text + ",)";
    if (argument->kind == "dtype" && spelling.dtype && given.text.find('.') == std::string::npos &&
        given.text != "None") {
      return spelling.dtype(given.text);
    }
    return given.text;
  };
  // Given: written in the call, and neither None nor the hub's default (`mean=0.0` adds nothing).
  auto given = [&](const std::string& name) {
    auto found = call.values.find(name);
    if (found == call.values.end() || found->second.implicit) return false;
    if (found->second.spread) return true;
    const std::string& text = found->second.text;
    const HubArgument* argument = op.argument(name);
    const auto standard = argument != nullptr ? argument->default_value : std::nullopt;
    return text != "None" && !(standard && same_number_or_value(*standard, text));
  };
  // A template written for one value of an argument (`fixed`) does not compute the op for
  // another: the call is reported rather than converted into something else.
  for (const auto& [name, implied] : target.fixed) {
    const auto actual = value(name);
    if (!actual || !same_number_or_value(implied, *actual)) {
      why = "the target's template holds for " + name + "=" + implied + " only, not " +
            actual.value_or("None");
      return std::nullopt;
    }
  }
  return render_expression(target.expression, value, spelling.api, why, given);
}

}  // namespace switcheroo::convert
