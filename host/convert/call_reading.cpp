// Reading a framework call as a hub call: its arguments bound to the op's parameters through
// the source spelling (positions, keywords, packed and `also` parameters, injected values),
// then normalised to the hub's values (repeats, value tables, transforms, dtypes).
#include "call_helpers.h"
#include "call_mapping.h"
#include "expression_reading.h"

#include <algorithm>
#include <set>

namespace switcheroo::convert {

using namespace call_detail;

namespace {

class CallReader {
 public:
  CallReader(const HubOp& op, const OpMapping& source, Phase phase, const FrameworkCall& call,
             const Spelling& spelling, std::string& why)
      : op_(op),
        source_(source),
        phase_(phase),
        call_(call),
        spelling_(spelling),
        why_(why),
        parameters_(call_parameters(op, source, phase)) {
    result_.op = &op;
  }

  std::optional<HubCall> read(bool partial) {
    bind_receiver();
    order_parameters();
    for (const auto& argument : call_.arguments) {
      const bool bound = argument.kind == CallArgument::Kind::keyword ? bind_keyword(argument)
                                                                      : bind_positional(argument);
      if (!bound) return std::nullopt;
    }
    settle_varargs();
    fill_defaults();
    if (!also_agrees()) return std::nullopt;
    for (auto& [name, value] : result_.values) {
      if (!normalise(name, value)) return std::nullopt;
    }
    if (!injected_agree() || !call_injected_agree()) return std::nullopt;
    fill_fixed();
    if (!partial && !required_given()) return std::nullopt;
    return std::move(result_);
  }

 private:
  bool fail(std::string message) {
    why_ = std::move(message);
    return false;
  }

  void bind_receiver() {
    const std::string receiver = receiver_of(op_, source_);
    if (receiver.empty()) return;
    result_.values[receiver] = value_of(call_.receiver);
    result_.values[receiver].positional = true;
  }

  bool packed_member(const std::string& name) const {
    for (const auto& [parameter, members] : source_.packed) {
      if (contains(members, name)) return true;
    }
    return false;
  }

  // The order positional arguments fill parameters in, and the framework keyword of each.
  void order_parameters() {
    for (const auto& name : source_.positional) {
      // An ignored parameter in the list holds its place in a constructor or function call.
      if (find_parameter(parameters_, name) ||
          (phase_ == Phase::construct && contains(source_.ignored, name))) {
        order_.push_back(name);
      }
    }
    for (const HubArgument* parameter : parameters_) {
      const std::string& name = parameter->name;
      if (contains(order_, name) || contains(source_.dropped, name) || source_.fixed.count(name) ||
          packed_member(name)) {
        continue;
      }
      order_.push_back(name);
    }
    // A value the API implies (`fixed`) under no name of its own is no keyword of it:
    // mlx.nn.LSTM(4, 8, num_layers=2) is not MLX's LSTM.
    for (const HubArgument* parameter : parameters_) {
      if (source_.fixed.count(parameter->name) && !source_.arguments.count(parameter->name)) {
        continue;
      }
      hub_name_of_[source_.framework_name(parameter->name)] = parameter->name;
    }
  }

  bool bind_positional(const CallArgument& argument) {
    const bool at_varargs = next_ < order_.size() && order_[next_] == source_.varargs;
    if (ignored_unpacked(argument)) return true;
    if (argument.kind == CallArgument::Kind::double_star ||
        (argument.kind == CallArgument::Kind::star && !at_varargs)) {
      return fail("unpacked arguments cannot be matched to the parameters of '" + source_.api +
                  "'");
    }
    if (next_ >= order_.size()) return bind_past_parameters(argument);
    if (argument.kind == CallArgument::Kind::positional &&
        contains(source_.ignored, order_[next_])) {
      result_.ignored.push_back(order_[next_++]);
      return true;
    }
    const std::string text =
        argument.kind == CallArgument::Kind::star ? "*" + argument.text : argument.text;
    HubValue& value = result_.values[order_[next_]];
    value.positional = true;
    if (at_varargs) {
      value.spread = true;
      value.items.push_back(text);
      variadic_elements_.push_back(argument.elements);
      variadic_mappings_.push_back(argument.ordered_mapping);
      return true;
    }
    value.text = text;
    value.elements = argument.elements;
    originals_[order_[next_]] = argument.original;
    ++next_;
    return true;
  }

  // `**params` whose every possible keyword is one the conversion ignores (`inplace` of
  // `nn.Dropout(p, **params)` with `params = {} if inplace is None else {"inplace": inplace}`).
  bool ignored_unpacked(const CallArgument& argument) {
    if (argument.kind != CallArgument::Kind::double_star || !argument.unpacked_keywords) {
      return false;
    }
    for (const auto& keyword : *argument.unpacked_keywords) {
      if (!contains(source_.ignored, keyword)) return false;
    }
    for (const auto& keyword : *argument.unpacked_keywords) result_.ignored.push_back(keyword);
    return true;
  }

  // A positional argument after every hub parameter is filled.
  bool bind_past_parameters(const CallArgument& argument) {
    if (argument.kind != CallArgument::Kind::positional) {
      return fail("more positional arguments than '" + source_.api + "' takes");
    }
    // A value the spelling always passes may come positionally after the hub's arguments:
    // F.adaptive_avg_pool2d(x, 1) is global_avg_pool2d.
    auto injected =
        std::find_if(source_.injected.begin(), source_.injected.end(), [&](const auto& entry) {
          return !is_plumbing(entry.second) && !positional_injected_.count(entry.first);
        });
    if (injected != source_.injected.end()) {
      if (!injected_value(injected->second, argument)) {
        return fail("'" + argument.text + "' is not what '" + source_.op + "' passes");
      }
      positional_injected_.insert(injected->first);
      return true;
    }
    // The spelling's own parameters after the hub's, in the order the ignore list gives them:
    // nn.ReLU(True) is inplace=True.
    if (positional_ignored_ < source_.ignored.size()) {
      result_.ignored.push_back(source_.ignored[positional_ignored_++]);
      return true;
    }
    return fail("more positional arguments than '" + source_.api + "' takes");
  }

  // One tuple-valued parameter holding several hub arguments (`pack`); a member the spelling
  // repeats per axis takes that many items (filter_shape=(3, 3, c, d) is kernel_size (3, 3),
  // then the channels). A value that is not a display is subscripted, or sliced.
  void bind_packed(const std::vector<std::string>& members, const CallArgument& argument) {
    std::vector<size_t> widths;
    size_t total = 0;
    for (const auto& member : members) {
      auto repeat = source_.repeated.find(member);
      widths.push_back(repeat == source_.repeated.end() ? 1 : static_cast<size_t>(repeat->second));
      total += widths.back();
    }
    const bool display = argument.elements && argument.elements->size() == total;
    for (size_t i = 0, at = 0; i < members.size(); at += widths[i], ++i) {
      HubValue& value = result_.values[members[i]];
      if (!display) {
        value.text = as_operand(argument.text) + "[" + std::to_string(at) +
                     (widths[i] == 1 ? "" : ":" + std::to_string(at + widths[i])) + "]";
      } else if (widths[i] == 1) {
        value.text = (*argument.elements)[at];
      } else {
        value.elements = std::vector<std::string>(argument.elements->begin() + at,
                                                  argument.elements->begin() + at + widths[i]);
        value.text = tuple_of(*value.elements);
      }
    }
  }

  bool bind_keyword(const CallArgument& argument) {
    if (auto packed = source_.packed.find(argument.keyword); packed != source_.packed.end()) {
      bind_packed(packed->second, argument);
      return true;
    }
    if (contains(source_.ignored, argument.keyword)) {
      result_.ignored.push_back(argument.keyword);
      return true;
    }
    if (!also_primary(source_, argument.keyword).empty()) {
      also_given_[argument.keyword] = argument.text;
      return true;
    }
    if (phase_ == Phase::call && source_.call_injected.count(argument.keyword)) {
      // Matched in the source's own text: its calls may be converted already.
      call_injected_given_[argument.keyword] =
          argument.original.empty() ? argument.text : argument.original;
      return true;
    }
    if (auto injected = source_.injected.find(argument.keyword);
        injected != source_.injected.end()) {
      // A value the API is always given (torch.div(..., rounding_mode='floor') is floor_divide)
      // must be that value; plumbing such as `rngs=rngs` may be anything.
      if (!is_plumbing(injected->second) && !injected_value(injected->second, argument)) {
        return fail("'" + argument.keyword + "=" + argument.text + "' is not what '" + source_.op +
                    "' passes");
      }
      return true;
    }
    auto hub_name = hub_name_of_.find(argument.keyword);
    if (hub_name == hub_name_of_.end()) {
      return fail("'" + source_.api + "' has no parameter '" + argument.keyword +
                  "' in the knowledge base");
    }
    if (result_.values.count(hub_name->second)) {
      return fail("argument '" + argument.keyword + "' is given twice");
    }
    HubValue& value = result_.values[hub_name->second];
    value.text = argument.text;
    value.elements = argument.elements;
    originals_[hub_name->second] = argument.original;
    return true;
  }

  void settle_varargs() {
    if (source_.varargs.empty()) return;
    if (auto variadic = result_.values.find(source_.varargs); variadic != result_.values.end()) {
      settle_variadic(variadic->second, find_parameter(parameters_, source_.varargs),
                      variadic_elements_, variadic_mappings_, source_.varargs_mapping);
    }
  }

  // The spelling's own defaults for what the call leaves out. A `None` there standing for a hub
  // argument whose default is a value is no value of the op (jnp.clip(x, max=m) read as
  // hard_tanh_range would give min_val=None): the reading stands but fits less well.
  void fill_defaults() {
    for (const auto& [name, value] : source_.defaults) {
      if (result_.values.count(name) || !find_parameter(parameters_, name)) continue;
      result_.values[name] = value_of(value, true);
      const HubArgument* argument = op_.argument(name);
      if (value == "None" && argument != nullptr && argument->default_value &&
          *argument->default_value != "None") {
        ++result_.absent_flags;
      }
    }
  }

  // Parameters that take the hub argument's value too (`use_bias` next to `use_scale` for
  // PyTorch's `affine`) must agree with it, each at its default where it is left out:
  // nnx.BatchNorm(use_scale=False) alone keeps the bias, which `affine` cannot say.
  bool also_agrees() {
    for (const auto& [name, extras] : source_.also) {
      if (!find_parameter(parameters_, name)) continue;
      auto given = result_.values.find(name);
      const auto hub_default = op_.argument(name)->default_value;
      const std::string primary = given != result_.values.end() ? given->second.text
                                  : hub_default                 ? *hub_default
                                                                : std::string();
      for (const auto& extra : extras) {
        auto found = also_given_.find(extra);
        const std::string value = found != also_given_.end() ? found->second
                                  : hub_default              ? *hub_default
                                                             : std::string();
        if (!same_value(value, primary)) {
          return fail("'" + extra + "=" + value + "' differs from '" +
                      source_.framework_name(name) + "=" + primary + "', and the hub's '" + name +
                      "' sets both");
        }
      }
    }
    return true;
  }

  // The framework's value of one parameter as the hub's.
  bool normalise(const std::string& name, HubValue& value) {
    if (auto repeat = source_.repeated.find(name);
        repeat != source_.repeated.end() && value.elements &&
        value.elements->size() == static_cast<size_t>(repeat->second)) {
      // kernel_size=(3, 3) where this API wants one entry per axis is the hub's 3.
      const auto& items = *value.elements;
      if (std::all_of(items.begin(), items.end(),
                      [&](const std::string& item) { return same_value(item, items.front()); })) {
        value.text = items.front();
        value.elements.reset();
      }
    }
    if (auto remap = source_.values.find(name); remap != source_.values.end() && !value.spread) {
      std::vector<std::pair<std::string, std::string>> to_hub;
      for (const auto& [hub_value, framework_value] : remap->second) {
        to_hub.emplace_back(framework_value, hub_value);
      }
      auto matched = std::find_if(to_hub.begin(), to_hub.end(),
                                  [&](const auto& pair) { return same_value(pair.first, value.text); });
      if (matched != to_hub.end()) {
        value.text = matched->second;
      } else if (auto lookup = looked_up(value.text, to_hub)) {
        value.text = *lookup;  // nn.GELU(approximate=a): the hub's bool from PyTorch's string
      }
    }
    if (auto transform = source_.transforms.find(name);
        transform != source_.transforms.end() && !value.spread && !value.implicit) {
      if (transform->second.read.empty()) return read_form(name, transform->second.write, value);
      const auto item = subscripted_item(transform->second.read, value);
      value.text = item ? *item : apply_transform(transform->second.read, value.text);
      if (item) value.elements.reset();
    }
    const HubArgument* parameter = op_.argument(name);
    if (!parameter || parameter->kind != "dtype" || value.spread) return true;
    auto original = originals_.find(name);
    const std::string dtype = spelling_.read_dtype(
        original != originals_.end() && !original->second.empty() ? original->second : value.text);
    if (dtype.empty()) return fail("'" + value.text + "' is not a dtype");
    value.text = dtype;
    return true;
  }

  // A value written into a form (Flax's embedding_init that zeroes the padding row): the text
  // must spell the form, and the value is what stands in its place.
  // The form is matched in the source's own text (the value's calls may be converted already).
  bool read_form(const std::string& name, const std::string& form, HubValue& value) {
    auto original = originals_.find(name);
    const std::string& text =
        original != originals_.end() && !original->second.empty() ? original->second : value.text;
    // Other arguments the form names stand for their values in this call.
    const auto filled =
        fill_form_arguments(form, [&](const std::string& other) -> std::optional<std::string> {
          auto given = result_.values.find(other);
          if (given != result_.values.end()) return given->second.text;
          const HubArgument* argument = op_.argument(other);
          return argument ? argument->default_value : std::nullopt;
        });
    auto held = filled ? form_value(*filled, text, spelling_.qualify) : std::nullopt;
    if (!held) {
      return fail("'" + source_.framework_name(name) + "=" + text + "' is not the form in which '" +
                  source_.api + "' holds '" + name + "'");
    }
    value.text = *held;
    value.elements.reset();
    return true;
  }

  // The values the spelling always passes, where the call leaves them out.
  bool injected_agree() {
    // A layer's injected parameters belong to its constructor, not to calling it.
    const bool constructed = source_.kind == "layer" || source_.kind == "class";
    for (const auto& [parameter, expression] : source_.injected) {
      if (is_plumbing(expression) || expression.find('{') != std::string::npos ||
          (phase_ == Phase::call && constructed)) {
        continue;
      }
      const bool given =
          positional_injected_.count(parameter) ||
          std::any_of(call_.arguments.begin(), call_.arguments.end(),
                      [&](const CallArgument& argument) { return argument.keyword == parameter; });
      if (given) continue;
      // A flag left out may be at the API's default (nnx.MultiHeadAttention's decode=False),
      // which the knowledge base does not record: the reading stands, but fits less well than
      // one that needs nothing left out (jnp.max(x, axis=(1, 2)) is a max, not a global pool).
      if (expression == "True" || expression == "False" || expression == "None") {
        ++result_.absent_flags;
        continue;
      }
      return fail("'" + source_.api + "' without '" + parameter + "=" + expression + "' is not '" +
                  source_.op + "'");
    }
    return true;
  }

  // What a layer's call always passes (`call-inject`) must spell that form, with this call's
  // values where it names the inputs: anything else (a real mask where the form is none) is
  // not the hub's call.
  bool call_injected_agree() {
    for (const auto& [parameter, text] : call_injected_given_) {
      const auto filled = fill_form_arguments(
          source_.call_injected.at(parameter),
          [&](const std::string& name) -> std::optional<std::string> {
            auto original = originals_.find(name);
            if (original != originals_.end() && !original->second.empty()) return original->second;
            auto given = result_.values.find(name);
            if (given != result_.values.end()) return given->second.text;
            return std::nullopt;
          });
      if (!filled || !spells_callee(*filled, text, spelling_.qualify)) {
        return fail("'" + parameter + "=" + text + "' is not what '" + source_.api +
                    "' is called with for '" + source_.op + "'");
      }
    }
    return true;
  }

  void fill_fixed() {
    for (const auto& [name, value] : source_.fixed) {
      if (!result_.values.count(name) && find_parameter(parameters_, name)) {
        result_.values[name] = value_of(value);
      }
    }
  }

  bool required_given() {
    for (const HubArgument* parameter : parameters_) {
      if (parameter->required() && !result_.values.count(parameter->name) &&
          !contains(source_.dropped, parameter->name)) {
        return fail("'" + source_.api + "' is called without '" +
                    source_.framework_name(parameter->name) + "'");
      }
    }
    return true;
  }

  const HubOp& op_;
  const OpMapping& source_;
  Phase phase_;
  const FrameworkCall& call_;
  const Spelling& spelling_;
  std::string& why_;
  const std::vector<const HubArgument*> parameters_;
  HubCall result_;
  std::vector<std::string> order_;
  std::map<std::string, std::string> hub_name_of_;  // framework keyword -> hub argument
  std::vector<std::optional<std::vector<std::string>>> variadic_elements_;
  std::vector<bool> variadic_mappings_;
  std::map<std::string, std::string> originals_;   // hub argument -> source text
  std::map<std::string, std::string> also_given_;  // `also` parameter -> its text
  std::map<std::string, std::string> call_injected_given_;  // `call-inject` parameter -> text
  std::set<std::string> positional_injected_;      // injected parameters given positionally
  size_t positional_ignored_ = 0;                  // ignored parameters given positionally
  size_t next_ = 0;
};

}  // namespace

std::optional<HubCall> read_call(const HubOp& op, const OpMapping& source, Phase phase,
                                 const FrameworkCall& call, const Spelling& spelling,
                                 std::string& why, bool partial) {
  return CallReader(op, source, phase, call, spelling, why).read(partial);
}

}  // namespace switcheroo::convert
