// An adapter's traits read by dotted key (`rng.model`, `module.training.name`), the way the
// knowledge-base service shows them to plugins: one string per key over the traits v2 schema
// (docs/adapters.md), so the plugin boundary never depends on the layout of AdapterTraits.
#pragma once

#include "traits.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace switcheroo {

/// The value of `key` for `traits`: defaults as the schema states them, booleans as "true" or
/// "false", "" for a key the adapter leaves empty; nullopt for a key the schema lacks.
std::optional<std::string> trait_value(const AdapterTraits& traits, std::string_view key);

/// The fixed keys trait_value answers, sorted (not counting `arrays.dtype-names.<dtype>` and
/// `imports.<module>`).
std::vector<std::string> trait_keys();

}  // namespace switcheroo
