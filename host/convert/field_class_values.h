// Which attributes of objects may hold one of the file's classes as a value (the class, not an
// instance of it), so that a call of the attribute constructs that class (efficientnet):
//
//   @dataclass
//   class _BlockConfig:
//       channels: int
//       block: Callable[..., nn.Module]                 the dataclass's fields, in order
//   class MBConfig(_BlockConfig):
//       def __init__(self, channels, block=None):
//           if block is None:
//               block = MBConv
//           super().__init__(channels, block)           field `block`: MBConv
//   ...
//   layers.append(config.block(config, norm_layer))      constructs MBConv
//
// Sources: `self.<name> = value` in any function of the file; the arguments of a call of a
// dataclass of the file (`Config(c, block=Block)`) and of `super().__init__(...)` in a class
// derived from one, matched to its fields by position and keyword. What a value names is read as
// ClassValues reads it (names of the enclosing function holding classes count). Keyed by the
// attribute's name alone, `self.<name>` apart from a dataclass field read on another object (MBConv's
// `self.block` is its nn.Sequential): the receiver's class is not known, so an attribute also
// given a value that names no class holds none.
#pragma once

#include "class_values.h"

#include "rewrite/tree_query.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace switcheroo::convert {

class FieldClassValues {
 public:
  FieldClassValues(const python::SyntaxTree& tree, const std::vector<rewrite::Call>& calls,
                   const ClassValues& values);

  /// The classes an attribute of this name may hold: `self.<attribute>` when `on_self` (from
  /// the assignments to `self.<attribute>`), else a dataclass field read from another object
  /// (`config.block`). Empty when none, or when a value given to it elsewhere names no class
  /// (`self.block = nn.Sequential(...)`: an instance may be called).
  std::set<std::string> held(const std::string& attribute, bool on_self) const;

 private:
  void collect_self_assignments(const ClassValues& values);
  void collect_field_arguments(const std::vector<rewrite::Call>& calls, const ClassValues& values);
  /// The dataclass whose fields the call's arguments give, or nullptr.
  const std::vector<std::string>* fields_given(const rewrite::Call& call) const;
  struct Held {
    std::map<std::string, std::set<std::string>> classes;
    std::set<std::string> mixed;  // attributes also given values that name no class
  };
  static void hold(Held& held, const std::string& attribute, const std::set<std::string>& classes);

  const python::SyntaxTree& tree_;
  std::vector<rewrite::ClassDef> classes_;
  std::map<std::string, std::vector<std::string>> fields_;  // dataclass -> its fields, in order
  Held on_self_;      // from `self.<name> = value`
  Held fields_held_;  // from the arguments giving dataclass fields
};

}  // namespace switcheroo::convert
