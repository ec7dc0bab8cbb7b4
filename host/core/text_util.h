// Small text helpers shared by the host's messages.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace switcheroo {

/// The candidate closest to `word` by edit distance, if it is close enough to be a typo.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

/// `'a', 'b', 'c'` (each quoted, joined by `separator`).
std::string join_quoted(const std::vector<std::string>& words, std::string_view separator);

/// Plugin ids: a lowercase letter or digit, then lowercase letters, digits, '_' and '-'.
bool is_plugin_id(std::string_view text);

}  // namespace switcheroo
