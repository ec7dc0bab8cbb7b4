// The TikZ emitter: a standalone LaTeX document with the model graph as a TikZ picture, boxes
// and edges where Graphviz's dot put them (emitters/common/diagram.h). Compiles with pdflatex
// and TikZ alone.
#include "../common/diagram.h"

#include <switcheroo/emitter.hpp>

#include <algorithm>
#include <cstdio>
#include <string>

namespace {

using switcheroo::diagram::Diagram;
using switcheroo::diagram::Point;

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

std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.1f", value);
  return buffer;
}

std::string point(const Point& p, double height) {
  return "(" + number(p.x) + "," + number(height - p.y) + ")";
}

class TikzEmitter : public switcheroo::sdk::OptionlessPlugin {
 public:
  using OptionlessPlugin::OptionlessPlugin;

  std::string emit(std::string_view graph_json, uint32_t depth) const {
    const Diagram diagram = switcheroo::diagram::build_diagram(graph_json, static_cast<int>(depth));
    // The page is the layout's size plus a border, and the shape labels right of the edges:
    // a picture that grew past it would be an overfull box in pdflatex's log.
    double right = diagram.width;
    for (const auto& arrow : diagram.arrows) {
      if (arrow.curve.size() < 4) continue;
      const Point& middle = arrow.curve[arrow.curve.size() / 2];
      right = std::max(right, middle.x + 6 + 3.4 * static_cast<double>(arrow.label.size()));
    }
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
        "  size/.style={font=\\tiny, fill=white, inner sep=1pt, text=black!70}]\n";
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
      if (arrow.curve.size() < 4) {
        out += "\\draw[" + std::string(arrow.skip ? "skip" : "flow") + "] (n" +
               std::to_string(arrow.from) + ") -- (n" + std::to_string(arrow.to) + ");\n";
        continue;
      }
      out += "\\draw[" + std::string(arrow.skip ? "skip" : "flow") + "] " +
             point(arrow.curve[0], diagram.height);
      size_t k = 1;
      for (; k + 2 < arrow.curve.size(); k += 3) {
        out += " .. controls " + point(arrow.curve[k], diagram.height) + " and " +
               point(arrow.curve[k + 1], diagram.height) + " .. " +
               point(arrow.curve[k + 2], diagram.height);
      }
      if (k < arrow.curve.size()) out += " -- " + point(arrow.curve.back(), diagram.height);
      out += " node[size, pos=0.5, anchor=west, xshift=2pt] {" + escape(arrow.label) + "};\n";
    }
    out += "\\end{tikzpicture}%\n\\end{document}\n";
    return out;
  }
};

}  // namespace

SWITCHEROO_EMITTER(TikzEmitter, "tikz", "0.1.0", "TikZ pictures of model graphs (LaTeX)",
                   "TikZ (LaTeX)", ".tex")
