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
  bool group = false;   ///< a collapsed module call
  int repeat = 1;       ///< identical module calls merged into this box
  Point center;         ///< after layout
  double width = 0, height = 0;
};

struct Arrow {
  int from = 0, to = 0;
  std::string label;          ///< the tensor shape flowing along it
  bool skip = false;          ///< a connection that bypasses the boxes between (residuals)
  std::vector<Point> curve;   ///< cubic Bezier points after layout: start, (c1, c2, end)...
};

struct Diagram {
  std::string title;
  std::vector<Box> boxes;
  std::vector<Arrow> arrows;
  double width = 0, height = 0;
};

/// Reads the graph's JSON form (version 1) and lays it out. Throws std::runtime_error with a
/// message on a document it cannot read.
Diagram build_diagram(std::string_view graph_json, int depth);

/// "1x64x56x56", or "?" for an unknown shape.
std::string shape_text(const std::vector<long long>& dims, bool known);

}  // namespace switcheroo::diagram
