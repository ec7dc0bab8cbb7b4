#include "module_rewriter.h"

#include "rewrite/edits.h"

#include <algorithm>

namespace switcheroo::convert {
namespace {

using python::NodeId;
using rewrite::Call;
using rewrite::FunctionDef;

std::vector<NodeId> statements_of(const python::SyntaxTree& tree, NodeId body) {
  std::vector<NodeId> statements;
  for (NodeId child : tree.children(body)) {
    if (!tree.is_token(child)) statements.push_back(child);
  }
  // A one-line body (`def f(): return x`) is its own statement list.
  if (statements.size() == 1 && tree.kind_name(statements[0]) == "simple_stmts") {
    std::vector<NodeId> inner;
    for (NodeId child : tree.children(statements[0])) {
      if (!tree.is_token(child)) inner.push_back(child);
    }
    if (!inner.empty()) return {statements[0]};
  }
  return statements;
}

bool is_docstring(const python::SyntaxTree& tree, NodeId statement) {
  const std::string text = rewrite::token_text(tree, statement);
  const size_t quote = text.find_first_of("'\"");
  return quote != std::string::npos && quote <= 3 && text.find_first_not_of("rRbBuUfF") == quote;
}

bool is_super_init(const python::SyntaxTree& tree, NodeId statement) {
  const std::string text = rewrite::token_text(tree, statement);
  return text.rfind("super(", 0) == 0 && text.find(").__init__(") != std::string::npos;
}

NodeId name_token(const python::SyntaxTree& tree, NodeId definition) {
  for (NodeId child : tree.children(definition)) {
    if (tree.kind_name(child) == "NAME") return child;
  }
  return python::kNoNode;
}

const rewrite::Argument* keyword_argument(const Call& call, const std::string& name) {
  for (const auto& argument : call.arguments.items) {
    if (argument.kind == rewrite::Argument::Kind::keyword && argument.keyword == name) {
      return &argument;
    }
  }
  return nullptr;
}

}  // namespace

// The argument that passes the key parameter to a callable of the file: `rngs=rngs`, or the
// positional argument in its place (`make_stem(c, rngs)` for `def make_stem(c, rngs, *args)`).
const rewrite::Argument* ModuleRewriter::key_argument(const Call& call) const {
  if (const auto* keyword = keyword_argument(call, key_parameter_)) return keyword;
  auto callable = callables_.find(callee_of(call));
  if (callable == callables_.end()) return nullptr;
  const auto& parameters = callable->second.function.parameters.items;
  size_t index = 0;
  for (size_t i = 0; i < parameters.size(); ++i) {
    const std::string& name = parameters[i].name;
    if (name.empty() || parameters[i].text.front() == '*') return nullptr;  // keyword-only
    if (name == key_parameter_) break;
    if (i > 0 || (name != "self" && name != "cls")) ++index;  // the bound receiver
  }
  size_t seen = 0;
  for (const auto& argument : call.arguments.items) {
    if (argument.kind != rewrite::Argument::Kind::positional) return nullptr;  // *xs, keywords
    if (seen++ == index) return &argument;
  }
  return nullptr;
}

ModuleRewriter::ModuleRewriter(const python::SyntaxTree& tree,
                               const rewrite::NameResolver& resolver, const AdapterTraits& source,
                               const AdapterTraits& target)
    : tree_(tree), resolver_(resolver), source_(source), target_(target) {
  const bool target_keys = target.has_modules() && target.rng.explicit_keys();
  const bool source_keys = source.has_modules() && source.rng.explicit_keys();
  add_keys_ = target_keys && !source_keys;
  // Without modules in the target (NumPy) classes stay as they are, keys included.
  remove_keys_ = source_keys && !target_keys && target.has_modules();
  key_parameter_ = add_keys_ ? target.rng.parameter : remove_keys_ ? source.rng.parameter : "";
}

std::string ModuleRewriter::fresh_keys(TargetSpelling& spelling) const {
  // `flax.nnx.Rngs({})`: the callee spelled for this file, the seed 0.
  const std::string& fresh = target_.rng.fresh;
  const size_t open = fresh.find('(');
  std::string text =
      open == std::string::npos ? fresh : spelling.api(fresh.substr(0, open)) + fresh.substr(open);
  const size_t seed = text.find("{}");
  if (seed != std::string::npos) text.replace(seed, 2, "0");
  return text;
}

void ModuleRewriter::plan(const std::vector<Call>& calls,
                          const std::function<bool(const std::string&)>& injects_keys,
                          std::function<bool(const std::string&)> imported_keys,
                          std::function<bool(const std::string&)> imported_module) {
  const auto classes = rewrite::find_classes(tree_);
  functions_ = rewrite::find_functions(tree_);
  imported_keys_ = std::move(imported_keys);
  imported_module_ = std::move(imported_module);
  const std::set<std::string> module_names = find_module_classes(classes);
  collect_callables(classes, module_names);
  function_bodies_.emplace(tree_, rewrite::bodies_of(functions_));
  std::set<std::string> held_names = module_names;
  if (imported_keys_ && !key_parameter_.empty()) {
    // `se_layer=partial(SElayer, ...)` holds an imported class as a class of the file would.
    for (const auto& binding : resolver_.imports()) {
      if (imported_keys_(binding.target)) imported_names_.insert(binding.local);
    }
    held_names.insert(imported_names_.begin(), imported_names_.end());
  }
  class_values_.emplace(tree_, functions_, held_names);
  field_values_.emplace(tree_, calls, *class_values_);
  find_super_inits(calls);
  if (add_keys_) find_functions_needing_keys(calls, injects_keys);
  if (remove_keys_) find_removed_key_arguments(calls);
}

// The module classes of the file: those deriving from the source's module base class or one of
// its container classes (`nn.Sequential`), from a module class of another file of the run
// (vision_transformer's `MLPBlock(MLP)`, MLP an nn.Sequential subclass of ops/misc.py), keyed
// or not, or from another module class of the file. The first two kinds keep their `super().__init__(...)`, which sets up the
// container or passes the other file's class its arguments (container_subclasses_).
std::set<std::string> ModuleRewriter::find_module_classes(
    const std::vector<rewrite::ClassDef>& classes) {
  std::set<std::string> module_names;
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& definition : classes) {
      if (module_names.count(definition.name)) continue;
      for (const auto& base : definition.bases.items) {
        const std::string text = rewrite::token_text(tree_, base.value);
        const auto qualified = resolver_.qualify(text);
        const bool container =
            qualified && (std::find(source_.container_classes.begin(),
                                    source_.container_classes.end(),
                                    *qualified) != source_.container_classes.end() ||
                          (imported_keys_ && !key_parameter_.empty() && imported_keys_(*qualified)) ||
                          (imported_module_ && imported_module_(*qualified)));
        if ((qualified && *qualified == source_.module_base_class) || container ||
            module_names.count(text)) {
          if (container) container_subclasses_.insert(definition.name);
          module_names.insert(definition.name);
          module_classes_.push_back(definition);
          grew = true;
          break;
        }
      }
    }
  }
  return module_names;
}

// What calls of the file reach: functions at module level, module constructors (with the module
// class they derive from) and the methods that build layers for them (`self._make_layer`).
void ModuleRewriter::collect_callables(const std::vector<rewrite::ClassDef>& classes,
                                       const std::set<std::string>& module_names) {
  const rewrite::EnclosingNodes class_bodies(tree_, rewrite::bodies_of(classes));
  auto owner_class = [&](const FunctionDef& function) -> const rewrite::ClassDef* {
    const auto owner = class_bodies.innermost(function.node);
    return owner ? &classes[*owner] : nullptr;
  };
  for (const auto& function : functions_) {
    const rewrite::ClassDef* owner = owner_class(function);
    if (owner == nullptr) {
      callables_[function.name] = Callable{function.name, function, false, ""};
      continue;
    }
    if (module_names.count(owner->name)) methods_.emplace_back(function, owner->node);
    if (function.name == source_.constructor && module_names.count(owner->name)) {
      std::string parent;
      for (const auto& base : owner->bases.items) {
        const std::string text = rewrite::token_text(tree_, base.value);
        if (module_names.count(text)) parent = text;
      }
      callables_[owner->name] = Callable{owner->name, function, true, parent};
    } else if (module_names.count(owner->name) && function.name != source_.forward_method &&
               function.name.rfind("__", 0) != 0) {
      // A method that builds layers for __init__ (ResNet's self._make_layer(...)) is called
      // as `self.<name>`. That call may reach any method of the name (swin's V2 attention
      // overrides the table its parent's __init__ defines): the first is the callable, the
      // others take keys with it.
      const std::string key = "self." + function.name;
      if (callables_.count(key)) {
        namesakes_[key].push_back(function);
        continue;
      }
      callables_[key] = Callable{key, function, false, ""};
    }
  }
}

// The callables whose bodies call, directly or through another such callable, something that
// needs keys in the target.
void ModuleRewriter::find_functions_needing_keys(
    const std::vector<Call>& calls, const std::function<bool(const std::string&)>& injects_keys) {
  // The calls in each function's body, nested functions included.
  std::map<NodeId, std::vector<const Call*>> calls_in;
  for (const Call& call : calls) {
    for (std::size_t index : function_bodies_->all(call.primary)) {
      calls_in[functions_[index].body].push_back(&call);
    }
  }
  // A class deriving from a container class of the framework takes no keys: it is built
  // through values the file does not follow (regnet's `block_constructor(...)` builds the
  // blocks of `AnyStage(nn.Sequential)`, a parameter given `block_type`), so its layers draw
  // from fresh keys, as before it was a module class.
  std::set<std::string> containers;
  for (const auto& definition : module_classes_) {
    for (const auto& base : definition.bases.items) {
      const auto qualified = resolver_.qualify(rewrite::token_text(tree_, base.value));
      if (qualified && std::find(source_.container_classes.begin(), source_.container_classes.end(),
                                 *qualified) != source_.container_classes.end()) {
        containers.insert(definition.name);
      }
    }
  }
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& [name, callable] : callables_) {
      if (needs_keys_.count(name) || containers.count(name)) continue;
      std::vector<const Call*> inside_calls = calls_in[callable.function.body];
      if (auto namesakes = namesakes_.find(name); namesakes != namesakes_.end()) {
        for (const FunctionDef& other : namesakes->second) {
          const auto& more = calls_in[other.body];
          inside_calls.insert(inside_calls.end(), more.begin(), more.end());
        }
      }
      for (const Call* inside : inside_calls) {
        const Call& call = *inside;
        const auto resolved = resolver_.resolve(call);
        // A class of the file may keep a layer's constructor (layer_subclasses.h).
        const bool direct = ((resolved.kind == rewrite::ResolvedCall::Kind::function ||
                              resolved.kind == rewrite::ResolvedCall::Kind::local) &&
                             injects_keys(resolved.name)) ||
                            calls_imported_keyed(call);
        const bool nested =
            ((resolved.kind == rewrite::ResolvedCall::Kind::local || is_method_call(call)) &&
             needs_keys_.count(callee_of(call)) > 0) ||
            calls_held_class(call, true);
        if (direct || nested) {
          needs_keys_.insert(name);
          grew = true;
          break;
        }
      }
    }
    // A call passing keys passes them to every class of the file it may construct
    // (efficientnet's `block_cnf.block(...)`: MBConv needs keys, FusedMBConv takes them then).
    for (const Call& call : calls) {
      if (!calls_held_class(call, true)) continue;
      for (const std::string& held : held_classes(call)) {
        if (callables_.count(held) && needs_keys_.insert(held).second) grew = true;
      }
    }
  }
  for (const auto& name : needs_keys_) {
    keys_functions_.insert(callables_.at(name).function.node);
    if (auto namesakes = namesakes_.find(name); namesakes != namesakes_.end()) {
      for (const FunctionDef& other : namesakes->second) keys_functions_.insert(other.node);
    }
  }
}

// The key arguments the source passes to the file's own callables, removed.
void ModuleRewriter::find_removed_key_arguments(const std::vector<Call>& calls) {
  for (const Call& call : calls) {
    const bool local_callable =
        ((resolver_.resolve(call).kind == rewrite::ResolvedCall::Kind::local ||
          is_method_call(call)) &&
         callables_.count(callee_of(call))) ||
        calls_imported_keyed(call);
    if (!local_callable && !calls_held_class(call, false)) {
      continue;
    }
    if (const auto* argument = key_argument(call)) {
      removed_arguments_.insert(argument->node);
    }
  }
}

// super().__init__(...) in the constructor of a class derived from another module class of
// the file calls that class's constructor: keys go to it as to any call of it.
void ModuleRewriter::find_super_inits(const std::vector<Call>& calls) {
  for (const Call& call : calls) {
    const std::string_view callee = std::string_view(tree_.source().bytes())
                                        .substr(call.callee_begin, call.callee_end - call.callee_begin);
    if (callee.rfind("super(", 0) != 0 || !callee.ends_with(").__init__")) continue;
    const auto index = function_bodies_->innermost(call.primary);
    if (!index) continue;
    for (const auto& [name, callable] : callables_) {
      if (!callable.is_class || callable.function.node != functions_[*index].node) continue;
      if (!callable.parent.empty()) super_inits_[call.trailer] = callable.parent;
      // A class of another file that takes keys: by its qualified name (calls_imported_keyed).
      for (const auto& definition : module_classes_) {
        if (definition.name != name || !callable.parent.empty() || !imported_keys_) continue;
        for (const auto& base : definition.bases.items) {
          const auto qualified = resolver_.qualify(rewrite::token_text(tree_, base.value));
          if (qualified && imported_keys_(*qualified)) super_inits_[call.trailer] = *qualified;
        }
      }
    }
  }
}

const std::string& ModuleRewriter::callee_of(const Call& call) const {
  auto parent = super_inits_.find(call.trailer);
  return parent != super_inits_.end() ? parent->second : call.dotted_callee;
}

bool ModuleRewriter::is_method_call(const Call& call) const {
  if (super_inits_.count(call.trailer)) return true;
  return call.dotted_callee.rfind("self.", 0) == 0 && callables_.count(call.dotted_callee) > 0;
}

bool ModuleRewriter::calls_imported_keyed(const Call& call) const {
  if (!imported_keys_ || key_parameter_.empty()) return false;
  if (auto parent = super_inits_.find(call.trailer); parent != super_inits_.end()) {
    return imported_keys_(parent->second);  // `super().__init__(...)` of another file's class
  }
  if (call.dotted_callee.empty()) return false;
  const auto resolved = resolver_.resolve(call);
  return resolved.kind == rewrite::ResolvedCall::Kind::function && imported_keys_(resolved.name);
}

std::vector<std::string> ModuleRewriter::module_class_names() const {
  std::vector<std::string> names;
  for (const auto& definition : module_classes_) names.push_back(definition.name);
  return names;
}

std::vector<std::string> ModuleRewriter::keyed_callables() const {
  std::vector<std::string> names;
  for (const auto& [name, callable] : callables_) {
    if (name.rfind("self.", 0) == 0) continue;  // methods are not imported
    const auto& parameters = callable.function.parameters.items;
    const bool has_keys =
        std::any_of(parameters.begin(), parameters.end(),
                    [&](const auto& parameter) { return parameter.name == key_parameter_; });
    if ((add_keys_ && needs_keys_.count(name)) || (remove_keys_ && has_keys)) {
      names.push_back(name);
    }
  }
  return names;
}

std::set<std::string> ModuleRewriter::held_classes(const Call& call) const {
  const std::string& name = call.dotted_callee;
  if (!class_values_ || name.empty() || callables_.count(name)) return {};
  const auto kind = resolver_.resolve(call).kind;
  if (name.find('.') == std::string::npos && kind == rewrite::ResolvedCall::Kind::local) {
    return class_values_->held(call.primary, name);
  }
  if (kind == rewrite::ResolvedCall::Kind::method && name.find('.') == name.rfind('.')) {
    return field_values_->held(call.method, name.rfind("self.", 0) == 0);  // `config.block(...)`
  }
  return {};
}

std::map<std::string, FunctionDef> ModuleRewriter::constructors() const {
  std::map<std::string, FunctionDef> found;
  for (const auto& [name, callable] : callables_) {
    if (callable.is_class) found.emplace(name, callable.function);
  }
  return found;
}

std::set<std::string> ModuleRewriter::constructed_classes(const Call& call) const {
  auto callable = callables_.find(call.dotted_callee);
  if (callable != callables_.end() && callable->second.is_class) return {call.dotted_callee};
  return held_classes(call);
}

bool ModuleRewriter::calls_held_class(const Call& call, bool needing_keys) const {
  for (const std::string& one : held_classes(call)) {
    if (!needing_keys || needs_keys_.count(one) || imported_names_.count(one)) return true;
  }
  return false;
}

bool ModuleRewriter::calls_held_field(const Call& call) const {
  return call.dotted_callee.find('.') != std::string::npos && calls_held_class(call, false);
}

bool ModuleRewriter::inside_removed_argument(NodeId node) const {
  for (NodeId at = node; at != python::kNoNode; at = tree_.node(at).parent) {
    if (removed_arguments_.count(at)) return true;
  }
  return false;
}

bool ModuleRewriter::in_keys_scope(NodeId node) const {
  const auto index = function_bodies_ ? function_bodies_->innermost(node) : std::nullopt;
  if (!index) return false;
  return keys_functions_.count(functions_[*index].node) > 0;
}

std::optional<std::string> ModuleRewriter::local_call(const Call& call, const EditSet& edits,
                                                      TargetSpelling& spelling) const {
  const uint32_t end = tree_.node(call.trailer).end;
  if (add_keys_ &&
      (needs_keys_.count(callee_of(call)) || calls_held_class(call, true) ||
       calls_imported_keyed(call)) &&
      !keyword_argument(call, key_parameter_)) {
    const std::string value = in_keys_scope(call.primary) ? key_parameter_ : fresh_keys(spelling);
    const uint32_t close = tree_.node(call.arguments.close).begin;
    std::string before = edits.text(call.callee_begin, close);
    const bool empty = call.arguments.items.empty();
    // Keep the closing parenthesis where it was (its own line in a multi-line call).
    size_t kept = before.size();
    while (kept > 0 && (before[kept - 1] == ' ' || before[kept - 1] == '\n')) --kept;
    const std::string layout = before.substr(kept);
    before.resize(kept);
    const std::string separator = empty ? "" : (call.arguments.trailing_comma ? " " : ", ");
    const std::string comma = call.arguments.trailing_comma ? "," : "";
    return before + separator + key_parameter_ + "=" + value + comma + layout +
           edits.text(close, end);
  }
  if (remove_keys_ && (callables_.count(callee_of(call)) || calls_held_class(call, false) ||
                       calls_imported_keyed(call))) {
    const rewrite::Argument* key = key_argument(call);
    if (key == nullptr) return std::nullopt;
    std::string text = edits.text(call.callee_begin, call.callee_end) + "(";
    bool first = true;
    for (const auto& argument : call.arguments.items) {
      if (&argument == key) continue;
      const auto& node = tree_.node(argument.node);
      text += (first ? "" : ", ") + edits.text(node.begin, node.end);
      first = false;
    }
    return text + ")";
  }
  return std::nullopt;
}

void ModuleRewriter::rewrite_classes(EditSet& edits, TargetSpelling& spelling) const {
  if (!target_.has_modules() || !source_.has_modules()) return;
  for (const auto& definition : module_classes_) {
    for (const auto& base : definition.bases.items) {
      const auto qualified = resolver_.qualify(rewrite::token_text(tree_, base.value));
      if (qualified && *qualified == source_.module_base_class) {
        const auto& node = tree_.node(base.value);
        edits.replace(node.begin, node.end, spelling.api(target_.module_base_class));
      }
    }
  }
  // The forward method and the constructor renamed (`forward` -> `__call__`, `__init__` ->
  // `setup`).
  for (const auto& [function, owner] : methods_) {
    std::string renamed;
    if (function.name == source_.forward_method) renamed = target_.forward_method;
    if (function.name == source_.constructor) renamed = target_.constructor;
    if (renamed.empty() || renamed == function.name) continue;
    const NodeId name = name_token(tree_, function.node);
    if (name == python::kNoNode) continue;
    const auto& node = tree_.node(name);
    edits.replace(node.begin, node.end, renamed);
  }
}

void ModuleRewriter::apply_statement_edits(rewrite::Rewriter& rewriter,
                                           TargetSpelling& spelling) const {
  if (!target_.has_modules() || !source_.has_modules()) return;
  for (const auto& [name, callable] : callables_) {
    const FunctionDef& function = callable.function;
    if (callable.is_class) {
      const auto statements = statements_of(tree_, function.body);
      NodeId super_call = python::kNoNode;
      for (NodeId statement : statements) {
        if (is_super_init(tree_, statement)) super_call = statement;
      }
      // A parent of the file's own takes its arguments: its super().__init__ stays.
      // So does a container's, which sets up the container (nnx.Sequential's layers).
      if (super_call != python::kNoNode && !target_.init_calls_super && callable.parent.empty() &&
          !container_subclasses_.count(name)) {
        rewrite::remove_statement(rewriter, super_call);
      } else if (super_call == python::kNoNode && target_.init_calls_super && !statements.empty()) {
        if (is_docstring(tree_, statements.front())) {
          rewrite::insert_statement_after(rewriter, statements.front(), "super().__init__()");
        } else {
          // Above the comments of the first statement (a `# switcheroo:` note a conversion
          // into this framework left there).
          rewrite::insert_statement_above_comments(rewriter, statements.front(),
                                                   "super().__init__()");
        }
      }
    }
    edit_key_parameter(rewriter, spelling, function, name);
    if (auto namesakes = namesakes_.find(name); namesakes != namesakes_.end()) {
      for (const FunctionDef& other : namesakes->second) {
        edit_key_parameter(rewriter, spelling, other, name);
      }
    }
  }
}

// The key parameter added to (or taken from) a function of callable `name`.
void ModuleRewriter::edit_key_parameter(rewrite::Rewriter& rewriter, TargetSpelling& spelling,
                                        const FunctionDef& function,
                                        const std::string& name) const {
  const auto& parameters = function.parameters.items;
  auto key_parameter =
      std::find_if(parameters.begin(), parameters.end(), [&](const auto& parameter) {
        return !key_parameter_.empty() && parameter.name == key_parameter_;
      });
  if (add_keys_ && needs_keys_.count(name) && key_parameter == parameters.end()) {
    size_t index = parameters.size();
    bool star = false;
    for (size_t i = 0; i < parameters.size(); ++i) {
      if (parameters[i].text.rfind("**", 0) == 0) {
        index = i;
        break;
      }
      if (parameters[i].text.rfind("*", 0) == 0) star = true;
    }
    const std::string parameter = key_parameter_ + ": " + spelling.api(target_.rng.type);
    rewrite::insert_parameter(rewriter, function, index, star ? parameter : "*, " + parameter);
  } else if (remove_keys_ && key_parameter != parameters.end()) {
    const size_t index = static_cast<size_t>(key_parameter - parameters.begin());
    const bool last = index + 1 == parameters.size();
    const bool before_kwargs = !last && parameters[index + 1].text.rfind("**", 0) == 0;
    const bool lone_star = index > 0 && parameters[index - 1].text == "*" && last;
    if (index > 0 && parameters[index - 1].text == "*" && before_kwargs) {
      // `*, key_parameter: nnx.Rngs, **kwargs`: a bare `*` before `**kwargs` is invalid Python.
      rewriter.replace_range(tree_.node(parameters[index - 1].node).begin,
                             tree_.node(parameters[index + 1].node).begin, "");
    } else if (lone_star && index >= 2) {
      // `, *, key_parameter: nnx.Rngs` goes as one piece, from the end of the parameter before
      // it.
      rewriter.replace_range(tree_.node(parameters[index - 2].node).end,
                             tree_.node(key_parameter->node).end, "");
    } else if (lone_star) {
      rewriter.replace_range(tree_.node(parameters[index - 1].node).begin,
                             tree_.node(key_parameter->node).end, "");
    } else {
      rewrite::remove_parameter(rewriter, function, index);
    }
  }
}

}  // namespace switcheroo::convert
