#include "module_fields.h"

#include "self_attributes.h"

#include "rewrite/edits.h"

#include <algorithm>
#include <cctype>

namespace switcheroo::convert {
namespace {

using python::NodeId;
using rewrite::Argument;
using rewrite::Call;

std::string source_text(const python::SyntaxTree& tree, NodeId node) {
  const auto& at = tree.node(node);
  return tree.source().bytes().substr(at.begin, at.end - at.begin);
}

// `name: annotation = value` as the parts of a parameter or of an annotated statement, with
// the edits of `edits` inside them applied when it is given (a converted annotation or default).
struct Declaration {
  std::string name, annotation, value;
};

Declaration declaration_of(const python::SyntaxTree& tree, NodeId node,
                           const EditSet* edits = nullptr) {
  Declaration result;
  bool after_colon = false, after_equal = false;
  for (NodeId child : tree.children(node)) {
    const std::string_view kind = tree.kind_name(child);
    if (kind == "NAME" && result.name.empty()) {
      result.name = std::string(tree.text(child));
    } else if (kind == "COLON") {
      after_colon = true;
    } else if (kind == "EQUAL") {
      after_equal = true;
    } else if (kind == "annotation") {
      const auto parts = declaration_of(tree, child, edits);
      result.annotation = parts.annotation;
      result.value = parts.value;
    } else if (!tree.is_token(child) || kind == "NUMBER" || kind == "STRING") {
      const auto& at = tree.node(child);
      (after_equal   ? result.value
       : after_colon ? result.annotation
                     : result.name) =
          edits ? edits->text(at.begin, at.end) : source_text(tree, child);
    }
  }
  return result;
}

// The type a literal has, "" when it is no plain literal.
std::string literal_type(const std::string& text) {
  if (text == "True" || text == "False") return "bool";
  if (text.empty()) return "";
  if (text.front() == '\'' || text.front() == '"') return "str";
  if (text.front() == '(' && text.back() == ')') return "tuple";
  const size_t digits = text.find_first_not_of("-0123456789_");
  if (digits == std::string::npos && std::isdigit(static_cast<unsigned char>(text.back()))) {
    return "int";
  }
  if (text.find_first_not_of("-0123456789_.eE+") == std::string::npos &&
      text.find_first_of("0123456789") != std::string::npos) {
    return "float";
  }
  return "";
}

std::string zero_of(const std::string& type) {
  if (type == "int") return "0";
  if (type == "float") return "0.0";
  if (type == "bool") return "False";
  if (type == "str") return "''";
  if (type == "tuple") return "()";
  return "None";
}

// Calls `visit(token, previous token)` for each token under `node`, nested functions and
// lambdas left out (their parameters shadow the constructor's).
template <typename Visit>
void for_each_token(const python::SyntaxTree& tree, NodeId node, NodeId& previous, Visit visit) {
  for (NodeId child : tree.children(node)) {
    if (tree.is_token(child)) {
      visit(child, previous);
      previous = child;
      continue;
    }
    const std::string_view kind = tree.kind_name(child);
    if (kind == "function_def" || kind == "lambdef" || kind == "class_def") continue;
    for_each_token(tree, child, previous, visit);
  }
}

bool is_docstring(const python::SyntaxTree& tree, NodeId statement) {
  const std::string text = rewrite::token_text(tree, statement);
  return !text.empty() && (text.front() == '"' || text.front() == '\'');
}

}  // namespace

ModuleFields::ModuleFields(const python::SyntaxTree& tree, const rewrite::NameResolver& resolver,
                           const AdapterTraits& source, const AdapterTraits& target)
    : tree_(tree), resolver_(resolver), source_(source), target_(target) {
  const bool both = source.has_modules() && target.has_modules();
  writes_ = both && target.field_hyper_parameters() && !source.field_hyper_parameters();
  reads_ = both && source.field_hyper_parameters() && !target.field_hyper_parameters();
}

void ModuleFields::find_children(const std::vector<Call>& calls) {
  if ((!writes_ && !reads_) || found_children_) return;
  found_children_ = true;
  calls_ = calls;
  if (reads_) {
    // A template given as a field, to a template or by keyword, is a value, not a child.
    std::set<NodeId> templates;
    for (const Call& call : calls_) {
      if (resolver_.qualify(call.dotted_callee) == source_.children.template_api) {
        templates.insert(call.primary);
      }
    }
    for (const Call& call : calls_) {
      for (const auto& argument : call.arguments.items) {
        const bool field = templates.count(call.primary) || !argument.keyword.empty();
        if (field && templates.count(argument.value)) nested_templates_.insert(argument.value);
      }
    }
  }
  if (reads_ && !source_.children.method.empty()) {
    auto is_template = [&](const std::string& callee) {
      return resolver_.qualify(callee) == source_.children.template_api;
    };
    children_ = rewrite::find_child_templates(tree_, calls_, source_.children.method, is_template);
    child_lists_ =
        rewrite::find_child_lists(tree_, calls_, source_.children.list_method, is_template);
  }
}

void ModuleFields::plan(const std::vector<rewrite::ClassDef>& module_classes,
                        const std::vector<Call>& calls, EditSet& edits,
                        std::vector<std::pair<uint32_t, std::string>>& problems) {
  if (!writes_ && !reads_) return;
  find_children(calls);
  const auto functions = rewrite::find_functions(tree_);
  for (const auto& definition : module_classes) {
    ModuleClass module{definition, std::nullopt, {}, {}, {}};
    for (const auto& function : functions) {
      const NodeId statement = function.statement != python::kNoNode ? function.statement
                                                                    : function.node;
      if (tree_.node(statement).parent == definition.body &&
          function.name == source_.constructor) {
        module.constructor = function;
      }
    }
    if (writes_) plan_writing(module, calls_, edits, problems);
    if (reads_) plan_reading(module, edits);
    by_name_[definition.name] = classes_.size();
    classes_.push_back(std::move(module));
  }
  if (reads_) restore_keywords(edits);
}

std::string ModuleFields::renamed_from(const std::string& field) const {
  const std::string& pattern = source_.renamed_field;
  const size_t at = pattern.find("{name}");
  if (at == std::string::npos) return "";
  const std::string before = pattern.substr(0, at), after = pattern.substr(at + 6);
  if (field.size() <= before.size() + after.size() || field.rfind(before, 0) != 0 ||
      field.compare(field.size() - after.size(), after.size(), after) != 0) {
    return "";
  }
  return field.substr(before.size(), field.size() - before.size() - after.size());
}

void ModuleFields::restore_keywords(EditSet& edits) const {
  for (const Call& call : calls_) {
    std::string name = call.dotted_callee;  // the class called, or templated (Config(Block, ...))
    const auto& items = call.arguments.items;
    if (resolver_.qualify(call.dotted_callee) == source_.children.template_api && !items.empty()) {
      name = rewrite::token_text(tree_, items.front().value);
    }
    auto found = by_name_.find(name);
    if (found == by_name_.end()) continue;
    for (const auto& argument : items) {
      for (const auto& parameter : classes_[found->second].parameters) {
        if (argument.keyword.empty() || argument.keyword != parameter.field ||
            parameter.name == parameter.field) {
          continue;
        }
        const uint32_t begin = tree_.node(argument.node).begin;
        edits.replace(begin, begin + static_cast<uint32_t>(parameter.field.size()), parameter.name);
      }
    }
  }
}

void ModuleFields::plan_writing(ModuleClass& module, const std::vector<Call>& calls,
                                EditSet& edits,
                                std::vector<std::pair<uint32_t, std::string>>& problems) {
  if (!module.constructor) return;
  const auto& items = module.constructor->parameters.items;
  std::map<std::string, std::string> fields;  // parameter -> its field
  for (std::size_t i = 1; i < items.size(); ++i) {
    if (items[i].name.empty()) continue;  // the bare `*` and `/` markers
    if (items[i].text.rfind("*", 0) == 0) {
      problems.emplace_back(tree_.node(items[i].node).begin,
                            "cannot make '" + items[i].text + "' of '" + module.definition.name +
                                "' a hyper-parameter field: fields are named one by one");
      module.parameters.clear();
      return;
    }
    const Declaration parts = declaration_of(tree_, items[i].node);
    module.parameters.push_back(
        {parts.name, parts.name, parts.annotation, parts.value, items[i].node});
    fields[parts.name] = parts.name;
  }
  // `self.scale = scale` is the field itself now: the statement goes. A child or attribute of
  // a field's name would hide the field: the field is renamed where the traits say how.
  for (NodeId statement : inner_nodes(tree_, module.constructor->body)) {
    const auto assignment = self_assignment(tree_, statement);
    if (!assignment || !fields.count(assignment->name)) continue;
    if (rewrite::token_text(tree_, assignment->value) == assignment->name) {
      module.stored.push_back(statement);
    } else if (!target_.renamed_field.empty()) {
      std::string& renamed = fields[assignment->name] = target_.renamed_field;
      renamed.replace(renamed.find("{name}"), 6, assignment->name);
      for (auto& parameter : module.parameters) {
        if (parameter.name == assignment->name) parameter.field = renamed;
      }
    } else {
      problems.emplace_back(tree_.node(statement).begin,
                            "'" + module.definition.name + "' has a hyper-parameter and an "
                            "attribute both named '" + assignment->name +
                            "': as a field it cannot be assigned");
    }
  }
  // Uses of the parameters in the constructor read the fields.
  NodeId previous = python::kNoNode;
  for_each_token(tree_, module.constructor->body, previous, [&](NodeId token, NodeId before) {
    if (tree_.kind_name(token) != "NAME") return;
    const auto field = fields.find(std::string(tree_.text(token)));
    if (field == fields.end()) return;
    for (NodeId statement : module.stored) {
      if (rewrite::is_within(tree_, token, statement)) return;
    }
    if (before != python::kNoNode && tree_.text(before) == ".") return;
    const NodeId parent = tree_.node(token).parent;
    const NodeId next = tree_.node(token).next_sibling;
    if (tree_.kind_name(parent) == "argument" && next != python::kNoNode &&
        tree_.kind_name(next) == "EQUAL") {
      return;  // a keyword argument's name
    }
    const auto& node = tree_.node(token);
    edits.replace(node.begin, node.end, "self." + field->second);
  });
  // Literal values the file passes, for fields whose type nothing else tells.
  for (const Call& call : calls) {
    if (call.dotted_callee != module.definition.name) continue;
    std::size_t position = 0;
    for (const auto& argument : call.arguments.items) {
      std::string name;
      if (argument.kind == Argument::Kind::positional && position < module.parameters.size()) {
        name = module.parameters[position++].name;
      } else if (argument.kind == Argument::Kind::keyword) {
        name = argument.keyword;
      }
      if (!name.empty()) {
        passed_[{module.definition.name, name}].push_back(
            rewrite::token_text(tree_, argument.value));
      }
    }
  }
}

void ModuleFields::plan_reading(ModuleClass& module, EditSet& edits) {
  std::set<std::string> names;
  for (NodeId statement : inner_nodes(tree_, module.definition.body)) {
    const NodeId expression = lone_expression_statement(tree_, statement);
    if (expression == python::kNoNode) continue;
    const auto parts = tree_.children(expression);
    if (parts.size() != 2 || tree_.kind_name(parts[1]) != "annotation") continue;
    const Declaration field = declaration_of(tree_, expression);
    module.parameters.push_back({field.name, field.name, field.annotation, field.value, statement});
    names.insert(field.name);
  }
  if (names.empty()) return;
  std::set<std::string> child_names;  // `self.<child>` is the child, not a field
  for (const auto& child : children_) {
    if (rewrite::is_within(tree_, child.registration->primary, module.definition.body)) {
      child_names.insert(child.name);
    }
  }
  for (const auto& list : child_lists_) {
    if (rewrite::is_within(tree_, list.registration->primary, module.definition.body)) {
      child_names.insert(list.name);
    }
  }
  // `self.<field> = ...` in the constructor (reported when it was written) assigns an
  // attribute of the field's name: that target stays the attribute, which other methods read.
  std::vector<NodeId> assigned_targets;
  std::set<std::string> assigned, attributes;
  if (module.constructor) {
    for (NodeId statement : inner_nodes(tree_, module.constructor->body)) {
      const auto assignment = self_assignment(tree_, statement);
      if (assignment) attributes.insert(assignment->name);
      if (!assignment || !names.count(assignment->name)) continue;
      assigned_targets.push_back(tree_.children(assignment->assignment).front());
      assigned.insert(assignment->name);
    }
  }
  // A field the traits' `renamed-field` names after a child or attribute (`dropout_hparam`
  // beside `self.dropout`) is the parameter of that name again.
  std::map<std::string, std::string> parameter_of;  // field -> constructor parameter
  for (auto& parameter : module.parameters) {
    const std::string original = renamed_from(parameter.field);
    if (!original.empty() && !names.count(original) &&
        (child_names.count(original) || attributes.count(original))) {
      parameter.name = original;
    }
    parameter_of[parameter.field] = parameter.name;
  }
  auto is_assigned_target = [&](NodeId primary) {
    return std::any_of(assigned_targets.begin(), assigned_targets.end(),
                       [&](NodeId target) { return rewrite::is_within(tree_, primary, target); });
  };
  // `self.<field>` reads the parameter in the constructor and the attribute elsewhere.
  for (std::size_t index = 0; index < tree_.size(); ++index) {
    const auto primary = static_cast<NodeId>(index);
    if (tree_.kind_name(primary) != "primary" ||
        !rewrite::is_within(tree_, primary, module.definition.body)) {
      continue;
    }
    const auto attribute = self_attribute(tree_, primary);
    if (!attribute || !names.count(attribute->second)) continue;
    if (module.constructor && rewrite::is_within(tree_, primary, module.constructor->body)) {
      if (is_assigned_target(primary)) continue;
      edits.replace(tree_.node(primary).begin, tree_.node(attribute->first).end,
                    parameter_of[attribute->second]);
    } else if (!child_names.count(attribute->second) && !assigned.count(attribute->second)) {
      module.read_elsewhere.insert(attribute->second);
    }
  }
}

std::optional<Call> ModuleFields::template_as_call(const Call& call) const {
  if (!reads_ || source_.children.template_api.empty() ||
      resolver_.qualify(call.dotted_callee) != source_.children.template_api ||
      nested_templates_.count(call.primary)) {
    return std::nullopt;
  }
  return rewrite::as_layer_call(tree_, call);
}

std::optional<std::string> ModuleFields::child_name(const Call& call) const {
  for (const auto& child : children_) {
    if (child.template_call != nullptr && child.template_call->trailer == call.trailer) {
      return child.name;
    }
  }
  return std::nullopt;
}

bool ModuleFields::is_instantiation(const Call& call) const {
  return reads_ && !source_.children.instantiate.empty() &&
         call.arguments.items.size() == 1 &&
         call.arguments.items[0].kind == Argument::Kind::positional &&
         resolver_.qualify(call.dotted_callee) == source_.children.instantiate;
}

bool ModuleFields::in_constructor(NodeId node) const {
  for (const auto& module : classes_) {
    if (module.constructor && rewrite::is_within(tree_, node, module.constructor->body)) {
      return true;
    }
  }
  return false;
}

std::optional<std::string> ModuleFields::local_call(const Call& call, const EditSet& edits,
                                                    TargetSpelling& spelling) const {
  auto found = by_name_.find(call.dotted_callee);
  if (!writes_ || found == by_name_.end()) return std::nullopt;
  const ModuleClass& module = classes_[found->second];
  if (!module.constructor) return std::nullopt;
  const std::string callee = edits.text(call.callee_begin, call.callee_end);
  std::string arguments;
  std::size_t position = 0;
  for (const auto& argument : call.arguments.items) {
    const auto& node = tree_.node(argument.node);
    std::string text = edits.text(node.begin, node.end);
    if (argument.kind == Argument::Kind::positional) {
      if (position >= module.parameters.size()) return std::nullopt;
      text = module.parameters[position++].field + "=" + text;
    } else if (argument.kind != Argument::Kind::keyword) {
      return std::nullopt;  // *args and **kwargs name no field
    } else {
      for (const auto& parameter : module.parameters) {  // `name=...` passes its field
        if (parameter.name != argument.keyword) continue;
        text.replace(0, parameter.name.size(), parameter.field);
      }
    }
    arguments += (arguments.empty() ? "" : ", ") + text;
  }
  if (!in_constructor(call.primary) && !target_.children.instantiate.empty() &&
      !target_.children.template_api.empty()) {
    return spelling.api(target_.children.instantiate) + "(" +
           spelling.api(target_.children.template_api) + "(" + callee +
           (arguments.empty() ? "" : ", " + arguments) + "))";
  }
  if (position == 0) return std::nullopt;
  return callee + "(" + arguments + ")";
}

std::string ModuleFields::field_type(const ModuleClass& module, const HyperParameter& parameter,
                                     TargetSpelling& spelling) const {
  if (!parameter.annotation.empty()) return parameter.annotation;
  std::string type = literal_type(parameter.value);
  if (type.empty() && parameter.value.empty()) {
    auto passed = passed_.find({module.definition.name, parameter.name});
    if (passed != passed_.end()) {
      for (const auto& text : passed->second) {
        const std::string seen = literal_type(text);
        if (seen.empty() || (!type.empty() && seen != type)) {
          type.clear();
          break;
        }
        type = seen;
      }
    }
  }
  return type.empty() ? spelling.api("typing.Any") : type;
}

void ModuleFields::write_fields(rewrite::Rewriter& rewriter, const ModuleClass& module,
                                TargetSpelling& spelling) const {
  if (module.parameters.empty()) return;
  std::string fields;
  for (const HyperParameter& parameter : module.parameters) {
    const std::string type = field_type(module, parameter, spelling);
    const std::string value = parameter.value.empty() ? zero_of(type) : parameter.value;
    fields += parameter.field + ": " + type + " = " + value + "\n";
  }
  const auto& function = *module.constructor;
  const NodeId statement =
      function.statement != python::kNoNode ? function.statement : function.node;
  rewrite::insert_statement_before(rewriter, statement, fields);
  for (NodeId stored : module.stored) rewrite::remove_statement(rewriter, stored);
}

void ModuleFields::take_constructor_parameters(EditSet& edits) {
  if (!writes_) return;
  for (auto& module : classes_) {
    if (!module.constructor || module.parameters.empty()) continue;
    for (auto& parameter : module.parameters) {
      const Declaration parts = declaration_of(tree_, parameter.node, &edits);
      parameter.annotation = parts.annotation;
      parameter.value = parts.value;
    }
    const auto& items = module.constructor->parameters.items;
    const auto& first = tree_.node(items.front().node);
    if (!edits.replace(first.end, tree_.node(items.back().node).end, "")) {
      const auto where = tree_.source().line_column(first.end);
      throw rewrite::RewriteError("the parameters of '" + module.definition.name + "' at " +
                                  std::to_string(where.line) + ":" + std::to_string(where.column) +
                                  " cut through another edit");
    }
  }
}

void ModuleFields::write_parameters(rewrite::Rewriter& rewriter, const ModuleClass& module) const {
  if (module.parameters.empty()) return;
  std::string parameters, kept;
  for (const auto& parameter : module.parameters) {
    parameters += (parameters.empty() ? "" : ", ") + parameter.name +
                  (parameter.annotation.empty() ? "" : ": " + parameter.annotation) +
                  (parameter.value.empty() ? "" : (parameter.annotation.empty() ? "=" : " = ") +
                                                      parameter.value);
    if (module.read_elsewhere.count(parameter.field)) {
      kept += "self." + parameter.field + " = " + parameter.name + "\n";
    }
  }
  // Statements are inserted before the fields go: a block emptied first would get `pass`.
  insert_constructor_code(rewriter, module, parameters, kept);
  for (const auto& parameter : module.parameters) {
    rewrite::remove_statement(rewriter, parameter.node);
  }
}

void ModuleFields::insert_constructor_code(rewrite::Rewriter& rewriter, const ModuleClass& module,
                                           const std::string& parameters,
                                           const std::string& kept) const {
  if (!module.constructor) {
    // Fields and no constructor: one that takes them.
    std::string body = target_.init_calls_super ? "super().__init__()\n" : "";
    body += kept.empty() && body.empty() ? "pass\n" : kept;
    std::string indented;
    for (size_t at = 0; at < body.size();) {
      const size_t end = body.find('\n', at);
      indented += "    " + body.substr(at, end - at + 1);
      at = end + 1;
    }
    rewrite::insert_statement_after(rewriter, module.parameters.back().node,
                                    "def " + target_.constructor + "(self, " + parameters +
                                        "):\n" + indented);
    return;
  }
  const auto& function = *module.constructor;
  rewrite::insert_parameter(rewriter, function, 1, parameters);
  if (kept.empty()) return;
  const auto statements = inner_nodes(tree_, function.body);
  if (statements.empty()) return;
  if (is_docstring(tree_, statements.front())) {
    rewrite::insert_statement_after(rewriter, statements.front(), kept);
  } else {
    rewrite::insert_statement_before(rewriter, statements.front(), kept);
  }
}

void ModuleFields::apply_statement_edits(rewrite::Rewriter& rewriter,
                                         TargetSpelling& spelling) const {
  for (const auto& module : classes_) {
    if (writes_ && module.constructor) write_fields(rewriter, module, spelling);
    if (reads_) write_parameters(rewriter, module);
  }
}

}  // namespace switcheroo::convert
