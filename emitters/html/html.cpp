// The HTML emitter: one self-contained page (inline SVG, CSS and script, nothing fetched) with
// the model graph laid out by Graphviz at every nesting depth. Blocks expand and collapse;
// hovering a box shows its arguments, parameters and shapes.
#include "page.h"

#include <switcheroo/emitter.hpp>

#include <algorithm>

namespace switcheroo_embedded {
extern const char page_css[];
extern const char page_js[];
}  // namespace switcheroo_embedded

namespace {

// Deeper nesting than this stays collapsed: each depth is one more layout in the page.
constexpr int kDeepest = 8;

class HtmlEmitter : public switcheroo::sdk::OptionlessPlugin {
 public:
  using OptionlessPlugin::OptionlessPlugin;

  std::string emit(std::string_view graph_json, uint32_t depth) const {
    const int deepest = std::max(kDeepest, static_cast<int>(std::min<uint32_t>(depth, 64)));
    const auto levels = switcheroo::diagram::build_diagram_levels(graph_json, deepest);
    const size_t shown = std::min<size_t>(depth, levels.size() - 1);
    return switcheroo::html::page(levels, shown, switcheroo_embedded::page_css,
                                  switcheroo_embedded::page_js);
  }
};

}  // namespace

SWITCHEROO_EMITTER(HtmlEmitter, "html", "0.1.0",
                   "interactive HTML pages of model graphs (inline SVG)", "HTML (SVG)", ".html")
