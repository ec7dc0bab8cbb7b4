// A function call whose target has its op as a layer only, where the target's spoke says that
// layer computes what the function does (`hoist = true`: MLX's nn.MaxPool2d for F.max_pool2d):
// the layer is built at the end of the constructor of the module class around the call, from
// the call's constant arguments, under a name the file does not use yet, and called in its
// place, the way the target's users write it:
//
//   def __init__(self, c):                  def __init__(self, c):
//       self.conv = nn.Conv2d(c, c, 3)          self.conv = nn.Conv2d(c, c, 3)
//                                               self.max_pool2d = nn.MaxPool2d(2, stride=1)
//   def forward(self, x):                   def __call__(self, x):
//       return F.max_pool2d(x, 2, stride=1)     return self.max_pool2d(x)
//
// Where the target makes children from templates, the layer is a child made in setup()
// (`self.create_child('max_pool2d', pax_fiddle.Config(pl.Pooling, ...))`). An argument that is
// not a literal (`F.max_pool2d(x, k)`), a call outside a method of a module class with a
// constructor, or in the constructor itself, is reported as before. Read back, the layer stays
// a layer (a PyTorch user writes nn.MaxPool2d as often as F.max_pool2d; it holds no state, so
// the state_dict and the outputs are the source's).
#include "converter.h"

#include "call_helpers.h"
#include "layer_idioms.h"
#include "self_attributes.h"

#include "rewrite/edits.h"
#include "rewrite/tree_query.h"

#include <algorithm>
#include <cstdlib>

namespace switcheroo::convert::engine_detail {

namespace {

// A literal whose value the text itself gives: a number, a string, True, False or None, or a
// tuple or list display of them.
bool constant_text(const std::string& text) {
  switch (call_detail::literal_kind(text)) {
    case call_detail::LiteralKind::string:
    case call_detail::LiteralKind::constant:
      return true;
    case call_detail::LiteralKind::number: {
      char* end = nullptr;
      std::strtod(text.c_str(), &end);
      return end != nullptr && *end == '\0';
    }
    case call_detail::LiteralKind::tuple: {
      for (const std::string& element : split_arguments(text.substr(1, text.size() - 2))) {
        if (!constant_text(element)) return false;
      }
      return true;
    }
    case call_detail::LiteralKind::other:
      break;
  }
  return false;
}

}  // namespace

// The constructor of the module class whose method (not the constructor) holds `node`, that
// method reading its instance as `self`; nullptr for a call anywhere else.
const rewrite::FunctionDef* Converter::constructor_beside(NodeId node) const {
  const auto constructors = modules_.constructors();
  for (const rewrite::ClassDef& module : modules_.module_classes()) {
    auto constructor = constructors.find(module.name);
    if (constructor == constructors.end() || !rewrite::is_within(tree_, node, module.body) ||
        rewrite::is_within(tree_, node, constructor->second.body)) {
      continue;
    }
    const auto method = std::find_if(
        function_defs_.begin(), function_defs_.end(), [&](const rewrite::FunctionDef& function) {
          return tree_.node(function.statement).parent == module.body &&
                 rewrite::is_within(tree_, node, function.body);
        });
    if (method == function_defs_.end() || method->parameters.items.empty() ||
        method->parameters.items.front().name != "self" || !method->decorators.empty()) {
      return nullptr;
    }
    for (const rewrite::FunctionDef& function : function_defs_) {
      if (function.node == constructor->second.node) return &function;
    }
  }
  return nullptr;
}

// A name for the layer built for a call of `op`: the op's own, numbered from 2 where the file
// uses it (as an attribute, a child's name or a method) or another built layer does.
std::string Converter::hoisted_name(const std::string& op) {
  const std::string& source = tree_.source().bytes();
  for (int number = 1;; ++number) {
    const std::string name = number == 1 ? op : op + "_" + std::to_string(number);
    const bool used = source.find("self." + name) != std::string::npos ||
                      source.find("'" + name + "'") != std::string::npos ||
                      source.find("def " + name + "(") != std::string::npos;
    if (!used && hoisted_names_.insert(name).second) {
      return name;
    }
  }
}

// The call of `target`, a layer the target's spoke hoists, written as a call of that layer built
// at the end of the constructor beside the call; nullopt (with `why`) where it cannot be.
std::optional<std::string> Converter::hoisted_layer(const Call& call, const HubOp& op,
                                                    const OpMapping& source,
                                                    const HubCall& hub_call,
                                                    const OpMapping& target, std::string& why) {
  const std::string& constructor_name = target_.data->traits.constructor;
  const rewrite::FunctionDef* constructor = constructor_beside(call.primary);
  if (constructor == nullptr) {
    why += " (only a call in a method (self, ...) of a module class with a constructor is "
           "built there)";
    return std::nullopt;
  }
  // The tensors go to the layer's call, the rest to its construction.
  HubCall built{hub_call.op, {}, {}, 0};
  HubCall called{hub_call.op, {}, {}, 0};
  for (const auto& [name, value] : hub_call.values) {
    const HubArgument* argument = op.argument(name);
    const bool tensor = argument != nullptr && call_detail::is_tensor_kind(*argument);
    (tensor ? called : built).values.emplace(name, value);
    if (tensor || value.implicit) continue;
    if (value.spread || !constant_text(value.text)) {
      why += "; it is built there from literal arguments only, and " + name + "=" + value.text +
             " is not one";
      return std::nullopt;
    }
  }
  const auto body = inner_nodes(tree_, constructor->body);
  if (body.empty()) return std::nullopt;
  const Spelling spelling = hub_spelling();
  auto construction = write_call(built, target, Phase::construct, spelling, {}, why);
  if (!construction) return std::nullopt;
  const std::string name = hoisted_name(op.name);
  const auto statement = fields_.child_statement(name, construction->text, spelling_);
  auto layer_call = write_call(called, target, Phase::call, spelling, "self." + name, why);
  if (!statement || !layer_call) return std::nullopt;
  const uint32_t at = text_end(tree_, body.back());
  const std::string indentation = rewrite::indentation_of(tree_, body.back());
  // One insertion at that point, holding every layer built there so far in the order of
  // their calls.
  auto& built_there = hoisted_at_[at];
  built_there[call.callee_begin] = "\n" + indentation + *statement;
  std::string text;
  for (const auto& [offset, line] : built_there) text += line;
  if (!edits_.replace(at, at, text)) return std::nullopt;
  note(call.callee_begin, "'" + target.api + "' is built in " + constructor_name + " as 'self." +
                              name + "' and called here");
  return layer_call->text + kept_result_selector(source, target);
}

}  // namespace switcheroo::convert::engine_detail
