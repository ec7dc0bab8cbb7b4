// Hyper-parameters as class fields and children as templates, for frameworks whose traits say
// `[module] hyper-parameters = "fields"` (and how children are made, `[module] children`):
//
//   class Block(nn.Module):                     class Block(base_layer.BaseLayer):
//       def __init__(self, d, p=0.5):               d: int = 0
//           super().__init__()                      p: float = 0.5
//           self.fc = nn.Linear(d, d)     <->       def setup(self):
//   net = Block(4)                                      self.create_child('fc', pax_fiddle.Config(pl.Linear, input_dims=self.d, ...))
//                                               net = pax_fiddle.instantiate(pax_fiddle.Config(Block, d=4))
//
// Writing: the constructor's parameters become annotated fields with defaults (the annotation
// as written, else the type of the default or of the literal values the file passes, else
// `typing.Any`), their uses in the constructor `self.<name>`, calls of the class keyword
// calls, a layer assigned to `self.<name>` in the constructor a child template, and a module
// built elsewhere is instantiated from a template. Reading undoes each of these: fields become
// constructor parameters (kept as attributes where other methods read them).
#pragma once

#include "edit_set.h"
#include "spelling.h"

#include "core/adapter_data.h"
#include "rewrite/child_templates.h"
#include "rewrite/names.h"
#include "rewrite/rewriter.h"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace switcheroo::convert {

class ModuleFields {
 public:
  ModuleFields(const python::SyntaxTree& tree, const rewrite::NameResolver& resolver,
               const AdapterTraits& source, const AdapterTraits& target);

  /// Finds the hyper-parameters of `module_classes` and the children, and adds the edits of
  /// their uses inside constructors. What cannot move is added to `problems` (offset, message).
  void plan(const std::vector<rewrite::ClassDef>& module_classes,
            const std::vector<rewrite::Call>& calls, EditSet& edits,
            std::vector<std::pair<uint32_t, std::string>>& problems);

  /// The file's calls, and (reading) its child templates: before plan(), for whatever asks
  /// child_name() earlier; plan() finds them itself otherwise.
  void find_children(const std::vector<rewrite::Call>& calls);
  /// Reading: a call of the source's template factory as a call of its layer class, which the
  /// engine converts in its place; nullopt for any other call.
  std::optional<rewrite::Call> template_as_call(const rewrite::Call& call) const;
  /// Reading: the name of the child a template call registers (`self.create_child('fc',
  /// Config(...))` -> "fc"), for the template call or its call of the layer class; nullopt
  /// for any other call.
  std::optional<std::string> child_name(const rewrite::Call& call) const;
  /// Reading: is this a template given as a field of another (`activation_tpl=Config(ReLU)`)?
  /// It is a value its outer template's layer reads, not a call to convert.
  bool is_field_template(const rewrite::Call& call) const {
    return nested_templates_.count(call.primary) > 0;
  }
  /// Reading: is this call the source's `instantiate` of one template (it becomes the layer)?
  bool is_instantiation(const rewrite::Call& call) const;

  /// Writing: a call of a module class of the file with its positional arguments as keywords
  /// (and instantiated from a template outside constructors); nullopt when it stays.
  std::optional<std::string> local_call(const rewrite::Call& call, const EditSet& edits,
                                        TargetSpelling& spelling) const;

  /// The hub's list of layers (`module_list`) on each side: the source's qualified API, in
  /// which a constructor gives a list of children (writing), and the target's as written, which
  /// a list of children becomes (reading; empty where the target's list is a plain list).
  struct LayerLists {
    std::string source_api;
    std::string target_api;
  };
  /// After the calls are converted: `self.<name> = <layer>` in constructors as child templates
  /// and `self.<name> = <list of layers>(...)` as a list of them (writing), or child templates
  /// and their lists as assignments (reading). `is_layer(call)` says whether a source call
  /// builds a layer.
  void rewrite_children(EditSet& edits, TargetSpelling& spelling,
                        const std::function<bool(const rewrite::Call&)>& is_layer,
                        const LayerLists& lists) const;
  /// Writing: the statement that makes the layer written as `layer_text` the child `name` of
  /// a module class: `self.<name> = <layer>`, or where the target's children are templates
  /// `self.create_child('<name>', Config(<layer class>, ...))`; nullopt when it cannot be.
  std::optional<std::string> child_statement(const std::string& name,
                                             const std::string& layer_text,
                                             TargetSpelling& spelling) const;
  /// Writing: the constructor's hyper-parameters leave its parameter list through `edits`,
  /// which absorbs the edits inside it (a converted annotation or default), after their
  /// converted texts are kept for the fields. Call before `edits` are applied.
  void take_constructor_parameters(EditSet& edits);
  /// Fields <-> constructor parameters, as statement edits.
  void apply_statement_edits(rewrite::Rewriter& rewriter, TargetSpelling& spelling) const;

 private:
  struct HyperParameter {
    std::string name;
    std::string field;       ///< its name as a field (writing: renamed where it would clash)
    std::string annotation;  ///< as written (converted, writing); empty when none
    std::string value;       ///< the default as written (converted, writing); empty when none
    python::NodeId node = python::kNoNode;  ///< the parameter, or the field statement
  };
  struct ModuleClass {
    rewrite::ClassDef definition;
    std::optional<rewrite::FunctionDef> constructor;
    std::vector<HyperParameter> parameters;  ///< in order
    std::set<std::string> read_elsewhere;    ///< fields other methods read (reading)
    std::vector<python::NodeId> stored;       ///< `self.<p> = <p>` statements (writing)
  };

  void plan_writing(ModuleClass& module, const std::vector<rewrite::Call>& calls,
                    EditSet& edits, std::vector<std::pair<uint32_t, std::string>>& problems);
  void plan_reading(ModuleClass& module, EditSet& edits);
  /// Reading: the name a field renamed by the source's `renamed-field` had ("" for another).
  std::string renamed_from(const std::string& field) const;
  /// Reading: keyword arguments of a renamed field in calls (and templates) of the file's
  /// classes take the parameter's name.
  void restore_keywords(EditSet& edits) const;
  std::string field_type(const ModuleClass& module, const HyperParameter& parameter,
                         TargetSpelling& spelling) const;
  void write_fields(rewrite::Rewriter& rewriter, const ModuleClass& module,
                    TargetSpelling& spelling) const;
  void write_parameters(rewrite::Rewriter& rewriter, const ModuleClass& module) const;
  void insert_constructor_code(rewrite::Rewriter& rewriter, const ModuleClass& module,
                               const std::string& parameters, const std::string& kept) const;
  std::optional<std::string> as_template(const std::string& layer_text,
                                         TargetSpelling& spelling) const;
  void read_children(EditSet& edits, const LayerLists& lists) const;
  /// Writing: `self.<name> = <lists.source_api>([<layer>, ...])` (or a comprehension of one
  /// layer) as `self.<list-method>('<name>', [<template>, ...])`; false when it is not one.
  using Templated = std::function<std::optional<std::string>(const rewrite::Call&, std::string)>;
  bool write_child_list(EditSet& edits, const rewrite::Call& call, python::NodeId assignment,
                        const std::string& name, const Templated& templated,
                        const std::function<bool(const rewrite::Call&)>& is_layer,
                        const LayerLists& lists) const;
  /// `self.create_child('<name>', <template>)`: the target's registration of a child.
  std::string child_registration(const std::string& name,
                                 const std::string& layer_template) const;
  bool in_constructor(python::NodeId node) const;

  const python::SyntaxTree& tree_;
  const rewrite::NameResolver& resolver_;
  const AdapterTraits& source_;
  const AdapterTraits& target_;
  bool writes_ = false;
  bool reads_ = false;
  std::vector<ModuleClass> classes_;
  std::map<std::string, std::size_t> by_name_;  // class name -> classes_ index
  std::vector<rewrite::Call> calls_;             // the file's calls (children point into it)
  bool found_children_ = false;
  std::vector<rewrite::ChildTemplate> children_;  // reading
  std::vector<rewrite::ChildList> child_lists_;    // reading
  std::set<python::NodeId> nested_templates_;     // reading: templates given as field values
  /// Literal values passed to a class's hyper-parameter: (class, parameter) -> texts.
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> passed_;
};

}  // namespace switcheroo::convert
