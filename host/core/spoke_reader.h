// Reading the `[ops]` table of an adapter's spoke.toml and checking every mapping against the
// hub: the op exists, every argument named is one of its arguments, layouts permute the hub's
// axes, results are the op's results. Used by adapter_data.cpp and knowledge_overlay.cpp.
#pragma once

#include "adapter_data.h"
#include "toml_reader.h"

#include <string>
#include <string_view>
#include <vector>

namespace switcheroo::spoke_detail {

/// The string under `key`; fails "<where> needs '<key>'" when it is missing.
std::string required_string(const TomlReader& reader, const toml::table& table,
                            std::string_view key, const std::string& where);

/// An optional string restricted to `choices`; empty when absent.
std::string one_of(const TomlReader& reader, const toml::table& table, std::string_view key,
                   const std::vector<std::string>& choices);

/// Reads every mapping of the spoke into `data.ops` and `data.alternatives`.
void read_spoke(const TomlReader& reader, const toml::table& root, const Hub& hub,
                AdapterData& data);

/// Reads the mappings of one table of entries (a spoke's `[ops]`, an overlay's
/// `[spokes.<framework>]`) into `data.ops` and `data.alternatives`.
/// Where an alternative form's primary may be: in the same table (a spoke), or also in the
/// adapter's own spoke, which a knowledge overlay adds to (checked when it is merged).
enum class Primaries { same_table, same_table_or_adapter };
void read_ops(const TomlReader& reader, const toml::table& ops, const Hub& hub, AdapterData& data,
              Primaries primaries = Primaries::same_table);

}  // namespace switcheroo::spoke_detail
