#include "page.h"

#include <pugixml.hpp>

#include <sstream>

namespace switcheroo::html {
namespace {

using diagram::Arrow;
using diagram::Box;
using diagram::Diagram;
using diagram::Point;
using diagram::number;

std::string joined(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : separator) + part;
  return out;
}

std::string joined(const std::vector<int>& numbers) {
  std::string out;
  for (int value : numbers) out += (out.empty() ? "" : " ") + std::to_string(value);
  return out;
}

pugi::xml_node element(pugi::xml_node parent, const char* name,
                       std::initializer_list<std::pair<const char*, std::string>> attributes = {}) {
  pugi::xml_node node = parent.append_child(name);
  for (const auto& [key, value] : attributes) node.append_attribute(key).set_value(value.c_str());
  return node;
}

void text(pugi::xml_node parent, const std::string& content) {
  parent.append_child(pugi::node_pcdata).set_value(content.c_str());
}

// Style and script are raw text in HTML and character data in XML: the CDATA markers sit in
// comments of the language inside, so both readings see the same code.
// The result reads `/*<![CDATA[*/ style /*]]>*/` and `//<![CDATA[ script //]]>`.
void raw_text(pugi::xml_node parent, const std::string& comment_open, const std::string& content,
              const std::string& comment_close) {
  text(parent, comment_open);
  parent.append_child(pugi::node_cdata)
      .set_value((comment_close + "\n" + content + "\n" + comment_open).c_str());
  if (!comment_close.empty()) text(parent, comment_close);
}

// What hovering shows: the box's text, every argument, and the shapes in and out.
std::string tip(const Box& box) {
  std::vector<std::string> lines{box.title};
  lines.insert(lines.end(), box.lines.begin(), box.lines.end());
  if (box.details != box.lines) lines.insert(lines.end(), box.details.begin(), box.details.end());
  if (!box.input_shapes.empty()) lines.push_back("in: " + joined(box.input_shapes, ", "));
  if (!box.output_shapes.empty()) lines.push_back("out: " + joined(box.output_shapes, ", "));
  return joined(lines, "\n");
}

void draw_box(pugi::xml_node svg, const Box& box) {
  std::string kind = box.group ? "box block" : "box";
  pugi::xml_node group = element(svg, "g", {{"class", kind}, {"data-tip", tip(box)}});
  if (box.group) group.append_attribute("data-call").set_value(box.call);
  if (!box.within.empty()) group.append_attribute("data-within").set_value(joined(box.within).c_str());
  const double left = box.center.x - box.width / 2, top = box.center.y - box.height / 2;
  element(group, "rect", {{"x", number(left)}, {"y", number(top)}, {"width", number(box.width)},
                          {"height", number(box.height)}, {"rx", "3"}});
  if (box.group) {
    element(group, "rect", {{"class", "inner"}, {"x", number(left + 2.5)}, {"y", number(top + 2.5)},
                            {"width", number(box.width - 5)}, {"height", number(box.height - 5)},
                            {"rx", "2"}});
  }
  const double line_height = 1.375 * diagram::kBoxFontSize;
  const double first = box.center.y - line_height * static_cast<double>(box.lines.size()) / 2;
  pugi::xml_node label = element(group, "text", {{"x", number(box.center.x)}});
  for (size_t i = 0; i <= box.lines.size(); ++i) {
    pugi::xml_node line = element(label, "tspan", {{"x", number(box.center.x)},
                                                   {"y", number(first + line_height * static_cast<double>(i))}});
    if (i == 0) line.append_attribute("class").set_value("title");
    text(line, i == 0 ? box.title : box.lines[i - 1]);
  }
}

std::string path(const Arrow& arrow, const std::vector<Box>& boxes) {
  if (arrow.curve.size() < 4) {
    const Point& a = boxes[static_cast<size_t>(arrow.from)].center;
    const Point& b = boxes[static_cast<size_t>(arrow.to)].center;
    return "M" + number(a.x) + "," + number(a.y) + " L" + number(b.x) + "," + number(b.y);
  }
  std::string out = "M" + number(arrow.curve[0].x) + "," + number(arrow.curve[0].y);
  size_t k = 1;
  for (; k + 2 < arrow.curve.size(); k += 3) {
    out += " C";
    for (size_t j = k; j < k + 3; ++j) {
      out += (j == k ? "" : " ") + number(arrow.curve[j].x) + "," + number(arrow.curve[j].y);
    }
  }
  if (k < arrow.curve.size()) {
    out += " L" + number(arrow.curve.back().x) + "," + number(arrow.curve.back().y);
  }
  return out;
}

void draw_level(pugi::xml_node main, const Diagram& level, bool shown) {
  pugi::xml_node holder = element(main, "div", {{"class", "level"},
                                                {"data-depth", std::to_string(level.depth)}});
  if (!shown) holder.append_attribute("hidden").set_value("hidden");
  const double border = 8;
  // Drawn at 1.5 times the layout's size: the layout measures its text at 8 and 6 points,
  // which read as 12 and 9 px on the page.
  const double scale = 1.5;
  const std::string width = number(level.width + 2 * border);
  const std::string height = number(level.height + 2 * border);
  pugi::xml_node svg = element(
      holder, "svg",
      {{"width", number(scale * (level.width + 2 * border))},
       {"height", number(scale * (level.height + 2 * border))},
       {"viewBox", number(-border) + " " + number(-border) + " " + width + " " + height}});
  for (const Arrow& arrow : level.arrows) {
    pugi::xml_node edge = element(svg, "g", {{"class", arrow.skip ? "edge skip" : "edge"}});
    element(edge, "path", {{"d", path(arrow, level.boxes)}});
    if (arrow.label_width > 0) {
      text(element(edge, "text", {{"x", number(arrow.label_center.x)},
                                  {"y", number(arrow.label_center.y)}}),
           arrow.label);
    }
  }
  for (const Box& box : level.boxes) draw_box(svg, box);
}

// The arrowheads every picture's edges refer to (url(#arrowhead)).
void markers(pugi::xml_node body) {
  pugi::xml_node defs = element(element(body, "svg", {{"class", "defs"}, {"width", "0"}, {"height", "0"}}), "defs");
  for (const auto& [id, colour] : {std::pair<const char*, const char*>{"arrowhead", "#555"},
                                   {"arrowhead-skip", "#8b1a1a"}}) {
    pugi::xml_node marker = element(defs, "marker", {{"id", id}, {"viewBox", "0 0 10 10"},
                                                     {"refX", "10"}, {"refY", "5"},
                                                     {"markerWidth", "7"}, {"markerHeight", "7"},
                                                     {"orient", "auto"}});
    element(marker, "path", {{"d", "M0,0 L10,5 L0,10 z"}, {"fill", colour}});
  }
}

void header(pugi::xml_node body, const std::string& title) {
  pugi::xml_node bar = element(body, "header");
  text(element(bar, "h1"), title);
  pugi::xml_node controls = element(bar, "span", {{"class", "controls"}});
  text(element(controls, "button", {{"id", "collapse"}, {"type", "button"},
                                    {"title", "collapse every block of the deepest level"}}),
       "\xe2\x88\x92");
  text(element(controls, "span", {{"id", "level"}}), "");
  text(element(controls, "button", {{"id", "expand"}, {"type", "button"},
                                    {"title", "expand every block"}}),
       "+");
  text(element(bar, "span", {{"class", "hint"}}),
       "click a block (double frame) to expand it; click a box inside it (shift-click a block "
       "there) to collapse it again; hover a box for its arguments, parameters and shapes");
}

}  // namespace

std::string page(const std::vector<Diagram>& levels, size_t shown, const std::string& style,
                 const std::string& script) {
  pugi::xml_document document;
  document.append_child(pugi::node_doctype).set_value("html");
  pugi::xml_node html = element(document, "html", {{"lang", "en"}});
  pugi::xml_node head = element(html, "head");
  element(head, "meta", {{"charset", "utf-8"}});
  const std::string title = levels.empty() ? std::string("model") : levels.front().title;
  text(element(head, "title"), title + " (swhost draw)");
  raw_text(element(head, "style"), "/*", style, "*/");
  pugi::xml_node body = element(html, "body", {{"data-levels", std::to_string(levels.size())}});
  markers(body);
  header(body, title);
  pugi::xml_node main = element(body, "main");
  for (size_t i = 0; i < levels.size(); ++i) draw_level(main, levels[i], i == shown);
  // An empty text keeps `<div></div>` apart: HTML reads `<div/>` as an open tag.
  text(element(body, "div", {{"id", "tip"}, {"hidden", "hidden"}}), "");
  text(element(body, "pre", {{"id", "status"}, {"hidden", "hidden"}}), "");
  raw_text(element(body, "script"), "//", script, "");
  std::ostringstream out;
  document.save(out, "", pugi::format_raw | pugi::format_no_declaration);
  out << '\n';
  return out.str();
}

}  // namespace switcheroo::html
