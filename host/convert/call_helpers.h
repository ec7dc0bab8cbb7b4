// Helpers the reading (call_mapping.cpp) and the writing (call_writing.cpp) of a call share:
// argument lists, literals and the value transforms of spokes.
#pragma once

#include "call_mapping.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace switcheroo::convert::call_detail {

enum class LiteralKind { string, number, constant, tuple, other };

bool contains(const std::vector<std::string>& list, const std::string& value);
bool is_tensor_kind(const HubArgument& argument);
const HubArgument* find_parameter(const std::vector<const HubArgument*>& parameters,
                                  const std::string& name);
std::string join(const std::vector<std::string>& parts);
std::string tuple_of(const std::vector<std::string>& items);
std::string last_component(const std::string& api);
bool is_integer_literal(const std::string& text);
bool is_call_of(std::string_view text, std::string_view api);
std::string ordered_mapping(const std::string& item, bool named,
                            const std::string& spelling_mapping);
void settle_variadic(HubValue& value, const HubArgument* parameter,
                     const std::vector<std::optional<std::vector<std::string>>>& item_elements,
                     const std::vector<bool>& item_mappings, const std::string& spelling_mapping);
LiteralKind literal_kind(const std::string& text);
bool passes_through(const std::string& value, const std::map<std::string, std::string>& table);
/// A value that is not a literal, through a value table whose values change kind (PyTorch's
/// approximate='none'/'tanh' is the hub's False/True): looked up when the code runs,
/// `{'none': False, 'tanh': True}.get(a, a)`. `pairs` maps from the value's side to the other;
/// nullopt for a literal, or a table whose values keep their kind (the value passes as it is).
std::optional<std::string> looked_up(const std::string& value,
                                     const std::vector<std::pair<std::string, std::string>>& pairs);
std::string shortest_number(double value);
std::optional<int> decimal_places(const std::string& text);
std::string folded_number(double folded, char operation, const std::string& left,
                          const std::string& right);
std::string apply_transform(const std::string& formula, const std::string& value);
/// `text` with each of `fields`' names (`{array}`) replaced by its value wherever it occurs.
std::string filled(std::string text, const std::map<std::string, std::string>& fields);

/// A formula with each `{@qualified}` API written as `api` spells it; `{}` is left in place.
std::string spell_apis(const std::string& formula,
                       const std::function<std::string(const std::string&)>& api);
/// A transform's form with each other hub argument it names (`{num_heads}` in Keras's
/// `key_dim` form `{} // {num_heads}`) replaced by that argument's value as an operand; `{}`
/// and `{@api}` stay. Nullopt when `value` has none for a name.
std::optional<std::string> fill_form_arguments(
    const std::string& form,
    const std::function<std::optional<std::string>(const std::string&)>& value);
std::optional<std::string> subscripted_item(const std::string& formula, const HubValue& value);
std::string repeated_value(const HubValue& value, int count);
bool injected_value(const std::string& expected, const CallArgument& argument);
std::string also_primary(const OpMapping& mapping, const std::string& parameter);

}  // namespace switcheroo::convert::call_detail
