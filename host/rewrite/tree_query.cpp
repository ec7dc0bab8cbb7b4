#include "tree_query.h"

namespace switcheroo::rewrite {
namespace {

// Node kinds used below, looked up once by name from the grammar.
struct Kinds {
  uint16_t atom, primary, trailer, arguments, argument, parameters, parameter, function_def,
      class_def, decorated, decorator, block, file_input, import_name, import_from, dotted_name,
      dotted_as_name, import_as_names, import_as_name;
  uint16_t NAME, DOT, LPAR, RPAR, COMMA, EQUAL, STAR, DOUBLESTAR, AS;
};

const Kinds& kinds() {
  static const Kinds k = [] {
    auto of = [](const char* name) { return SyntaxTree::kind_of(name); };
    return Kinds{of("atom"),
                 of("primary"),
                 of("trailer"),
                 of("arguments"),
                 of("argument"),
                 of("parameters"),
                 of("parameter"),
                 of("function_def"),
                 of("class_def"),
                 of("decorated"),
                 of("decorator"),
                 of("block"),
                 of("file_input"),
                 of("import_name"),
                 of("import_from"),
                 of("dotted_name"),
                 of("dotted_as_name"),
                 of("import_as_names"),
                 of("import_as_name"),
                 of("NAME"),
                 of("DOT"),
                 of("LPAR"),
                 of("RPAR"),
                 of("COMMA"),
                 of("EQUAL"),
                 of("STAR"),
                 of("DOUBLESTAR"),
                 of("AS")};
  }();
  return k;
}

uint16_t kind(const SyntaxTree& tree, NodeId node) {
  return tree.node(node).kind;
}

std::string plain(const SyntaxTree& tree, NodeId node) {
  return std::string(tree.text(node));
}

Argument read_argument(const SyntaxTree& tree, NodeId node) {
  const Kinds& k = kinds();
  Argument argument;
  argument.node = node;
  argument.value = node;
  if (kind(tree, node) != k.argument) return argument;
  const auto children = tree.children(node);
  const uint16_t first = kind(tree, children[0]);
  if (first == k.NAME && children.size() == 3 && kind(tree, children[1]) == k.EQUAL) {
    argument.kind = Argument::Kind::keyword;
    argument.keyword = plain(tree, children[0]);
    argument.value = children[2];
  } else if (first == k.STAR) {
    argument.kind = Argument::Kind::star;
    argument.value = children[1];
  } else if (first == k.DOUBLESTAR) {
    argument.kind = Argument::Kind::double_star;
    argument.value = children[1];
  }
  return argument;
}

Parameter read_parameter(const SyntaxTree& tree, NodeId node) {
  const Kinds& k = kinds();
  Parameter parameter;
  parameter.node = node;
  parameter.text = plain(tree, node);
  for (NodeId child : tree.children(node)) {
    if (kind(tree, child) == k.NAME) {
      parameter.name = plain(tree, child);
      break;
    }
  }
  return parameter;
}

// Reads `( items )`, where the grammar leaves out a list rule that holds a single item.
template <class Item, class Read>
ItemList<Item> read_list(const SyntaxTree& tree, const std::vector<NodeId>& children,
                         size_t open_index, uint16_t list_kind, Read read) {
  const Kinds& k = kinds();
  ItemList<Item> list;
  list.open = children[open_index];
  for (size_t i = open_index + 1; i < children.size(); ++i) {
    const NodeId child = children[i];
    if (kind(tree, child) == k.RPAR) {
      list.close = child;
      break;
    }
    if (kind(tree, child) == list_kind) {
      for (NodeId item : tree.children(child)) {
        if (kind(tree, item) == k.COMMA) {
          list.trailing_comma = true;
        } else {
          list.items.push_back(read(tree, item));
          list.trailing_comma = false;
        }
      }
    } else {
      list.items.push_back(read(tree, child));
    }
  }
  return list;
}

std::vector<NodeId> decorators_of(const SyntaxTree& tree, NodeId definition, NodeId* statement) {
  std::vector<NodeId> decorators;
  *statement = definition;
  const NodeId parent = tree.node(definition).parent;
  if (parent != python::kNoNode && kind(tree, parent) == kinds().decorated) {
    *statement = parent;
    for (NodeId child : tree.children(parent)) {
      if (kind(tree, child) == kinds().decorator) decorators.push_back(child);
    }
  }
  return decorators;
}

// `a.b.c` from a dotted_name node, or from a single NAME token.
std::string dotted(const SyntaxTree& tree, NodeId node) {
  return token_text(tree, node);
}

}  // namespace

std::string token_text(const SyntaxTree& tree, NodeId node) {
  if (tree.is_token(node)) return plain(tree, node);
  std::string text;
  for (NodeId child : tree.children(node)) text += token_text(tree, child);
  return text;
}

bool is_within(const SyntaxTree& tree, NodeId node, NodeId ancestor) {
  for (NodeId at = node; at != python::kNoNode; at = tree.node(at).parent) {
    if (at == ancestor) return true;
  }
  return false;
}

NodeId enclosing_statement(const SyntaxTree& tree, NodeId node) {
  const Kinds& k = kinds();
  for (NodeId at = node; at != python::kNoNode; at = tree.node(at).parent) {
    const NodeId parent = tree.node(at).parent;
    if (parent == python::kNoNode) return at;
    const uint16_t parent_kind = kind(tree, parent);
    if (parent_kind == k.block || parent_kind == k.file_input) return at;
  }
  return node;
}

std::vector<Call> find_calls(const SyntaxTree& tree) {
  const Kinds& k = kinds();
  std::vector<Call> calls;
  for (NodeId id = 0; id < tree.size(); ++id) {
    if (kind(tree, id) != k.primary) continue;
    const auto parts = tree.children(id);
    for (size_t t = 1; t < parts.size(); ++t) {
      const auto trailer = tree.children(parts[t]);
      if (kind(tree, parts[t]) != k.trailer || kind(tree, trailer[0]) != k.LPAR) continue;
      Call call;
      call.primary = id;
      call.trailer = parts[t];
      call.callee_begin = tree.node(parts[0]).begin;
      call.callee_end = tree.node(parts[t - 1]).end;
      // A dotted callee: a NAME atom followed only by `.name` trailers.
      bool is_dotted = kind(tree, parts[0]) == k.atom &&
                       kind(tree, tree.node(parts[0]).first_child) == k.NAME &&
                       tree.node(tree.node(parts[0]).first_child).next_sibling == python::kNoNode;
      std::string name = is_dotted ? plain(tree, parts[0]) : std::string();
      for (size_t i = 1; is_dotted && i < t; ++i) {
        const auto piece = tree.children(parts[i]);
        is_dotted = kind(tree, piece[0]) == k.DOT;
        if (is_dotted) name += "." + plain(tree, piece[1]);
      }
      if (is_dotted) call.dotted_callee = name;
      const auto before = tree.children(parts[t - 1]);
      if (t >= 2 && kind(tree, parts[t - 1]) == k.trailer && kind(tree, before[0]) == k.DOT) {
        call.method = plain(tree, before[1]);
        call.receiver_end = tree.node(parts[t - 2]).end;
      }
      call.arguments = read_list<Argument>(tree, trailer, 0, k.arguments, read_argument);
      calls.push_back(std::move(call));
    }
  }
  return calls;
}

std::vector<FunctionDef> find_functions(const SyntaxTree& tree) {
  const Kinds& k = kinds();
  std::vector<FunctionDef> functions;
  for (NodeId id = 0; id < tree.size(); ++id) {
    if (kind(tree, id) != k.function_def) continue;
    FunctionDef function;
    function.node = id;
    const auto children = tree.children(id);
    for (size_t i = 0; i < children.size(); ++i) {
      const uint16_t child_kind = kind(tree, children[i]);
      if (child_kind == k.NAME && function.name.empty()) function.name = plain(tree, children[i]);
      if (child_kind == k.LPAR && function.parameters.open == python::kNoNode) {
        function.parameters = read_list<Parameter>(tree, children, i, k.parameters, read_parameter);
      }
      if (child_kind == k.block) function.body = children[i];
    }
    function.decorators = decorators_of(tree, id, &function.statement);
    functions.push_back(std::move(function));
  }
  return functions;
}

std::vector<ClassDef> find_classes(const SyntaxTree& tree) {
  const Kinds& k = kinds();
  std::vector<ClassDef> classes;
  for (NodeId id = 0; id < tree.size(); ++id) {
    if (kind(tree, id) != k.class_def) continue;
    ClassDef definition;
    definition.node = id;
    const auto children = tree.children(id);
    for (size_t i = 0; i < children.size(); ++i) {
      const uint16_t child_kind = kind(tree, children[i]);
      if (child_kind == k.NAME && definition.name.empty())
        definition.name = plain(tree, children[i]);
      if (child_kind == k.LPAR && definition.bases.open == python::kNoNode) {
        definition.bases = read_list<Argument>(tree, children, i, k.arguments, read_argument);
      }
      if (child_kind == k.block) definition.body = children[i];
    }
    definition.decorators = decorators_of(tree, id, &definition.statement);
    classes.push_back(std::move(definition));
  }
  return classes;
}

std::vector<ImportBinding> find_imports(const SyntaxTree& tree) {
  const Kinds& k = kinds();
  std::vector<ImportBinding> bindings;
  for (NodeId id = 0; id < tree.size(); ++id) {
    const uint16_t statement_kind = kind(tree, id);
    if (statement_kind == k.import_name) {
      for (NodeId item : tree.children(id)) {
        const uint16_t item_kind = kind(tree, item);
        if (item_kind == k.dotted_name) {  // `import a.b` binds `a`
          const std::string target = dotted(tree, item);
          bindings.push_back({target.substr(0, target.find('.')),
                              target.substr(0, target.find('.')), id, item, false});
        } else if (item_kind == k.dotted_as_name) {  // `import a.b as c` binds `c`
          const auto parts = tree.children(item);
          bindings.push_back({plain(tree, parts.back()), dotted(tree, parts[0]), id, item, false});
        }
      }
    } else if (statement_kind == k.import_from) {
      std::string module;
      bool after_import = false;
      for (NodeId child : tree.children(id)) {
        const uint16_t child_kind = kind(tree, child);
        if (!after_import) {
          if (child_kind == k.dotted_name || tree.is_token(child)) {
            if (plain(tree, child) == "import") {
              after_import = true;
            } else if (plain(tree, child) != "from") {
              module += child_kind == k.dotted_name ? dotted(tree, child) : plain(tree, child);
            }
          }
          continue;
        }
        std::vector<NodeId> items;
        if (child_kind == k.import_as_names) {
          for (NodeId item : tree.children(child)) {
            if (kind(tree, item) == k.import_as_name) items.push_back(item);
          }
        } else if (child_kind == k.import_as_name) {
          items.push_back(child);
        }
        for (NodeId item : items) {
          const auto parts = tree.children(item);
          const std::string name = plain(tree, parts[0]);
          const std::string local = parts.size() == 3 ? plain(tree, parts[2]) : name;
          const std::string prefix = module.empty() || module.back() == '.' ? module : module + ".";
          bindings.push_back({local, prefix + name, id, item, true});
        }
      }
    }
  }
  return bindings;
}

bool call_stands_alone(const SyntaxTree& tree, const Call& call) {
  if (tree.node(call.trailer).next_sibling != python::kNoNode) return false;
  const NodeId parent = tree.node(call.primary).parent;
  if (parent == python::kNoNode) return false;
  const std::string_view kind = tree.kind_name(parent);
  return kind == "expression_stmt" || kind == "return_stmt" || kind == "arguments" ||
         kind == "argument" || kind == "list_display" || kind == "lambdef";
}

}  // namespace switcheroo::rewrite
