// reparse() against a whole parse: for changes of every kind at every place, the same tree or
// the same syntax error.
#include "python/parse.h"
#include "python/reparse.h"
#include "python/syntax_error.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <random>
#include <sstream>

using switcheroo::python::parse;
using switcheroo::python::reparse;
using switcheroo::python::reparse_statistics;
using switcheroo::python::SyntaxError;
using switcheroo::python::SyntaxTree;
using switcheroo::python::TextChange;

namespace {

// What a parse gives, as text: the tree's dump, or the located error.
std::string outcome(const std::function<SyntaxTree()>& parse_it) {
  try {
    std::ostringstream out;
    parse_it().dump(out);
    return out.str();
  } catch (const SyntaxError& error) {
    return "error " + std::to_string(error.location().line) + ":" +
           std::to_string(error.location().column) + " " + error.message();
  }
}

struct Edit {
  uint32_t begin;
  uint32_t end;
  std::string text;
};

// Applies edits (disjoint, in order) to `source`; fills `changes`.
std::string apply(const std::string& source, const std::vector<Edit>& edits,
                  std::vector<TextChange>& changes) {
  std::string result;
  uint32_t at = 0;
  for (const Edit& edit : edits) {
    result.append(source, at, edit.begin - at);
    result += edit.text;
    changes.push_back({edit.begin, edit.end, static_cast<uint32_t>(edit.text.size())});
    at = edit.end;
  }
  result.append(source, at, std::string::npos);
  return result;
}

// Checks reparse() against parse() for `edits` of `source`; returns whether statements were
// parsed on their own.
bool check_edits(const SyntaxTree& old, const std::vector<Edit>& edits) {
  std::vector<TextChange> changes;
  const std::string text = apply(old.source().bytes(), edits, changes);
  std::ostringstream listed;
  for (const Edit& edit : edits) listed << edit.begin << "-" << edit.end << " '" << edit.text << "' ";
  INFO("edits: " << listed.str() << "\nnew text:\n" << text);
  const std::size_t whole_before = reparse_statistics().whole;
  const std::string incremental = outcome([&] { return reparse(old, text, changes); });
  CHECK(incremental == outcome([&] { return parse(text); }));
  return reparse_statistics().whole == whole_before;
}

const char* const kSources[] = {
    "import torch\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
    "        self.fc = nn.Linear(3, 4)  # a layer\n\n    def forward(self, x):\n"
    "        if x is None:\n            return 0\n        elif x:\n            pass\n"
    "        else:\n            x = self.fc(x)\n        return x\n\n\ndef f(a,\n      b):\n"
    "    return [a,\n            b]\n# trailing comment\n",
    "@dec\nclass C:\n\tx = 1\n\tdef g(self):\n\t\ttry:\n\t\t\tpass\n\t\texcept E as e:\n"
    "\t\t\traise\n\t\tfinally:\n\t\t\ty = 2\n",
    "def h():\r\n    for i in range(3):\r\n        yield i\r\n    else:\r\n        pass\r\n",
    "match p:\n    case 1:\n        a = 'é'\n    case _:\n        b = f'{a!r:>{w}}'\n",
    "x = 1; y = 2\nif x: y = 3\nwhile y:\n    y -= 1\n    with a as b, c:\n        del b\n",
};

const char* const kTexts[] = {
    "",         "x",          "\n",     "    y = 1\n", "(",          ")",
    ":",        "\n    ",     "pass\n", "if a:\n",     "\t",         "# c\n",
    "\r\n",     "else:\n    pass\n",    "é",           "'",          "\"\"\"",
    "\\\n",     "        z = f(1)\n",   "def g():\n    return 1\n", "  ", "\r",
    "return\n", "jnp.zeros(3)",         "match",       "case 1:\n", "@d\n"};

}  // namespace

TEST_CASE("reparse gives a whole parse's tree for edits inside statements", "[python][reparse]") {
  const SyntaxTree old = parse(kSources[0]);
  const std::string& source = old.source().bytes();
  const auto at = [&](const std::string& what) {
    return static_cast<uint32_t>(source.find(what));
  };
  // A call replaced, a statement added before another in a method, a header changed.
  const uint32_t call = at("nn.Linear(3, 4)");
  CHECK(check_edits(old, {{call, call + 15, "nn.Dense(4)"}}));
  const uint32_t ret = at("return x");
  CHECK(check_edits(old, {{ret, ret, "x = x + 1\n        "}}));
  const uint32_t def = at("def f(a");
  CHECK(check_edits(old, {{call, call + 2, "flax"}, {def + 4, def + 5, "g"}}));
  // A statement removed with its line, and one that leaves its block empty: the block's
  // owner is parsed instead, or the whole file.
  // A statement removed with its leading trivia, from a block that keeps another.
  const uint32_t super_call = at("        super()");
  CHECK(check_edits(old, {{super_call, super_call + 27, ""}}));
  const uint32_t pass = at("            pass\n");
  check_edits(old, {{pass, pass + 17, ""}});
  check_edits(old, {{pass, pass + 17, "            pass\n    q = 1\n"}});
}

TEST_CASE("reparse gives a whole parse's outcome for random edits", "[python][reparse]") {
  std::mt19937 random(20261207);
  std::size_t on_their_own = 0;
  std::size_t trials = 0;
  for (const char* text : kSources) {
    const SyntaxTree old = parse(text);
    const auto size = static_cast<uint32_t>(old.source().bytes().size());
    for (int trial = 0; trial < 400; ++trial) {
      std::vector<uint32_t> points;
      const int count = 1 + static_cast<int>(random() % 4);
      for (int i = 0; i < count; ++i) points.push_back(static_cast<uint32_t>(random() % (size + 1)));
      std::sort(points.begin(), points.end());
      std::vector<Edit> edits;
      for (int i = 0; i + 1 < count; i += 2) {
        const uint32_t end = random() % 3 == 0 ? points[i] : points[i + 1];
        edits.push_back({points[i], end, kTexts[random() % std::size(kTexts)]});
      }
      if (edits.empty()) edits.push_back({points[0], points[0], kTexts[random() % std::size(kTexts)]});
      ++trials;
      if (check_edits(old, edits)) ++on_their_own;
    }
  }
  // Most random edits break the file or cross statements; some must still be reparsed alone.
  INFO(on_their_own << " of " << trials << " reparsed statement by statement");
  CHECK(on_their_own > trials / 20);
}
