// The helpers of the hub's value and dtype rules (kb/shapes.toml `[values]`, `[dtypes]`): the
// values of small constant tensors (`arange(depth) * w_a + w_0`, `round(...)`, `diff(...)`) as
// nested lists of Python numbers, and the hub dtypes of results. Generic arithmetic only:
// nothing here names a framework; which framework call is which op is the spokes' business.
#pragma once

#include "interpreter.h"
#include "value.h"

#include <functional>
#include <map>
#include <string>

namespace switcheroo::graph {

/// A rule helper: the call's arguments, already known; null where they are not ones it models.
using RuleHelper = ValuePtr (*)(const CallArgs& args);

/// elementwise, arange_values, linspace_values, diff_values, single, promote, floating,
/// dtype_of, data_shape: by name.
const std::map<std::string, RuleHelper, std::less<>>& value_helpers();

/// The dims of a nested list of numbers (a number has none), or false when it is ragged or
/// holds anything else.
bool nested_dims(const Value& values, std::vector<int64_t>& dims);

/// `values` converted to hub dtype `dtype` as the framework stores them: integers truncated,
/// booleans as truth, float32 rounded to single precision. Null where that is not modelled
/// (float16, complex) or `values` are not numbers.
ValuePtr conform_values(const Value& values, const std::string& dtype);

/// The only element of a tensor's known values (`int(t)`, `t.item()`), or null.
ValuePtr single_element(const Value& tensor);

}  // namespace switcheroo::graph
