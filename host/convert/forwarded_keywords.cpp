#include "forwarded_keywords.h"

#include <algorithm>

namespace switcheroo::convert {
namespace {

using python::NodeId;
using rewrite::Argument;

// The name of a constructor's `**name` parameter; empty when it has none.
std::string unpacked_keywords(const rewrite::FunctionDef& init) {
  for (const auto& parameter : init.parameters.items) {
    if (parameter.text.rfind("**", 0) == 0) return parameter.name;
  }
  return {};
}

bool inside(const python::SyntaxTree& tree, NodeId node, NodeId around) {
  const auto& inner = tree.node(node);
  const auto& outer = tree.node(around);
  return inner.begin >= outer.begin && inner.end <= outer.end;
}

// How often a NAME token spells `name` inside `around`.
size_t uses_of(const python::SyntaxTree& tree, NodeId around, const std::string& name) {
  size_t uses = 0;
  const auto& range = tree.node(around);
  for (NodeId id = 0; id < tree.size(); ++id) {
    const auto& node = tree.node(id);
    if (node.begin < range.begin || node.end > range.end || !tree.is_token(id)) continue;
    if (tree.kind_name(id) == "NAME" && tree.text(id) == name) ++uses;
  }
  return uses;
}

// The constructor's named parameters after `self`, and how many of them a call may fill by
// position (those before a bare `*` or `*args`).
struct Signature {
  std::set<std::string> named;
  size_t positional = 0;
};

Signature signature_of(const rewrite::FunctionDef& init) {
  Signature signature;
  bool keyword_only = false;
  const auto& parameters = init.parameters.items;
  for (size_t i = 1; i < parameters.size(); ++i) {
    const auto& parameter = parameters[i];
    if (parameter.text.rfind("*", 0) == 0) {
      keyword_only = true;
      continue;
    }
    if (parameter.name.empty()) continue;  // `/`
    signature.named.insert(parameter.name);
    if (!keyword_only) ++signature.positional;
  }
  return signature;
}

}  // namespace

ForwardedKeywords::ForwardedKeywords(
    const python::SyntaxTree& tree, const std::vector<rewrite::Call>& calls,
    const std::map<std::string, rewrite::FunctionDef>& constructors,
    const std::function<std::set<std::string>(const rewrite::Call&)>& constructs)
    : tree_(tree) {
  for (const auto& [owner, init] : constructors) {
    find_call(owner, init, calls);
    if (!forwardings_.empty() && forwardings_.back().owner == owner) {
      find_sites(forwardings_.back(), init, calls, constructs);
    }
  }
}

// The one call of the constructor's body given `**name`, where `name` is used nowhere else.
void ForwardedKeywords::find_call(const std::string& owner, const rewrite::FunctionDef& init,
                                  const std::vector<rewrite::Call>& calls) {
  const std::string name = unpacked_keywords(init);
  if (name.empty() || init.body == python::kNoNode || uses_of(tree_, init.body, name) != 1) {
    return;
  }
  for (const rewrite::Call& call : calls) {
    if (!inside(tree_, call.primary, init.body)) continue;
    const auto& items = call.arguments.items;
    for (size_t i = 0; i < items.size(); ++i) {
      if (items[i].kind == Argument::Kind::double_star &&
          rewrite::token_text(tree_, items[i].value) == name) {
        forwardings_.push_back({owner, &call, i, {}, {}});
        return;
      }
    }
  }
}

void ForwardedKeywords::find_sites(
    KeywordForwarding& forwarding, const rewrite::FunctionDef& init,
    const std::vector<rewrite::Call>& calls,
    const std::function<std::set<std::string>(const rewrite::Call&)>& constructs) {
  const Signature signature = signature_of(init);
  for (const rewrite::Call& call : calls) {
    const std::set<std::string> classes = constructs(call);
    if (!classes.count(forwarding.owner)) continue;
    if (classes.size() > 1) {
      forwarding.why = "'" + call.dotted_callee + "(...)' may construct '" + forwarding.owner +
                       "' or another class";
      return;
    }
    ForwardingSite site{&call, {}};
    size_t positional = 0;
    const auto& items = call.arguments.items;
    for (size_t i = 0; i < items.size(); ++i) {
      if (items[i].kind == Argument::Kind::star || items[i].kind == Argument::Kind::double_star) {
        forwarding.why = "a construction of '" + forwarding.owner + "' unpacks its arguments";
        return;
      }
      if (items[i].kind == Argument::Kind::positional) ++positional;
      if (items[i].kind == Argument::Kind::keyword && !signature.named.count(items[i].keyword)) {
        site.keywords.push_back(i);
      }
    }
    if (positional > signature.positional) {
      forwarding.why = "a construction of '" + forwarding.owner + "' passes more positional "
                       "arguments than it names";
      return;
    }
    forwarding.sites.push_back(std::move(site));
  }
}

}  // namespace switcheroo::convert
