// The values the graph builder computes with while it interprets a model's source: Python
// literals and containers, framework names, functions and classes of the file, module objects,
// tensors (a graph node's output and its shape) and `unknown` values that carry the reason
// they could not be known. Anything computed from an unknown value is unknown with the same
// reason, so a shape is either right or visibly unknown, never a guess.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace switcheroo::graph {

struct FunctionDef;
struct ClassDef;
struct Value;
using ValuePtr = std::shared_ptr<Value>;

/// A class defined in the file, with its evaluated class-level attributes and methods.
struct ClassValue {
  const ClassDef* definition = nullptr;
  std::string name;
  std::vector<ValuePtr> bases;  ///< evaluated base expressions (classes or framework names)
  std::map<std::string, ValuePtr> attributes;
};

/// An object: an instance of a class of the file, or a constructed framework layer.
struct Instance {
  std::shared_ptr<ClassValue> class_value;  ///< null for a framework layer
  int module = -1;  ///< index into ModelGraph::modules when the object is a module
  std::map<std::string, ValuePtr> attributes;
  std::vector<std::string> attribute_order;  ///< first-assignment order (submodule order)
};

struct Value {
  enum class Kind {
    none,
    boolean,
    integer,
    floating,
    string,
    tuple,
    list,
    dict,      ///< items: key, value, key, value, ...
    set,       ///< items: distinct elements; iterating is not known (Python's order is by hash)
    slice,     ///< items: start, stop, step
    unknown,   ///< text: the reason
    tensor,    ///< node, output, items[0]: the shape (a tuple of integers, or unknown)
    object,    ///< instance
    class_,    ///< class_value
    function,  ///< function (bound to items[0] when it is a method)
    api,       ///< text: a qualified name reached through the file's imports (`torch.nn.Conv2d`)
    builtin,   ///< text: a builtin function's name; items[0]: the receiver of a builtin method
    super_,    ///< super() inside a method: items[0] the object, class_value where to start
  };
  Kind kind = Kind::none;
  bool boolean = false;
  int64_t integer = 0;
  double floating = 0;
  std::string text;
  std::vector<ValuePtr> items;
  std::shared_ptr<Instance> instance;
  std::shared_ptr<ClassValue> class_value;
  const FunctionDef* function = nullptr;
  int node = -1;    ///< tensor: the graph node that produced it, -1 for a constant
  int output = 0;   ///< tensor: which output of that node
  int file = 0;     ///< api: the file whose imports named it (0: the model's), for relative names
  /// tensor: its values as Python numbers (nested lists by axis, a number for a scalar) when
  /// it is a small constant whose values are known (docs/diagrams.md); null otherwise.
  ValuePtr data;
  std::string dtype;  ///< tensor: its hub dtype (`int64`, `bool`), "" when not known
  /// tensor: the module whose framework layer's parameter it is, read as an attribute
  /// (`self.embed.weight`), with its hub name in `text`; -1 for any other tensor.
  int parameter_of = -1;

  bool is_unknown() const { return kind == Kind::unknown; }
  bool is_number() const { return kind == Kind::integer || kind == Kind::floating || kind == Kind::boolean; }
  bool is_sequence() const { return kind == Kind::tuple || kind == Kind::list; }
  double number() const {
    return kind == Kind::floating ? floating : kind == Kind::boolean ? (boolean ? 1 : 0) : integer;
  }
};

ValuePtr make_none();
ValuePtr make_bool(bool value);
ValuePtr make_int(int64_t value);
ValuePtr make_float(double value);
ValuePtr make_string(std::string value);
ValuePtr make_sequence(Value::Kind kind, std::vector<ValuePtr> items);
ValuePtr make_unknown(std::string reason);
ValuePtr make_api(std::string qualified);
ValuePtr make_builtin(std::string name, ValuePtr receiver = nullptr);
ValuePtr make_tensor(int node, int output, ValuePtr shape);

/// The largest number of elements whose values a constant tensor keeps.
constexpr int64_t kMaxTensorValues = 4096;

/// A tuple of known integers from `dims`.
ValuePtr make_shape(const std::vector<int64_t>& dims);
/// The integers of a shape value, or false when it is not a tuple of known integers.
bool shape_dims(const Value& shape, std::vector<int64_t>& dims);

/// The first unknown among `values` (null when none): what a computation of them reports.
ValuePtr first_unknown(const std::vector<ValuePtr>& values);

/// Python's truth value: 1 true, 0 false, -1 unknown.
int truth(const Value& value);
/// Python's `==` on literal values: 1, 0, or -1 when it cannot be known.
int equal(const Value& a, const Value& b);

/// The value as a Python literal (`(3, 3)`, `'same'`, `None`), or "" when it is not a literal
/// (a tensor, a module, an unknown value).
std::string literal_text(const Value& value);
/// For people: literals as themselves, other values by kind (`<tensor>`, `<Conv2d>`).
std::string describe(const Value& value);

}  // namespace switcheroo::graph
