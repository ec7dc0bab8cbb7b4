#include "inplace_updates.h"

#include "rewrite/tree_query.h"

#include <algorithm>
#include <optional>
#include <set>

namespace switcheroo::convert {

using python::kNoNode;
using python::NodeId;
using python::SyntaxTree;

namespace {

enum class TrailerKind { attribute, subscript, call };

TrailerKind trailer_kind(const SyntaxTree& tree, NodeId trailer) {
  const std::string_view open = tree.kind_name(tree.node(trailer).first_child);
  if (open == "LPAR") return TrailerKind::call;
  if (open == "LSQB") return TrailerKind::subscript;
  return TrailerKind::attribute;
}

// The name of a `.name` trailer.
std::string attribute_name(const SyntaxTree& tree, NodeId trailer) {
  return rewrite::token_text(tree, trailer).substr(1);
}

bool is_name_atom(const SyntaxTree& tree, NodeId node) {
  const NodeId first = tree.node(node).first_child;
  return (tree.kind_name(node) == "atom" && first != kNoNode &&
          tree.node(first).next_sibling == kNoNode && tree.kind_name(first) == "NAME") ||
         tree.kind_name(node) == "NAME";
}

// A boolean condition used as an index: a comparison, `~m`, `not`, `and`, `or`, `&`, `|`.
bool is_condition(const SyntaxTree& tree, NodeId node) {
  const std::string_view kind = tree.kind_name(node);
  if (kind == "parenthesized") {
    const NodeId inner = tree.node(tree.node(node).first_child).next_sibling;
    return inner != kNoNode && is_condition(tree, inner);
  }
  if (kind == "factor") {
    return tree.kind_name(tree.node(node).first_child) == "TILDE";
  }
  static const std::set<std::string_view> kConditions = {
      "comparison", "inversion", "conjunction", "disjunction", "bitwise_and", "bitwise_or"};
  return kConditions.count(kind) > 0;
}

// The expression inside a subscript trailer, when it is one expression (not `a, b` or a slice).
NodeId subscript_expression(const SyntaxTree& tree, NodeId trailer) {
  const NodeId inner = tree.node(tree.node(trailer).first_child).next_sibling;
  if (inner == kNoNode || tree.kind_name(inner) == "RSQB") return kNoNode;
  const std::string_view kind = tree.kind_name(inner);
  return kind == "slices" || kind == "slice" ? kNoNode : inner;
}

class Finder {
 public:
  Finder(const SyntaxTree& tree, const InPlaceRules& rules) : tree_(tree), rules_(rules) {
    for (const auto& function : rewrite::find_functions(tree)) {
      auto& names = parameters_[function.node];
      for (const auto& parameter : function.parameters.items) {
        if (!parameter.name.empty()) names.insert(parameter.name);
      }
    }
  }

  std::vector<InPlaceUpdate> run() {
    for (NodeId id = 0; id < tree_.size(); ++id) {
      if (tree_.kind_name(id) != "simple_stmts") continue;
      for (NodeId part : tree_.children(id)) {
        if (tree_.is_token(part)) continue;
        if (tree_.kind_name(part) == "primary") {
          method_statement(part);
          function_statement(part);
        }
        if (tree_.kind_name(part) == "expression_stmt") item_statement(part);
      }
    }
    for (NodeId id = 0; id < tree_.size(); ++id) {
      if (tree_.kind_name(id) == "primary") other_calls(id);
    }
    std::stable_sort(
        updates_.begin(), updates_.end(),
        [](const InPlaceUpdate& a, const InPlaceUpdate& b) { return a.begin < b.begin; });
    return std::move(updates_);
  }

 private:
  std::string method_of(NodeId attribute_trailer) const {
    const std::string name = attribute_name(tree_, attribute_trailer);
    return is_in_place_method(name, rules_) ? name : std::string();
  }

  // The base of an update: a name and any `.attribute` trailers up to `end` (exclusive).
  // nullopt for `self` itself and for anything but a name; an attribute of `self` (module
  // state) is an attribute like any other: reported, never passed over in silence.
  std::optional<InPlaceUpdate> base_of(NodeId primary, size_t end) const {
    const auto parts = tree_.children(primary);
    if (!is_name_atom(tree_, parts[0])) return std::nullopt;
    InPlaceUpdate update;
    update.begin = tree_.node(parts[0]).begin;
    update.base_end = tree_.node(parts[end - 1]).end;
    update.base = rewrite::token_text(tree_, parts[0]);
    if (update.base == "self" && end == 1) return std::nullopt;
    for (size_t i = 1; i < end; ++i) update.base += rewrite::token_text(tree_, parts[i]);
    if (end > 1) update.sharing = Sharing::attribute;
    return update;
  }

  // `base[.attribute...][[index]](.m_(...))+` as a statement of its own.
  void method_statement(NodeId primary) {
    const auto parts = tree_.children(primary);
    size_t at = 1;
    while (at + 1 < parts.size() && trailer_kind(tree_, parts[at]) == TrailerKind::attribute &&
           trailer_kind(tree_, parts[at + 1]) != TrailerKind::call) {
      ++at;
    }
    const size_t base_end = at;
    NodeId index = kNoNode;
    if (at < parts.size() && trailer_kind(tree_, parts[at]) == TrailerKind::subscript) {
      index = parts[at++];
    }
    std::vector<NodeId> calls;
    std::string store;
    for (; at + 1 < parts.size(); at += 2) {
      if (trailer_kind(tree_, parts[at]) != TrailerKind::attribute ||
          trailer_kind(tree_, parts[at + 1]) != TrailerKind::call) {
        return;
      }
      const std::string method = method_of(parts[at]);
      if (method.empty()) return;
      if (auto found = rules_.stores.find(method); found != rules_.stores.end()) {
        store = found->second;
      }
      calls.push_back(parts[at + 1]);
    }
    if (at != parts.size() || calls.empty() || !rules_.tensor_receiver(calls.front())) return;
    auto update = base_of(primary, base_end);
    if (!update) return;
    if (!store.empty() && calls.size() > 1) {
      update->form = InPlaceUpdate::Form::value_used;  // a store chained with other updates
    }
    update->statement = primary;
    update->index = index;
    update->calls = calls;
    update->store = store;
    handled_.insert(calls.begin(), calls.end());
    add(std::move(*update), primary);
  }

  // `base[index] = value` and `base[index] += value`, where `base` holds a tensor.
  void item_statement(NodeId statement) {
    const auto parts = tree_.children(statement);
    if (parts.size() != 3 || tree_.kind_name(parts[0]) != "primary") return;
    const bool augmented = tree_.kind_name(parts[1]) == "augassign";
    if (!augmented && tree_.kind_name(parts[1]) != "EQUAL") return;
    const auto target = tree_.children(parts[0]);
    if (target.size() != 2 || trailer_kind(tree_, target[1]) != TrailerKind::subscript) return;
    if (!is_name_atom(tree_, target[0])) return;
    const bool tensor = rules_.tensor(target[0]);
    const std::string name = rewrite::token_text(tree_, target[0]);
    if (!tensor && !bound_from_framework_call(name, statement) &&
        !updated_by_method(name, statement)) {
      return;
    }
    auto update = base_of(parts[0], 1);
    if (!update) return;
    update->uncertain = !tensor;
    update->form = augmented ? InPlaceUpdate::Form::augmented_item : InPlaceUpdate::Form::item;
    update->statement = statement;
    update->index = target[1];
    update->value = parts[2];
    if (augmented) {
      update->operation = rewrite::token_text(tree_, parts[1]);
      update->operation.pop_back();
    }
    const NodeId condition = subscript_expression(tree_, target[1]);
    update->mask = condition != kNoNode && is_condition(tree_, condition);
    add(std::move(*update), statement);
  }

  // The argument of an in-place function call (`torch.relu_(x)`) when the call's primary is
  // a dotted name and that call (`t`); kNoNode otherwise.
  NodeId function_argument(const std::vector<NodeId>& parts, size_t t) const {
    if (!rules_.in_place_function || handled_.count(parts[t]) ||
        trailer_kind(tree_, parts[t]) != TrailerKind::call || !is_name_atom(tree_, parts[0])) {
      return kNoNode;
    }
    for (size_t i = 1; i < t; ++i) {
      if (trailer_kind(tree_, parts[i]) != TrailerKind::attribute) return kNoNode;
    }
    return rules_.in_place_function(parts[t]);
  }

  // The array an in-place function updates, read into `update`: a name, a name's attribute,
  // or a view `name[index]`; false for a temporary (`torch.relu_(a + b)`).
  bool function_base(NodeId argument, InPlaceUpdate& update) const {
    update.begin = tree_.node(argument).begin;
    update.base_end = tree_.node(argument).end;
    if (is_name_atom(tree_, argument)) {
      update.base = rewrite::token_text(tree_, argument);
      return true;
    }
    if (tree_.kind_name(argument) != "primary") return false;
    const auto parts = tree_.children(argument);
    if (!is_name_atom(tree_, parts[0])) return false;
    size_t end = parts.size();
    if (trailer_kind(tree_, parts[end - 1]) == TrailerKind::subscript) update.index = parts[--end];
    for (size_t i = 1; i < end; ++i) {
      if (trailer_kind(tree_, parts[i]) != TrailerKind::attribute) return false;
    }
    auto base = base_of(argument, end);
    if (!base) return false;
    update.base = base->base;
    update.base_end = base->base_end;
    update.sharing = base->sharing;
    return true;
  }

  // `torch.relu_(x)` as a statement of its own: `x` stores `torch.relu(x)`.
  void function_statement(NodeId primary) {
    const auto parts = tree_.children(primary);
    if (parts.size() < 2) return;
    const NodeId argument = function_argument(parts, parts.size() - 1);
    if (argument == kNoNode) return;
    InPlaceUpdate update;
    update.calls = {parts.back()};
    handled_.insert(parts.back());
    if (!function_base(argument, update)) {
      update.form = InPlaceUpdate::Form::temporary;
      updates_.push_back(std::move(update));
      return;
    }
    update.statement = primary;
    add(std::move(update), primary);
  }

  // In-place calls that are not statements of their own: on a temporary, or with their value
  // used.
  void other_calls(NodeId primary) {
    const auto parts = tree_.children(primary);
    for (size_t t = 1; t < parts.size(); ++t) {
      if (const NodeId argument = function_argument(parts, t); argument != kNoNode) {
        InPlaceUpdate update;
        update.calls = {parts[t]};
        update.expression_begin = tree_.node(parts[0]).begin;
        const bool array = function_base(argument, update);
        update.form = array ? InPlaceUpdate::Form::value_used : InPlaceUpdate::Form::temporary;
        update.plain_name = array && is_name_atom(tree_, argument);
        if (update.plain_name) find_sharing(update, primary);
        updates_.push_back(std::move(update));
        continue;
      }
      if (!in_place_call(parts, t) || handled_.count(parts[t])) continue;
      // Past the in-place calls this one's receiver is the result of (they return it).
      size_t root = t - 1;
      while (root >= 3 && in_place_call(parts, root - 1)) root -= 2;
      const bool temporary = root == 1 ? !is_name_atom(tree_, parts[0])
                                       : trailer_kind(tree_, parts[root - 1]) == TrailerKind::call;
      // The last of a chain on an array stands for the chain; a temporary's calls convert each.
      if (!temporary && in_place_call(parts, t + 2)) continue;
      if (temporary) root = t - 1;
      if (root == 1 && rewrite::token_text(tree_, parts[0]) == "self") continue;  // the module
      InPlaceUpdate update;
      update.form = temporary ? InPlaceUpdate::Form::temporary : InPlaceUpdate::Form::value_used;
      update.begin = tree_.node(parts[0]).begin;
      update.expression_begin = update.begin;
      update.base_end = tree_.node(parts[root - 1]).end;
      update.base = rewrite::token_text(tree_, parts[0]);
      for (size_t i = 1; i < root && !temporary; ++i) {
        update.base += rewrite::token_text(tree_, parts[i]);
      }
      update.plain_name = !temporary && root == 1;
      if (!temporary && root > 1) update.sharing = Sharing::attribute;
      if (update.plain_name) find_sharing(update, primary);
      for (size_t call = root + 1; call <= t; call += 2) {
        update.calls.push_back(parts[call]);
        const auto store = rules_.stores.find(method_of(parts[call - 1]));
        if (store != rules_.stores.end()) update.store = store->second;
      }
      updates_.push_back(std::move(update));
    }
  }

  // Is `parts[t]` the call of an in-place method of a receiver that may hold a tensor?
  bool in_place_call(const std::vector<NodeId>& parts, size_t t) const {
    return t >= 2 && t < parts.size() && trailer_kind(tree_, parts[t]) == TrailerKind::call &&
           trailer_kind(tree_, parts[t - 1]) == TrailerKind::attribute &&
           !method_of(parts[t - 1]).empty() && rules_.tensor_receiver(parts[t]);
  }

  // Is `name` assigned, in the function around `statement`, a value with a framework call?
  bool bound_from_framework_call(const std::string& name, NodeId statement) const {
    if (!rules_.framework_call) return false;
    bool found = false;
    for_each_assignment(statement, [&](NodeId target, NodeId value) {
      if (found || !is_name_atom(tree_, target) || rewrite::token_text(tree_, target) != name) {
        return;
      }
      const python::Node& node = tree_.node(value);
      for (NodeId id = value; id < tree_.size() && tree_.node(id).begin < node.end; ++id) {
        if (tree_.kind_name(id) == "trailer" && trailer_kind(tree_, id) == TrailerKind::call &&
            rules_.framework_call(id)) {
          found = true;
          return;
        }
      }
    });
    return found;
  }

  // Has an in-place tensor method updated `name` earlier in the function around `statement`
  // (`y.mul_(2)` before `y[0] = 1`)?
  bool updated_by_method(const std::string& name, NodeId statement) const {
    const NodeId function = function_around(statement);
    return std::any_of(updates_.begin(), updates_.end(), [&](const InPlaceUpdate& update) {
      return update.form == InPlaceUpdate::Form::methods && update.base == name &&
             update.statement != kNoNode && function_around(update.statement) == function;
    });
  }

  // Every `target = value` of the function around `statement` (the module outside one).
  void for_each_assignment(NodeId statement,
                           const std::function<void(NodeId target, NodeId value)>& visit) const {
    const NodeId function = function_around(statement);
    const python::Node& scope = tree_.node(function == kNoNode ? tree_.root() : function);
    for (NodeId id = function == kNoNode ? 0 : function + 1;
         id < tree_.size() && tree_.node(id).begin < scope.end; ++id) {
      if (tree_.kind_name(id) != "expression_stmt" || function_around(id) != function) continue;
      const auto parts = tree_.children(id);
      if (parts.size() < 3 || tree_.kind_name(parts[1]) != "EQUAL") continue;
      for (size_t i = 0; i + 2 < parts.size(); i += 2) visit(parts[i], parts.back());
    }
  }

  NodeId function_around(NodeId node) const {
    for (NodeId at = tree_.node(node).parent; at != kNoNode; at = tree_.node(at).parent) {
      if (tree_.kind_name(at) == "function_def") return at;
    }
    return kNoNode;
  }

  void add(InPlaceUpdate update, NodeId statement) {
    if (update.sharing == Sharing::none) find_sharing(update, statement);
    updates_.push_back(std::move(update));
  }

  // Another name bound to the base or the base to another name, in the same function; else
  // an argument of the function that nothing rebinds before the update.
  void find_sharing(InPlaceUpdate& update, NodeId statement) const {
    bool rebound_before = false;
    for_each_assignment(statement, [&](NodeId target_node, NodeId value) {
      if (update.sharing != Sharing::none || !is_name_atom(tree_, target_node)) return;
      const std::string target = rewrite::token_text(tree_, target_node);
      if (target == update.base) {
        if (tree_.node(target_node).begin < update.begin) rebound_before = true;
        if (is_name_atom(tree_, value) && rewrite::token_text(tree_, value) != update.base) {
          update.sharing = Sharing::alias;
          update.shared_with = rewrite::token_text(tree_, value);
        }
      } else if (views_base(value, update.base)) {
        update.sharing = Sharing::alias;
        update.shared_with = target;
      }
    });
    const NodeId function = function_around(statement);
    if (update.sharing != Sharing::none || function == kNoNode || rebound_before) return;
    const auto found = parameters_.find(function);
    if (found == parameters_.end() || !found->second.count(update.base)) return;
    update.sharing = Sharing::argument;
    for (const auto& part : tree_.children(function)) {
      if (tree_.kind_name(part) == "NAME") {
        update.shared_with = rewrite::token_text(tree_, part);
        break;
      }
    }
  }

  // `base`, or `base[...]` (a view of it).
  bool views_base(NodeId value, const std::string& base) const {
    if (is_name_atom(tree_, value)) return rewrite::token_text(tree_, value) == base;
    if (tree_.kind_name(value) != "primary") return false;
    const auto parts = tree_.children(value);
    if (!is_name_atom(tree_, parts[0]) || rewrite::token_text(tree_, parts[0]) != base) {
      return false;
    }
    return std::all_of(parts.begin() + 1, parts.end(), [&](NodeId trailer) {
      return trailer_kind(tree_, trailer) == TrailerKind::subscript;
    });
  }

  const SyntaxTree& tree_;
  const InPlaceRules& rules_;
  std::map<NodeId, std::set<std::string>> parameters_;  // function node -> parameter names
  std::set<NodeId> handled_;                            // calls of statement updates
  std::vector<InPlaceUpdate> updates_;
};

}  // namespace

bool is_first_axis_index(const SyntaxTree& tree, NodeId trailer) {
  if (trailer == kNoNode || trailer_kind(tree, trailer) != TrailerKind::subscript) return false;
  const NodeId index = subscript_expression(tree, trailer);
  if (index == kNoNode || is_condition(tree, index)) return false;
  const std::string_view kind = tree.kind_name(index);
  // A negative literal (`y[-1]`) counts from the end, which a scatter's indices do not.
  if (kind == "factor" && tree.kind_name(tree.node(index).first_child) == "MINUS") return false;
  return kind != "starred_expression" && kind != "star_expressions" && kind != "tuple";
}

std::optional<AxisIndex> axis_index(const SyntaxTree& tree, NodeId trailer) {
  if (trailer == kNoNode || trailer_kind(tree, trailer) != TrailerKind::subscript) return {};
  const NodeId inner = tree.node(tree.node(trailer).first_child).next_sibling;
  if (inner == kNoNode || tree.kind_name(inner) != "slices") return {};
  AxisIndex found{0, kNoNode};
  for (NodeId part = tree.node(inner).first_child; part != kNoNode;
       part = tree.node(part).next_sibling) {
    const std::string_view kind = tree.kind_name(part);
    if (kind == "COMMA") continue;
    if (found.at != kNoNode) return {};  // an element after the integer
    const NodeId first = tree.node(part).first_child;
    if (kind == "slice") {
      // Only a full slice `:` leads: one COLON and nothing else.
      if (first == kNoNode || tree.kind_name(first) != "COLON" ||
          tree.node(first).next_sibling != kNoNode) {
        return {};
      }
      ++found.axis;
      continue;
    }
    if (is_condition(tree, part) || kind == "starred_expression" ||
        (kind == "atom" && first != kNoNode && tree.kind_name(first) == "ELLIPSIS")) {
      return {};
    }
    found.at = part;
  }
  if (found.at == kNoNode || found.axis == 0) return {};
  return found;
}

bool is_in_place_method(const std::string& method, const InPlaceRules& rules) {
  if (rules.suffix.empty() || method.size() <= rules.suffix.size() ||
      method.compare(method.size() - rules.suffix.size(), rules.suffix.size(), rules.suffix) != 0 ||
      method.rfind("__", 0) == 0) {
    return false;
  }
  if (rules.stores.count(method)) return true;
  return rules.has_method &&
         rules.has_method(method.substr(0, method.size() - rules.suffix.size()));
}

std::vector<InPlaceUpdate> find_in_place_updates(const SyntaxTree& tree,
                                                 const InPlaceRules& rules) {
  return Finder(tree, rules).run();
}

namespace {

// `{array}.at[{index}].set({value})` -> accessor `at`, method `set` (`get()` reads).
std::optional<std::pair<std::string, std::string>> accessor_and_method(const std::string& text) {
  const std::string head = "{array}.", middle = "[{index}].";
  const std::string tail = text.find("{value}") == std::string::npos ? "()" : "({value})";
  const size_t open = text.find(middle);
  if (text.rfind(head, 0) != 0 || open == std::string::npos || text.size() < tail.size() ||
      text.compare(text.size() - tail.size(), tail.size(), tail) != 0) {
    return std::nullopt;
  }
  const size_t method = open + middle.size();
  return std::pair(text.substr(head.size(), open - head.size()),
                   text.substr(method, text.size() - tail.size() - method));
}

}  // namespace

std::vector<IndexedUpdate> find_indexed_updates(
    const SyntaxTree& tree, const std::map<std::string, std::string>& templates) {
  std::map<std::pair<std::string, std::string>, std::string> updates;  // (accessor, method)
  for (const auto& [update, text] : templates) {
    if (auto parts = accessor_and_method(text)) updates[*parts] = update;
  }
  std::vector<IndexedUpdate> found;
  for (NodeId id = 0; id < tree.size(); ++id) {
    if (tree.kind_name(id) != "expression_stmt") continue;
    const auto parts = tree.children(id);
    if (parts.size() != 3 || tree.kind_name(parts[1]) != "EQUAL" || !is_name_atom(tree, parts[0]) ||
        tree.kind_name(parts[2]) != "primary") {
      continue;
    }
    const auto value = tree.children(parts[2]);
    const size_t n = value.size();
    if (n < 5 || trailer_kind(tree, value[n - 4]) != TrailerKind::attribute ||
        trailer_kind(tree, value[n - 3]) != TrailerKind::subscript ||
        trailer_kind(tree, value[n - 2]) != TrailerKind::attribute ||
        trailer_kind(tree, value[n - 1]) != TrailerKind::call) {
      continue;
    }
    const auto update =
        updates.find({attribute_name(tree, value[n - 4]), attribute_name(tree, value[n - 2])});
    const NodeId open = tree.node(value[n - 1]).first_child;
    const NodeId argument = tree.node(open).next_sibling;
    if (update == updates.end() || argument == kNoNode || tree.kind_name(argument) == "RPAR" ||
        tree.kind_name(tree.node(argument).next_sibling) != "RPAR" ||
        tree.kind_name(argument) == "arguments" || tree.kind_name(argument) == "argument") {
      continue;
    }
    IndexedUpdate indexed;
    indexed.statement = id;
    indexed.target = rewrite::token_text(tree, parts[0]);
    indexed.update = update->second;
    indexed.array_begin = tree.node(value[0]).begin;
    indexed.array_end = tree.node(value[n - 5]).end;
    indexed.index = value[n - 3];
    indexed.value = argument;
    found.push_back(indexed);
  }
  return found;
}

std::vector<IndexedRead> find_indexed_reads(const SyntaxTree& tree,
                                            const std::map<std::string, std::string>& templates) {
  const auto found = templates.find("get");
  const auto parts = found == templates.end() ? std::nullopt : accessor_and_method(found->second);
  std::vector<IndexedRead> reads;
  if (!parts) return reads;
  for (NodeId id = 0; id < tree.size(); ++id) {
    if (tree.kind_name(id) != "primary") continue;
    const auto trailers = tree.children(id);
    for (size_t t = 1; t + 3 < trailers.size(); ++t) {
      if (trailer_kind(tree, trailers[t]) != TrailerKind::attribute ||
          attribute_name(tree, trailers[t]) != parts->first ||
          trailer_kind(tree, trailers[t + 1]) != TrailerKind::subscript ||
          trailer_kind(tree, trailers[t + 2]) != TrailerKind::attribute ||
          attribute_name(tree, trailers[t + 2]) != parts->second ||
          trailer_kind(tree, trailers[t + 3]) != TrailerKind::call ||
          tree.children(trailers[t + 3]).size() != 2) {  // `()`: no mode or fill value
        continue;
      }
      reads.push_back({tree.node(trailers[0]).begin, tree.node(trailers[t - 1]).end, trailers[t],
                       trailers[t + 1], tree.node(trailers[t + 3]).end});
    }
  }
  return reads;
}

}  // namespace switcheroo::convert
