#include "layout.h"

#include <graphviz/gvc.h>
#include <graphviz/gvplugin.h>

#include <algorithm>
#include <memory>

// dot's layout plugin, linked in: a context made with it alone loads no plugin from Graphviz's
// configuration, in particular not the pango text layout, whose font setup would cost more
// than the layout itself. Labels are then measured with Graphviz's built-in font metrics.
extern "C" gvplugin_library_t gvplugin_dot_layout_LTX_library;

namespace switcheroo::diagram {
namespace {

GVC_t* dot_context() {
  static const lt_symlist_t builtins[] = {
      {"gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library}, {nullptr, nullptr}};
  return gvContextPlugins(builtins, 0);
}

// Room for the box's text at kBoxFontSize: the title is bold, so a character is reckoned a
// little wider than the 0.6 em of a monospace one.
void size_box(Box& box) {
  size_t widest = box.title.size();
  for (const auto& line : box.lines) widest = std::max(widest, line.size());
  box.width = std::max(60.0, 0.65 * kBoxFontSize * static_cast<double>(widest) + 14);
  box.height = 1.375 * kBoxFontSize * static_cast<double>(box.lines.size() + 1) + 10;
}

// libgvc takes and keeps `char*`: the attribute names and values below outlive the graph.
void set(void* object, const char* name, const std::string& value) {
  agsafeset(object, const_cast<char*>(name), const_cast<char*>(value.c_str()),
            const_cast<char*>(""));
}

void declare(Agraph_t* graph, int kind, const char* name, const char* value) {
  agattr(graph, kind, const_cast<char*>(name), const_cast<char*>(value));
}

Point flipped(pointf p, const boxf& bounds) { return Point{p.x - bounds.LL.x, bounds.UR.y - p.y}; }

void read_arrow(Agedge_t* edge, const boxf& bounds, Arrow& arrow) {
  const splines* spline = ED_spl(edge);
  if (spline != nullptr && spline->size > 0) {
    const bezier& curve = spline->list[0];
    for (int k = 0; k < curve.size; ++k) arrow.curve.push_back(flipped(curve.list[k], bounds));
    if (curve.eflag) arrow.curve.push_back(flipped(curve.ep, bounds));
  }
  if (const textlabel_t* label = ED_label(edge); label != nullptr && label->set) {
    arrow.label_center = flipped(label->pos, bounds);
    arrow.label_width = label->dimen.x;
  }
}

}  // namespace

void lay_out(Diagram& diagram) {
  std::unique_ptr<GVC_t, int (*)(GVC_t*)> context(dot_context(), gvFreeContext);
  Agraph_t* graph = agopen(const_cast<char*>("model"), Agdirected, nullptr);
  declare(graph, AGRAPH, "rankdir", "TB");
  declare(graph, AGRAPH, "nodesep", "0.3");
  declare(graph, AGRAPH, "ranksep", "0.3");
  declare(graph, AGNODE, "shape", "box");
  declare(graph, AGNODE, "fixedsize", "true");
  declare(graph, AGNODE, "width", "1");
  declare(graph, AGNODE, "height", "0.5");
  declare(graph, AGNODE, "label", "");
  declare(graph, AGEDGE, "label", "");
  declare(graph, AGEDGE, "fontname", "Courier");
  declare(graph, AGEDGE, "fontsize", "6");
  std::vector<Agnode_t*> nodes;
  for (size_t i = 0; i < diagram.boxes.size(); ++i) {
    Box& box = diagram.boxes[i];
    size_box(box);
    Agnode_t* node = agnode(graph, const_cast<char*>(("n" + std::to_string(i)).c_str()), 1);
    set(node, "width", std::to_string(box.width / 72));
    set(node, "height", std::to_string(box.height / 72));
    nodes.push_back(node);
  }
  std::vector<Agedge_t*> edges;
  for (const Arrow& arrow : diagram.arrows) {
    Agedge_t* edge = agedge(graph, nodes[static_cast<size_t>(arrow.from)],
                            nodes[static_cast<size_t>(arrow.to)], nullptr, 1);
    // A shortcut does not pull its ends into one column: the main path stays straight.
    if (arrow.skip) set(edge, "weight", "0");
    set(edge, "label", " " + arrow.label + " ");
    edges.push_back(edge);
  }
  gvLayout(context.get(), graph, "dot");
  const boxf bounds = GD_bb(graph);
  diagram.width = bounds.UR.x - bounds.LL.x;
  diagram.height = bounds.UR.y - bounds.LL.y;
  for (size_t i = 0; i < nodes.size(); ++i) diagram.boxes[i].center = flipped(ND_coord(nodes[i]), bounds);
  for (size_t i = 0; i < edges.size(); ++i) read_arrow(edges[i], bounds, diagram.arrows[i]);
  gvFreeLayout(context.get(), graph);
  agclose(graph);
}

}  // namespace switcheroo::diagram
