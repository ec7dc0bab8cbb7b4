// A unified diff of two texts (`--- a` / `+++ b` headers, hunks with three lines of context),
// as `swhost convert --diff` prints it.
#pragma once

#include <string>

namespace switcheroo::convert {

/// Empty when the texts are equal.
std::string unified_diff(const std::string& before, const std::string& after,
                         const std::string& before_name, const std::string& after_name);

}  // namespace switcheroo::convert
