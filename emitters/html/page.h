// The HTML page of a model graph: one SVG picture per nesting depth (each laid out by dot,
// emitters/common/diagram.h), the page's style and script inline, built as a pugixml tree.
#pragma once

#include "../common/diagram.h"

#include <string>
#include <vector>

namespace switcheroo::html {

/// The page for `levels` (depth 0, 1, ... as build_diagram_levels gives them), showing
/// `levels[shown]` first; `style` and `script` are put inline.
std::string page(const std::vector<diagram::Diagram>& levels, size_t shown,
                 const std::string& style, const std::string& script);

}  // namespace switcheroo::html
