// Framework names used without a call: classes in annotations, functions passed as values,
// module references, array properties (see converter.h).
#include "converter.h"

#include "call_mapping.h"
#include "self_attributes.h"
#include "rewrite/edits.h"

#include <algorithm>
#include <map>
#include <set>

namespace switcheroo::convert::engine_detail {

// A framework function used as a value, optionally with bound arguments: in PyTorch an
// activation in nn.Sequential is a layer object (nn.ReLU()), in Flax the function itself
// (jax.nn.relu) or a functools.partial of it.
std::optional<std::string> Converter::function_value_of(const std::string& qualified,
                                                        const FrameworkCall& arguments,
                                                        NodeId where, std::string& why,
                                                        bool as_value) {
  const auto* entries = index_.api(qualified);
  if (entries == nullptr) return std::nullopt;
  const Spelling spelling = hub_spelling();
  // Of several classes sharing the API (nnx.BatchNorm is batch_norm1d, 2d and 3d), the one
  // whose arguments fit best, as for a call: with nothing to tell, images.
  const SourceEntry* best = nullptr;
  const OpMapping* best_target = nullptr;
  std::optional<HubCall> best_call;
  int best_score = 0;
  for (const SourceEntry& entry : *entries) {
    const std::string& kind = entry.mapping->kind;
    if (kind != "layer" && kind != "class") continue;
    const OpMapping* target = target_mapping(*target_.data, entry.op->name, kind);
    if (!target || target->kind != kind || target->api.empty()) continue;
    auto hub_call =
        read_call(*entry.op, *entry.mapping, Phase::construct, arguments, spelling, why, true);
    if (!hub_call) continue;
    const int score = candidate_fit(*entry.op, *hub_call);
    if (best == nullptr || score > best_score) {
      best = &entry;
      best_target = target;
      best_call = std::move(hub_call);
      best_score = score;
    }
  }
  if (best != nullptr) {
    // The class itself, as in an annotation or isinstance: `-> nn.Conv2d` becomes
    // `-> nnx.Conv`. A class given as a value to be called later (`norm_layer =
    // nn.BatchNorm2d`) needs what the target's constructor is always given too: a partial
    // with its differing defaults and rngs (`partial(nnx.BatchNorm, momentum=0.9, rngs=rngs)`).
    if (arguments.arguments.empty() && !as_value) return spelling_.api(best_target->api);
    // A class with bound arguments: partial(nn.LayerNorm, eps=1e-6).
    auto text = write_call(*best_call, *best_target, Phase::construct, spelling, kept_callee_, why);
    if (!text) return std::nullopt;
    return function_value(with_keys_in_scope(text->text, where), spelling);
  }
  return function_as_value(*entries, arguments, why);
}

// A function as a value (`partial(nnx.max_pool, window_shape=(2, 2))`): of the ops that share
// the API, the one whose arguments fit best, as choose_entry picks for a call, so a 2-D window
// reads as 2-D pooling; written as the target's layer where it has one (nn.MaxPool2d in
// nn.Sequential must be a Module), else as the function or a partial of it.
Converter::Choice Converter::function_value_entry(const std::vector<SourceEntry>& entries,
                                                  const FrameworkCall& arguments,
                                                  std::string& why) {
  const Spelling spelling = hub_spelling();
  Choice best;
  int best_score = 0;
  for (const SourceEntry& entry : entries) {
    if (entry.mapping->kind != "function" || entry.op->kind == "layer") continue;
    OpMapping layer_form = *entry.mapping;
    layer_form.kind = "layer";
    auto hub_call = read_call(*entry.op, layer_form, Phase::construct, arguments, spelling, why);
    if (!hub_call) continue;
    const int score = candidate_fit(*entry.op, *hub_call);
    if (best.entry == nullptr || score > best_score) {
      best.entry = &entry;
      best.call = std::move(hub_call);
      best_score = score;
    }
  }
  return best;
}

std::optional<std::string> Converter::function_as_value(const std::vector<SourceEntry>& entries,
                                                        const FrameworkCall& arguments,
                                                        std::string& why) {
  const Spelling spelling = hub_spelling();
  auto [best, best_call] = function_value_entry(entries, arguments, why);
  if (best == nullptr) return std::nullopt;
  const OpMapping* target = target_mapping(*target_.data, best->op->name, "layer");
  if (target == nullptr || (target->kind != "layer" && target->kind != "function") ||
      !target->hook.empty()) {
    why = "no function or layer for it in '" + target_.name + "'";
    return std::nullopt;
  }
  if (!adapt_for_hook(*best->op, *best->mapping, *target, *best_call, why)) return std::nullopt;
  auto text = write_call(*best_call, *target, Phase::construct, spelling, {}, why);
  if (!text) return std::nullopt;
  return target->kind == "layer" ? text->text : function_value(text->text, spelling);
}

// `lambda input: f(input, (6, 6))` where `f` was read from an expression form
// (expression_reading.h): the function a template wrote for a layer whose target has none
// (write_expression). Where this target has the layer, the lambda becomes it again,
// `nn.AdaptiveAvgPool2d((6, 6))`, which a container of layers takes. The lambda's parameters
// must be the op's tensor inputs, passed in order.
bool Converter::convert_layer_lambda(const Call& call, const SourceEntry& entry,
                                     const HubCall& read) {
  const NodeId lambda = tree_.node(call.primary).parent;
  if (lambda == python::kNoNode || tree_.kind_name(lambda) != "lambdef") return false;
  const auto children = tree_.children(lambda);
  if (children.size() != 4 || children[3] != call.primary ||
      tree_.children(call.primary).back() != call.trailer) {
    return false;
  }
  const OpMapping* layer = target_mapping(*target_.data, entry.op->name, "layer");
  if (layer == nullptr || layer->kind != "layer" || !layer->gap.empty() || layer->api.empty()) {
    return false;
  }
  HubCall constructed = read;
  std::vector<std::string> inputs;
  for (const HubArgument& input : entry.op->arguments) {
    if (input.kind.rfind("tensor", 0) != 0 || !input.required()) continue;
    auto value = constructed.values.find(input.name);
    if (value == constructed.values.end()) return false;
    inputs.push_back(value->second.text);
    constructed.values.erase(value);
  }
  std::string parameters;
  for (const std::string& input : inputs) parameters += (parameters.empty() ? "" : ",") + input;
  std::string listed = rewrite::token_text(tree_, children[1]);
  listed.erase(std::remove(listed.begin(), listed.end(), ' '), listed.end());
  if (inputs.empty() || listed != parameters) return false;
  std::string why;
  auto text = write_call(constructed, *layer, Phase::construct, hub_spelling(), {}, why);
  if (!text) return false;
  const python::Node& node = tree_.node(lambda);
  if (!edits_.replace(node.begin, node.end, text->text)) return false;
  ++result_.converted;
  return true;
}

// A layer class given as a value whose target is a function (`activation_layer=nn.ReLU6`,
// called later as `activation_layer(inplace=True)`): a function of the constructor's
// parameters giving the layer's function, `lambda inplace=None: jax.nn.relu6`. Parameters that
// matter take the source's defaults and pass on what they are given, through the spokes'
// value tables as a variable does: nn.GELU is `lambda approximate='none':
// functools.partial(jax.nn.gelu, approximate={'none': False, 'tanh': True}.get(approximate,
// approximate))`. Only where every such parameter has a default.
std::optional<std::string> Converter::layer_factory_of(const std::string& qualified,
                                                       std::string& why) {
  const auto* entries = index_.api(qualified);
  if (entries == nullptr) return std::nullopt;
  const Spelling spelling = hub_spelling();
  for (const SourceEntry& entry : *entries) {
    if (entry.mapping->kind != "layer") continue;
    const OpMapping* target = target_mapping(*target_.data, entry.op->name, "layer");
    if (target == nullptr || target->kind != "function" || !target->hook.empty()) continue;
    std::string parameters;
    FrameworkCall passed;
    if (!factory_parameters(entry, parameters, passed)) continue;
    auto hub_call = read_call(*entry.op, *entry.mapping, Phase::construct, passed, spelling, why);
    if (!hub_call) continue;
    auto text = write_call(*hub_call, *target, Phase::construct, spelling, {}, why);
    if (!text) continue;
    for (const std::string& name : entry.mapping->ignored) {
      parameters += (parameters.empty() ? " " : ", ") + name + "=None";
    }
    return "lambda" + parameters + ": " + function_value(text->text, spelling);
  }
  return std::nullopt;
}

// The constructor parameters of a layer class given as a value (layer_factory_of), each with
// the source's default, and the call passing each by its name; false where one has no default.
bool Converter::factory_parameters(const SourceEntry& entry, std::string& parameters,
                                   FrameworkCall& passed) const {
  for (const HubArgument* argument :
       call_parameters(*entry.op, *entry.mapping, Phase::construct)) {
    if (!argument->default_value || argument->variadic) return false;
    auto renamed = entry.mapping->arguments.find(argument->name);
    const std::string name =
        renamed == entry.mapping->arguments.end() ? argument->name : renamed->second;
    std::string fallback = *argument->default_value;
    if (auto table = entry.mapping->values.find(argument->name);
        table != entry.mapping->values.end()) {
      if (auto value = table->second.find(fallback); value != table->second.end()) {
        fallback = value->second;
      }
    }
    parameters += (parameters.empty() ? " " : ", ") + name + "=" + fallback;
    CallArgument argument_by_name;
    argument_by_name.kind = CallArgument::Kind::keyword;
    argument_by_name.keyword = name;
    argument_by_name.text = name;
    argument_by_name.original = name;
    passed.arguments.push_back(argument_by_name);
  }
  return true;
}

// Does the API name a layer class of the source (not a function, which has its own value)?
bool Converter::names_layer_class(const std::string& qualified) const {
  const auto* entries = index_.api(qualified);
  if (entries == nullptr) return false;
  return std::any_of(entries->begin(), entries->end(),
                     [](const SourceEntry& entry) { return entry.mapping->kind == "layer"; }) &&
         std::none_of(entries->begin(), entries->end(),
                      [](const SourceEntry& entry) { return entry.mapping->kind == "function"; });
}

// Is the expression the whole value after an `=`: an assignment, a keyword argument, a
// parameter default?
bool Converter::is_assigned_value(const python::Node& node) const {
  const std::string& bytes = tree_.source().bytes();
  size_t before = node.begin;
  while (before > 0 && bytes[before - 1] == ' ') --before;
  if (before < 2 || bytes[before - 1] != '=' ||
      std::string("=!<>+-*/%&|^@:").find(bytes[before - 2]) != std::string::npos) {
    return false;
  }
  size_t after = node.end;
  while (after < bytes.size() && bytes[after] == ' ') ++after;
  return after == bytes.size() || std::string(",)\n\r#;").find(bytes[after]) != std::string::npos;
}

// Is the expression a whole positional argument of a call of the file's own code
// (`super().__init__(..., torch.nn.Conv2d)`, `make(nn.ReLU)`): a value to be called later? Not
// of isinstance/issubclass/type, nor of a framework call, whose conversion reads it itself.
bool Converter::is_argument_value(NodeId reference) const {
  // The syntax tree keeps no single-child nodes: a positional argument is a child of the
  // `arguments`, or of the trailer when it is the only one (a keyword or unpacked one is an
  // `argument`'s).
  NodeId trailer = tree_.node(reference).parent;
  if (trailer != python::kNoNode && tree_.kind_name(trailer) == "arguments") {
    trailer = tree_.node(trailer).parent;
  }
  if (trailer == python::kNoNode || tree_.kind_name(trailer) != "trailer" ||
      tree_.kind_name(tree_.children(trailer).front()) != "LPAR") {
    return false;
  }
  const NodeId primary = tree_.node(trailer).parent;
  std::string callee;
  for (NodeId part : tree_.children(primary)) {
    if (part == trailer) break;
    callee += rewrite::token_text(tree_, part);
  }
  if (callee == "isinstance" || callee == "issubclass" || callee == "type") return false;
  return !resolver_.qualify(callee) || !index_.owns(*resolver_.qualify(callee));
}

// A branch of a conditional expression stands where the whole expression does
// (`act = nn.Hardswish if hs else nn.ReLU` assigns either class as a value): the outermost
// conditional the reference is a branch of, or the reference itself.
NodeId Converter::value_position(NodeId reference) const {
  NodeId at = reference;
  for (NodeId parent = tree_.node(at).parent;
       parent != python::kNoNode && tree_.kind_name(parent) == "expression";
       parent = tree_.node(at).parent) {
    const auto parts = tree_.children(parent);
    if (parts.size() != 5 || (parts[0] != at && parts[4] != at)) break;
    at = parent;
  }
  return at;
}

void Converter::convert_function_values() {
  for (const auto& reference : dotted_references(tree_)) {
    auto qualified = resolver_.qualify(reference.text);
    if (!qualified || translate_reference(source_.data->traits, target_.data->traits, *qualified)) {
      continue;
    }
    std::string why;
    const auto& node = tree_.node(reference.node);
    const NodeId position = value_position(reference.node);
    const bool as_value = is_assigned_value(tree_.node(position)) || is_argument_value(position);
    auto text = function_value_of(*qualified, {}, reference.node, why, as_value);
    if (!text && as_value) {
      text = layer_factory_of(*qualified, why);
      // A lambda as a conditional's branch would take the rest of the conditional as its body.
      if (text && position != reference.node) text = "(" + *text + ")";
    }
    if (!text && as_value && names_layer_class(*qualified)) {
      // `activation_layer=nn.ReLU6`, to be called later: it would stay the source's class.
      unconverted_at(node.begin, reference.node, *qualified,
                     why.empty() ? "given as a value it stands for a class, and '" + target_.name +
                                       "' has no class for it"
                                 : why);
    }
    if (!text) continue;
    if (edits_.replace(node.begin, node.end, *text)) ++result_.converted;
  }
}

void Converter::convert_references() {
  for (const auto& reference : dotted_references(tree_)) {
    const auto& node = tree_.node(reference.node);
    if (edits_.covered(node.begin, node.end)) continue;
    auto qualified = resolver_.qualify(reference.text);
    if (!qualified) continue;
    auto translated =
        translate_reference(source_.data->traits, target_.data->traits, *qualified);
    const AdapterTraits& from = source_.data->traits;
    const AdapterTraits& to = target_.data->traits;
    if (!translated && !from.module_base_class.empty() && !to.module_base_class.empty() &&
        *qualified == from.module_base_class) {
      translated = to.module_base_class;  // `Callable[..., nn.Module]`
    }
    if (!translated) continue;
    edits_.replace(node.begin, node.end, spelling_.api(*translated));
  }
}

// `isinstance(x, Tensor)` with the source's array type bound to a bare name (`from torch import
// Tensor`), alone or in a tuple: the target's array type (`jax.Array`), as a dotted reference
// gets it; a JAX array is no PyTorch Tensor, so the test would be false.
void Converter::convert_array_type_tests(const std::vector<Call>& calls) {
  const std::string& array = source_.data->traits.array_type;
  if (array.empty() || target_.data->traits.array_type.empty()) return;
  for (const Call& call : calls) {
    const auto& items = call.arguments.items;
    if (!call.method.empty() || items.size() != 2 ||
        items[1].kind != rewrite::Argument::Kind::positional ||
        rewrite::token_text(tree_, call.primary).rfind("isinstance(", 0) != 0) {
      continue;
    }
    std::vector<NodeId> classes = {items[1].value};
    if (tree_.kind_name(items[1].value) == "parenthesized") classes = inner_nodes(tree_, items[1].value);
    for (NodeId node : classes) {
      const std::string text = rewrite::token_text(tree_, node);
      if (!is_identifier(text) || resolver_.qualify(text) != array) continue;
      if (edits_.replace(tree_.node(node).begin, tree_.node(node).end,
                         spelling_.api(target_.data->traits.array_type))) {
        ++result_.converted;
      }
    }
  }
}

// An array property the target spells otherwise: NumPy's and JAX's `x.size` is PyTorch's
// `x.numel()`. Properties are read by name, as methods are; `self.size` is the module's own.
void Converter::convert_array_properties() {
  std::map<std::string, std::string> written;  // source property -> `.name` or `.name()`
  auto consider = [&](const OpMapping& mapping) {
    if (mapping.kind != "property" || mapping.api.empty() || !mapping.hook.empty()) return;
    const std::string name = mapping.api.substr(mapping.api.rfind('.') + 1);
    std::string text;
    auto primary = target_.data->ops.find(mapping.op);
    if (primary != target_.data->ops.end() && primary->second.kind == "property") {
      text = "." + primary->second.api.substr(primary->second.api.rfind('.') + 1);
    } else {
      for (const auto& [key, alternative] : target_.data->alternatives) {
        if (alternative.op == mapping.op && alternative.kind == "method") {
          text = "." + alternative.api.substr(alternative.api.rfind('.') + 1) + "()";
        }
      }
    }
    if (!text.empty() && text != "." + name) written.emplace(name, text);
  };
  for (const auto& [key, mapping] : source_.data->ops) consider(mapping);
  for (const auto& [key, mapping] : source_.data->alternatives) consider(mapping);
  if (written.empty()) return;
  const uint16_t trailer = python::SyntaxTree::kind_of("trailer");
  for (python::NodeId id = 0; id < tree_.size(); ++id) {
    const python::Node& node = tree_.node(id);
    if (node.kind != trailer || node.parent == python::kNoNode) continue;
    const std::string_view text = tree_.text(id);
    if (text.size() < 2 || text[0] != '.') continue;
    auto found = written.find(std::string(text.substr(1)));
    if (found == written.end()) continue;
    // Not called (`x.size()` is a method), not the first trailer of `self`, not a module's.
    if (node.next_sibling != python::kNoNode && tree_.text(node.next_sibling).substr(0, 1) == "(") {
      continue;
    }
    const python::Node& primary = tree_.node(node.parent);
    const std::string receiver = edits_.text(primary.begin, node.begin);
    if (receiver.empty() || receiver == "self" || resolver_.qualify(receiver)) continue;
    if (edits_.covered(node.begin, node.end)) continue;
    if (edits_.replace(node.begin, node.end, found->second)) ++result_.converted;
  }
}

}  // namespace switcheroo::convert::engine_detail
