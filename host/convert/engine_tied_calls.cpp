// Ties a framework writes as a call of the owner in place of the tied layer (its traits'
// `[[weights.tied-layer]]`, docs/weights.md "Tied weights"). Towards it, the tied layer's
// construction and the tie go, and a method of the layer's name calls the owner
// (`def head(self, x): return self.embed.attend(x)` for a Linear whose weight is an Embed's
// table, in Flax NNX); the class's calls of the layer call that method. From it, such a method
// becomes the layer again, built from the owner's sizes at the end of the constructor, and the
// tie.
#include "call_helpers.h"
#include "converter.h"
#include "expression_reading.h"

#include "rewrite/edits.h"
#include "rewrite/tree_query.h"

namespace switcheroo::convert::engine_detail {

uint32_t text_end(const python::SyntaxTree& tree, NodeId node) {
  const std::string_view text = tree.text(node);
  const size_t last = text.find_last_not_of(" \t\r\n");
  return tree.node(node).begin +
         static_cast<uint32_t>(last == std::string_view::npos ? 0 : last + 1);
}

namespace {

// The lines `node` is written on, from the first one's start to past the last one's newline.
std::pair<uint32_t, uint32_t> lines_of(const python::SyntaxTree& tree, NodeId node) {
  const uint32_t begin = tree.node(node).begin;
  const uint32_t start = begin - (tree.source().line_column(begin).column - 1);
  const size_t newline = tree.source().bytes().find('\n', text_end(tree, node));
  return {start, newline == std::string::npos ? static_cast<uint32_t>(tree.source().bytes().size())
                                              : static_cast<uint32_t>(newline + 1)};
}

// The lines of a definition with the comment lines directly above it and the blank lines
// below it.
std::pair<uint32_t, uint32_t> definition_lines(const python::SyntaxTree& tree, NodeId definition) {
  auto [begin, end] = lines_of(tree, definition);
  const std::string& source = tree.source().bytes();
  while (begin > 1) {
    const size_t newline = source.rfind('\n', begin - 2);
    const size_t start = newline == std::string::npos ? 0 : newline + 1;
    const size_t first = source.find_first_not_of(" \t", start);
    if (start + 1 >= begin || first >= begin || source[first] != '#') break;
    begin = static_cast<uint32_t>(start);
  }
  for (size_t first = source.find_first_not_of(" \t", end);
       first != std::string::npos && source[first] == '\n';
       first = source.find_first_not_of(" \t", end)) {
    end = static_cast<uint32_t>(first + 1);
  }
  return {begin, end};
}

// The statements of a block: its children that are not tokens.
std::vector<NodeId> statements_of(const python::SyntaxTree& tree, NodeId block) {
  std::vector<NodeId> statements;
  for (NodeId child : tree.children(block)) {
    if (!tree.is_token(child)) statements.push_back(child);
  }
  return statements;
}

// The method of a class whose body is `statement`'s block, and the class's next statement;
// (kNoNode, kNoNode) where `statement` is not directly in a method of a class.
std::pair<const rewrite::FunctionDef*, NodeId> method_around(
    const python::SyntaxTree& tree, const std::vector<rewrite::FunctionDef>& functions,
    NodeId statement) {
  const NodeId block = tree.node(statement).parent;
  const auto classes = rewrite::find_classes(tree);
  for (const rewrite::FunctionDef& function : functions) {
    if (function.body != block) continue;
    const NodeId class_block = tree.node(function.statement).parent;
    if (std::none_of(classes.begin(), classes.end(),
                     [&](const rewrite::ClassDef& owner) { return owner.body == class_block; })) {
      break;
    }
    const auto siblings = statements_of(tree, class_block);
    const auto at = std::find(siblings.begin(), siblings.end(), function.statement);
    if (at == siblings.end() || at + 1 == siblings.end()) break;
    return {&function, *(at + 1)};
  }
  return {nullptr, python::kNoNode};
}

// Does the construction read as `call` pass each of `when`'s hub arguments its value?
bool passes(const HubCall& call, const std::map<std::string, std::string>& when) {
  for (const auto& [argument, value] : when) {
    const auto given = call.values.find(argument);
    if (given == call.values.end() || given->second.text != value) return false;
  }
  return true;
}

}  // namespace

// The one construction of `attribute` (`self.embed`) in the class around `node`, read in hub
// terms; nullopt where there is none, more than one, or it does not read.
std::optional<std::pair<const Call*, HubCall>> Converter::layer_construction(
    NodeId node, const std::string& attribute) {
  const auto key = layer_attribute(node, attribute);
  std::optional<std::pair<const Call*, HubCall>> found;
  for (const auto& [trailer, built] : calls_by_trailer_) {
    if (built_attribute(*built) != key) continue;
    const ResolvedCall resolved = resolver_.resolve(*built);
    const auto* entries =
        resolved.kind == ResolvedCall::Kind::function ? index_.api(resolved.name) : nullptr;
    if (found || entries == nullptr || entries->empty()) return std::nullopt;
    std::string why;
    Choice choice = choose_entry(*built, *entries, Phase::construct, framework_call(*built),
                                 hub_spelling(), why);
    if (!choice.call) return std::nullopt;
    found.emplace(built, *choice.call);
  }
  return found;
}

// `form`'s call of the owner `owner` (`self.embed`) with `input`, its `{@api}`s spelled as
// the target file writes them.
std::string Converter::tied_call_text(const WeightTiedLayer& form, const std::string& owner,
                                      const std::string& input) {
  const std::string call = call_detail::filled(form.call, {{"{owner}", owner}, {"{input}", input}});
  return call_detail::spell_apis(call, [this](const std::string& qualified) { return spelling_.api(qualified); });
}

// The owner (`self.embed`) whose `form` call of `input` `text` is, read through the file's
// imports; nullopt where it is no such call.
std::optional<std::string> Converter::tied_call_owner(const WeightTiedLayer& form,
                                                      const std::string& text,
                                                      const std::string& input) const {
  const std::string pattern = call_detail::filled(form.call, {{"{owner}", "{}"}, {"{input}", input}});
  const auto owner = form_value(pattern, text, [this](std::string_view dotted) {
    return resolver_.qualify(dotted);
  });
  if (!owner || owner->rfind("self.", 0) != 0 || owner->size() == 5 ||
      !std::all_of(owner->begin() + 5, owner->end(),
                   [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; })) {
    return std::nullopt;
  }
  return owner;
}

// `self.<a>.<p> = self.<b>.<q>` (`statement`, directly in a method: the constructor) where the
// target writes the tie as a call of the owner: the construction of `self.<a>` and the tie go,
// and a method `<a>` after the constructor calls the owner, with a note. False, nothing
// changed, where the target has no such form, the layer's one construction passes other values
// than the form's `when`, or the constructor is its class's last statement.
bool Converter::tie_as_call(NodeId statement, const LayerParameter& tied,
                            const LayerParameter& owner, const std::string& op,
                            const std::string& owner_op) {
  const WeightTraits& source = source_.data->traits.weights;
  const WeightParameter* own = weight_parameter(source, op, tied.second, false);
  const WeightParameter* owners = weight_parameter(source, owner_op, owner.second, false);
  if (own == nullptr || owners == nullptr) return false;
  const WeightTiedLayer* form =
      target_.data->traits.weights.tied_layer(op, own->hub, owner_op, owners->hub);
  const auto built = form ? layer_construction(statement, tied.first) : std::nullopt;
  if (!built || !passes(built->second, form->when)) return false;
  const NodeId whole = rewrite::enclosing_statement(tree_, statement);
  const NodeId construction = rewrite::enclosing_statement(tree_, built->first->primary);
  const auto functions = rewrite::find_functions(tree_);
  const auto [constructor, next] = method_around(tree_, functions, whole);
  if (constructor == nullptr || tree_.node(construction).parent != constructor->body) return false;
  const std::string name = tied.first.substr(tied.first.find('.') + 1);
  const std::string outer = rewrite::indentation_of(tree_, constructor->statement);
  const std::string inner = rewrite::indentation_of(tree_, whole);
  const auto where = tree_.source().line_column(tree_.node(whole).begin);
  const std::string message = "'" + tied.first + "' ('" + op + "'), whose '" + own->hub +
                              "' is tied to '" + owner.first + "' '" + owners->hub + "' at line " +
                              std::to_string(where.line) + ", is written as a method calling '" +
                              owner.first + "' ([[weights.tied-layer]])";
  const std::string method = outer + "# switcheroo: " + message + "\n" + outer + "def " + name +
                             "(self, x):\n" + inner + "return " +
                             tied_call_text(*form, owner.first, "x") + "\n\n";
  const uint32_t at = lines_of(tree_, next).first;
  const auto [built_begin, built_end] = lines_of(tree_, construction);
  const auto [tie_begin, tie_end] = lines_of(tree_, whole);
  if (!edits_.replace(built_begin, built_end, "") || !edits_.replace(tie_begin, tie_end, "") ||
      !edits_.replace(at, at, method)) {
    return false;
  }
  note(tree_.node(whole).begin, message);
  return true;
}

// Methods that call an owner layer as the source's traits write a tied layer
// (`def head(self, x): return self.embed.attend(x)`): the layer and its tie again.
void Converter::convert_tied_calls() {
  const auto& forms = source_.data->traits.weights.tied_layers;
  if (forms.empty() || !target_.data->traits.has_modules()) return;
  for (const rewrite::FunctionDef& method : rewrite::find_functions(tree_)) {
    for (const WeightTiedLayer& form : forms) {
      if (tied_call_as_layer(method, form)) break;
    }
  }
}

// The tied layer's construction in the target: `form`'s op with the sizes `from_owner` takes
// from the owner's construction `owner` and the values of `when`; nullopt where it cannot be
// written.
std::optional<std::string> Converter::tied_layer_text(const WeightTiedLayer& form,
                                                      const HubCall& owner) {
  const HubOp* op = builtin_hub().find(form.op);
  const OpMapping* target = target_mapping(*target_.data, form.op, "layer");
  if (op == nullptr || target == nullptr) return std::nullopt;
  HubCall call{op, {}, {}, 0};
  for (const HubArgument& argument : op->arguments) {
    const auto from = form.from_owner.find(argument.name);
    const auto given =
        from == form.from_owner.end() ? owner.values.end() : owner.values.find(from->second);
    if (given != owner.values.end()) {
      call.values[argument.name] = value_of(given->second.text);
      call.values[argument.name].positional = true;
    }
  }
  for (const auto& [argument, value] : form.when) call.values[argument] = value_of(value);
  std::string why;
  const auto written = write_call(call, *target, Phase::construct, hub_spelling(), {}, why);
  return written ? std::optional(written->text) : std::nullopt;
}

// `method` (of a class, `(self, x)`, its body `return <form's call of self.<owner>>(x)`) where
// the target holds the tie as its layers' parameters: the method goes, with the comment lines
// above it, and the constructor ends with the layer's construction and the tie.
bool Converter::tied_call_as_layer(const rewrite::FunctionDef& method,
                                   const WeightTiedLayer& form) {
  const auto& parameters = method.parameters.items;
  const auto body = statements_of(tree_, method.body);
  if (parameters.size() != 2 || parameters[0].name != "self" || !method.decorators.empty() ||
      body.size() != 1 || tree_.text(body[0]).substr(0, 7) != "return ") {
    return false;
  }
  std::string returned = rewrite::token_text(tree_, body[0]).substr(6);
  returned.erase(returned.find_last_not_of(" \t\r\n;") + 1);
  const auto called = tied_call_owner(form, returned, parameters[1].name);
  if (!called || built_layer_op(method.node, *called) != form.owner) return false;
  const std::string& owner = *called;
  const WeightTraits& target = target_.data->traits.weights;
  const WeightParameter* own = weight_parameter(target, form.op, form.parameter, true);
  const WeightParameter* owners = weight_parameter(target, form.owner, form.owner_parameter, true);
  const auto built = layer_construction(method.node, owner);
  // The constructor beside it, in the same block.
  const NodeId class_block = tree_.node(method.statement).parent;
  const auto functions = rewrite::find_functions(tree_);
  const auto constructor =
      std::find_if(functions.begin(), functions.end(), [&](const auto& function) {
        return tree_.node(function.statement).parent == class_block &&
               function.name == source_.data->traits.constructor;
      });
  if (own == nullptr || owners == nullptr || own->permute != owners->permute || !built ||
      target.tied_layer(form.op, form.parameter, form.owner, form.owner_parameter)) {
    return false;
  }
  const auto layer = tied_layer_text(form, built->second);
  const auto last = constructor != functions.end() ? statements_of(tree_, constructor->body)
                                                   : std::vector<NodeId>{};
  if (!layer || last.empty()) return false;
  const std::string indentation = rewrite::indentation_of(tree_, last.back());
  const std::string attribute = "self." + method.name;
  const std::string text = "\n" + indentation + attribute + " = " + *layer + "\n" + indentation +
                           attribute + "." + own->name + " = " + owner + "." + owners->name;
  const auto [begin, end] = definition_lines(tree_, method.statement);
  const uint32_t at = text_end(tree_, last.back());
  if (!edits_.replace(begin, end, "") || !edits_.replace(at, at, text)) return false;
  withdraw_reports(begin, end);
  return true;
}

}  // namespace switcheroo::convert::engine_detail
