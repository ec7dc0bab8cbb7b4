// ModuleFields, writing children: a layer assigned to `self.<name>` in the constructor as a
// child template (`self.create_child('fc', pax_fiddle.Config(pl.Linear, ...))`), the layers built
// in its arguments templates too; reading, a child template as that assignment again.
#include "module_fields.h"

#include "layer_idioms.h"
#include "self_attributes.h"

#include "python/parse.h"
#include "rewrite/edits.h"

namespace switcheroo::convert {

using python::NodeId;
using rewrite::Argument;
using rewrite::Call;

std::optional<std::string> ModuleFields::as_template(const std::string& layer_text,
                                                     TargetSpelling& spelling) const {
  std::optional<python::SyntaxTree> parsed;
  try {
    parsed.emplace(python::parse(layer_text, python::ParseGoal::expression));
  } catch (...) {
    return std::nullopt;  // written by the engine, so always Python; kept as it is otherwise
  }
  const python::SyntaxTree& fragment = *parsed;
  for (const Call& call : rewrite::find_calls(fragment)) {
    const auto& close = fragment.node(call.arguments.close);
    if (call.callee_begin != 0 || close.end != layer_text.size() || call.dotted_callee.empty()) {
      continue;
    }
    const auto& open = fragment.node(call.arguments.open);
    std::string arguments = layer_text.substr(open.end, close.begin - open.end);
    const size_t first = arguments.find_first_not_of(" \n");
    arguments = first == std::string::npos ? "" : ", " + arguments.substr(first);
    return spelling.api(target_.children.template_api) + "(" + call.dotted_callee + arguments +
           ")";
  }
  return std::nullopt;
}

std::string ModuleFields::child_registration(const std::string& name,
                                             const std::string& layer_template) const {
  return "self." + target_.children.method + "('" + name + "', " + layer_template + ")";
}

std::optional<std::string> ModuleFields::child_statement(const std::string& name,
                                                         const std::string& layer_text,
                                                         TargetSpelling& spelling) const {
  if (target_.children.method.empty()) return "self." + name + " = " + layer_text;
  const auto written = as_template(layer_text, spelling);
  if (!written) return std::nullopt;
  return child_registration(name, *written);
}

namespace {

// The items a layer written as `text` was given, in order: its positional arguments, and the
// elements of a list or tuple display given as one (pl.Sequential's `layers=[...]`).
std::vector<std::string> written_items(const std::string& text) {
  std::optional<python::SyntaxTree> parsed;
  try {
    parsed.emplace(python::parse(text, python::ParseGoal::expression));
  } catch (...) {
    return {};
  }
  const python::SyntaxTree& fragment = *parsed;
  auto node_text = [&](NodeId node) {
    const auto& span = fragment.node(node);
    return text.substr(span.begin, span.end - span.begin);
  };
  for (const Call& call : rewrite::find_calls(fragment)) {
    if (call.callee_begin != 0 || fragment.node(call.arguments.close).end != text.size()) continue;
    std::vector<std::string> items;
    for (const auto& argument : call.arguments.items) {
      if (auto elements = display_elements(fragment, argument.value, node_text)) {
        items.insert(items.end(), elements->begin(), elements->end());
      } else if (argument.kind == Argument::Kind::positional) {
        items.push_back(node_text(argument.value));
      }
    }
    return items;
  }
  return {};
}

}  // namespace

void ModuleFields::read_children(EditSet& edits, const LayerLists& lists) const {
  for (const auto& child : children_) {
    const Call& registration = *child.registration;
    const auto& value = tree_.node(child.template_call->primary);
    // A template whose layer did not convert stays as it is, reported.
    if (!edits.covered(value.begin, tree_.node(child.layer_class).begin)) continue;
    edits.replace(registration.callee_begin, value.begin, "self." + child.name + " = ");
    edits.replace(value.end, tree_.node(registration.trailer).end, "");
  }
  // `self.create_children('blocks', [...])` -> `self.blocks = <list of layers>([...])`.
  for (const auto& child : child_lists_) {
    const Call& registration = *child.registration;
    const auto& list = tree_.node(child.list);
    const bool wrapped = !lists.target_api.empty();
    edits.replace(registration.callee_begin, list.begin,
                  "self." + child.name + " = " + (wrapped ? lists.target_api + "(" : ""));
    edits.replace(list.end, tree_.node(registration.trailer).end, wrapped ? ")" : "");
  }
}

bool ModuleFields::write_child_list(EditSet& edits, const Call& call, NodeId assignment,
                                    const std::string& name, const Templated& templated,
                                    const std::function<bool(const Call&)>& is_layer,
                                    const LayerLists& lists) const {
  const std::string& method = target_.children.list_method;
  if (method.empty() || lists.source_api.empty() ||
      resolver_.qualify(call.dotted_callee) != lists.source_api ||
      call.arguments.items.size() != 1 ||
      tree_.kind_name(call.arguments.items[0].value) != "list_display" ||
      !edits.covered(call.callee_begin, call.callee_end)) {  // unconverted: reported
    return false;
  }
  // The call converted is the list of converted layers (the target writes it plainly); each
  // of its elements, paired with the source's in order, becomes a template.
  const auto& value = tree_.node(call.primary);
  const std::string converted = edits.text(value.begin, value.end);
  std::optional<python::SyntaxTree> parsed;
  try {
    parsed.emplace(python::parse(converted, python::ParseGoal::expression));
  } catch (...) {
    return false;
  }
  NodeId root = python::kNoNode;
  for (NodeId id = 0; id < parsed->size() && root == python::kNoNode; ++id) {
    if (parsed->kind_name(id) == "list_display") root = id;
  }
  if (root == python::kNoNode || parsed->node(root).begin != 0 ||
      parsed->node(root).end != converted.size()) {
    return false;
  }
  std::map<std::pair<uint32_t, uint32_t>, const Call*> by_span;
  for (const Call& other : calls_) {
    by_span[{tree_.node(other.primary).begin, tree_.node(other.primary).end}] = &other;
  }
  const auto elements = rewrite::list_elements(tree_, call.arguments.items[0].value);
  const auto written = rewrite::list_elements(*parsed, root);
  if (written.size() != elements.size()) return false;
  std::string text = converted;
  for (size_t i = elements.size(); i-- > 0;) {  // from the last, so that offsets hold
    const auto& source = tree_.node(elements[i]);
    auto layer = by_span.find({source.begin, source.end});
    const auto& at = parsed->node(written[i]);
    const std::string element = converted.substr(at.begin, at.end - at.begin);
    if (layer == by_span.end() || !is_layer(*layer->second) ||
        element == tree_.text(elements[i])) {
      return false;  // not a list of converted layers: it stays a list of them
    }
    const auto as_template = templated(*layer->second, element);
    if (!as_template) return false;
    text.replace(at.begin, at.end - at.begin, *as_template);
  }
  if (elements.empty()) return false;
  const auto& whole = tree_.node(assignment);
  edits.replace(whole.begin, whole.end, "self." + method + "('" + name + "', " + text + ")");
  return true;
}

void ModuleFields::rewrite_children(EditSet& edits, TargetSpelling& spelling,
                                    const std::function<bool(const Call&)>& is_layer,
                                    const LayerLists& lists) const {
  if (reads_) {
    read_children(edits, lists);
    return;
  }
  if (!writes_ || target_.children.method.empty()) return;
  std::map<NodeId, const Call*> by_primary;
  std::map<std::pair<uint32_t, uint32_t>, const Call*> by_span;  // an argument that is a call
  for (const Call& call : calls_) {
    by_primary[call.primary] = &call;
    const auto& span = tree_.node(call.primary);
    by_span[{span.begin, span.end}] = &call;
  }
  // A layer written as `text` as a template, the layers built in its arguments templates too
  // (pl.Sequential takes `layers=[pax_fiddle.Config(pl.Linear, ...), ...]`): the items it was
  // written with are its source call's arguments in order, each a layer where that one is.
  Templated templated = [&](const Call& call, std::string text) -> std::optional<std::string> {
    const auto items = written_items(text);
    const auto& arguments = call.arguments.items;
    size_t from = text.find('(');
    for (size_t i = 0; items.size() == arguments.size() && i < items.size(); ++i) {
      const auto& span = tree_.node(arguments[i].value);
      auto nested = by_span.find({span.begin, span.end});
      const size_t at = text.find(items[i], from);
      if (at == std::string::npos) break;
      from = at + items[i].size();
      // A layer left as written (reported) keeps its source text: no template of it.
      const bool converted = items[i] != tree_.text(arguments[i].value);
      if (nested == by_span.end() || !is_layer(*nested->second) || !converted) continue;
      if (auto inner = templated(*nested->second, items[i])) {
        text.replace(at, items[i].size(), *inner);
        from = at + inner->size();
      }
    }
    return as_template(text, spelling);
  };
  for (const auto& module : classes_) {
    if (!module.constructor) continue;
    for (NodeId statement : inner_nodes(tree_, module.constructor->body)) {
      const auto assignment = self_assignment(tree_, statement);
      if (!assignment) continue;
      auto call = by_primary.find(assignment->value);
      if (call == by_primary.end()) continue;
      if (write_child_list(edits, *call->second, assignment->assignment, assignment->name,
                           templated, is_layer, lists) ||
          !is_layer(*call->second)) {
        continue;
      }
      const auto& value = tree_.node(assignment->value);
      const bool local = by_name_.count(call->second->dotted_callee) > 0;
      if (!local && !edits.covered(value.begin, value.end)) continue;  // reported, unconverted
      const auto written = templated(*call->second, edits.text(value.begin, value.end));
      if (!written) continue;
      const auto& whole = tree_.node(assignment->assignment);
      edits.replace(whole.begin, whole.end, child_registration(assignment->name, *written));
    }
  }
}

}  // namespace switcheroo::convert
