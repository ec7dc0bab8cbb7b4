// The TikZ emitter: a standalone LaTeX document with the model graph as a TikZ picture, boxes
// and edges where Graphviz's dot put them (emitters/common/diagram.h). Compiles with pdflatex
// and TikZ alone.
#include "../common/diagram.h"

#include <switcheroo/emitter.hpp>

#include <algorithm>
#include <string>

namespace {

using switcheroo::diagram::Arrow;
using switcheroo::diagram::Diagram;
using switcheroo::diagram::Point;
using switcheroo::diagram::number;

std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '_': case '%': case '&': case '#': case '$': case '{': case '}':
        out += '\\';
        out += c;
        break;
      case '\\': out += "\\textbackslash{}"; break;
      case '~': out += "\\textasciitilde{}"; break;
      case '^': out += "\\textasciicircum{}"; break;
      case '\'': out += "\\textquotesingle{}"; break;
      default: out += c;
    }
  }
  return out;
}

std::string point(const Point& p, double height) {
  return "(" + number(p.x) + "," + number(height - p.y) + ")";
}

// dot's Bezier curve, or a straight line between the boxes when dot gave none.
std::string path(const Arrow& arrow, double height) {
  if (arrow.curve.size() < 4) {
    return "(n" + std::to_string(arrow.from) + ") -- (n" + std::to_string(arrow.to) + ")";
  }
  std::string out = point(arrow.curve[0], height);
  size_t k = 1;
  for (; k + 2 < arrow.curve.size(); k += 3) {
    out += " .. controls " + point(arrow.curve[k], height) + " and " +
           point(arrow.curve[k + 1], height) + " .. " + point(arrow.curve[k + 2], height);
  }
  if (k < arrow.curve.size()) out += " -- " + point(arrow.curve.back(), height);
  return out;
}

class TikzEmitter : public switcheroo::sdk::OptionlessPlugin {
 public:
  using OptionlessPlugin::OptionlessPlugin;

  std::string emit(std::string_view graph_json, uint32_t depth) const {
    const Diagram diagram = switcheroo::diagram::build_diagram(graph_json, static_cast<int>(depth));
    // The page is the layout's size (dot's bounds include the edge labels) plus a border: a
    // picture that grew past it would be an overfull box in pdflatex's log.
    const double right = diagram.width;
    const double border = 8;
    std::string out =
        "% " + escape(diagram.title) + ": drawn by swhost draw --emitter tikz\n"
        "\\documentclass{article}\n"
        "\\usepackage{tikz}\n"
        "\\usetikzlibrary{arrows.meta}\n"
        "\\usepackage[paperwidth=" + number(right + 2 * border + 2) + "pt, paperheight=" +
        number(diagram.height + 2 * border + 2) + "pt, margin=" + number(border) +
        "pt]{geometry}\n"
        "\\pagestyle{empty}\n"
        "\\setlength{\\parindent}{0pt}\n"
        "\\setlength{\\topskip}{0pt}\n"
        "\\begin{document}\n"
        "\\begin{tikzpicture}[x=1pt, y=1pt, >={Stealth[length=4pt]},\n"
        "  layer/.style={draw, rounded corners=2pt, fill=blue!6, align=center, inner sep=2pt,"
        " font=\\footnotesize},\n"
        "  block/.style={layer, fill=orange!12, double},\n"
        "  flow/.style={->, draw=black!70},\n"
        "  skip/.style={flow, dashed, draw=red!60!black},\n"
        "  size/.style={font=\\tiny, fill=white, inner sep=1pt, text=black!70}]\n"
        // dot's bounds hold every box, curve and label, but not the curves' control points,
        // which TikZ would count.
        "\\useasboundingbox (0,0) rectangle " + point(Point{right, 0}, diagram.height) + ";\n";
    for (size_t i = 0; i < diagram.boxes.size(); ++i) {
      const auto& box = diagram.boxes[i];
      std::string label = "\\textbf{" + escape(box.title) + "}";
      for (const auto& line : box.lines) label += "\\\\ " + escape(line);
      out += "\\node[" + std::string(box.group ? "block" : "layer") + ", minimum width=" +
             number(box.width) + "pt, minimum height=" + number(box.height) + "pt] (n" +
             std::to_string(i) + ") at " + point(box.center, diagram.height) + " {" + label +
             "};\n";
    }
    for (const auto& arrow : diagram.arrows) {
      out += "\\draw[" + std::string(arrow.skip ? "skip" : "flow") + "] " + path(arrow, diagram.height) + ";\n";
      if (arrow.label_width > 0) {
        out += "\\node[size] at " + point(arrow.label_center, diagram.height) + " {" +
               escape(arrow.label) + "};\n";
      }
    }
    out += "\\end{tikzpicture}%\n\\end{document}\n";
    return out;
  }
};

}  // namespace

SWITCHEROO_EMITTER(TikzEmitter, "tikz", "0.1.0", "TikZ pictures of model graphs (LaTeX)",
                   "TikZ (LaTeX)", ".tex")
