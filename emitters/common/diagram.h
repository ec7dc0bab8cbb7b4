// What both emitters draw: the model graph's nodes and module calls as boxes, collapsed below
// the requested depth (a module call deeper than `depth` becomes one box, and identical
// module calls in a row become one box marked "xN"), with the data-flow edges between them,
// laid out by Graphviz's dot (libgvc). Coordinates are points, y growing downwards.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace switcheroo::diagram {

struct Point {
  double x = 0;
  double y = 0;
};

struct Box {
  std::string title;               ///< module path or op
  std::vector<std::string> lines;  ///< kind, key arguments, parameters
  std::vector<std::string> details;  ///< everything known, for hover text
  std::vector<std::string> input_shapes, output_shapes;  ///< of the edges in and out
  bool group = false;   ///< a collapsed module call
  int call = -1;        ///< for a collapsed module call: its group id in the graph
  std::vector<int> within;  ///< the module calls (group ids) the box is inside, outermost first
  int repeat = 1;       ///< identical module calls merged into this box
  Point center;         ///< after layout
  double width = 0, height = 0;
};

struct Arrow {
  int from = 0, to = 0;
  std::string label;          ///< the tensor shape flowing along it
  bool skip = false;          ///< a shortcut: `to` is also reached from `from` through other boxes
  std::vector<Point> curve;   ///< cubic Bezier points after layout: start, (c1, c2, end)...
  Point label_center;         ///< where dot placed the label, clear of boxes and other labels
  double label_width = 0;     ///< the label's width as laid out
};

struct Diagram {
  std::string title;
  int depth = 0;        ///< the nesting drawn
  bool collapsed = false;  ///< whether some module call is one box at this depth
  std::vector<Box> boxes;
  std::vector<Arrow> arrows;
  double width = 0, height = 0;
};

/// Font sizes in points the layout reserves room for: box text and edge labels. Emitters draw
/// with fonts of these sizes (a character is about 0.6 of the size wide).
inline constexpr double kBoxFontSize = 8;
inline constexpr double kLabelFontSize = 6;

/// Reads the graph's JSON form (version 1) and lays it out. Throws std::runtime_error with a
/// message on a document it cannot read.
Diagram build_diagram(std::string_view graph_json, int depth);

/// The graph laid out at every depth from 0 until nothing is collapsed (at most `deepest`):
/// one diagram per depth, read from one parse of the document. Throws as build_diagram.
std::vector<Diagram> build_diagram_levels(std::string_view graph_json, int deepest);

/// A coordinate with one decimal, as printf's "%.1f" writes it ("12.5"), without parsing a
/// format each time: the emitters write thousands.
std::string number(double value);

/// "1x64x56x56", or "?" for an unknown shape.
std::string shape_text(const std::vector<long long>& dims, bool known);

}  // namespace switcheroo::diagram
