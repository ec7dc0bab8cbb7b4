#include "convert/class_values.h"
#include "convert/forwarded_keywords.h"
#include "python/parse.h"
#include "rewrite/tree_query.h"

#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

using namespace switcheroo;

namespace {

using Classes = std::set<std::string>;

// What a forwarding of the text's classes found: its class, the callee of the call given
// `**kwargs`, each construction's callee and forwarded keywords, and why, if anything.
struct Found {
  std::string owner;
  std::string callee;
  std::vector<std::pair<std::string, std::vector<std::string>>> sites;
  std::string why;
};

std::vector<Found> forwardings(const std::string& text, const Classes& classes) {
  const python::SyntaxTree tree = python::parse(text);
  const auto functions = rewrite::find_functions(tree);
  const auto calls = rewrite::find_calls(tree);
  const convert::ClassValues values(tree, functions, classes);
  std::map<std::string, rewrite::FunctionDef> constructors;
  for (const auto& definition : rewrite::find_classes(tree)) {
    for (const auto& function : functions) {
      const auto& node = tree.node(function.node);
      const auto& body = tree.node(definition.body);
      if (function.name == "__init__" && node.begin >= body.begin && node.end <= body.end) {
        constructors.emplace(definition.name, function);
      }
    }
  }
  auto constructs = [&](const rewrite::Call& call) -> std::set<std::string> {
    if (classes.count(call.dotted_callee)) return {call.dotted_callee};
    return values.held(call.primary, call.dotted_callee);
  };
  const convert::ForwardedKeywords forwarded(tree, calls, constructors, constructs);
  std::vector<Found> found;
  for (const auto& forwarding : forwarded.all()) {
    Found one{forwarding.owner, forwarding.call->dotted_callee, {}, forwarding.why};
    for (const auto& site : forwarding.sites) {
      std::vector<std::string> keywords;
      for (size_t index : site.keywords) {
        keywords.push_back(site.call->arguments.items[index].keyword);
      }
      one.sites.emplace_back(site.call->dotted_callee, keywords);
    }
    found.push_back(one);
  }
  return found;
}

const char* const kBasic =
    "class Basic(nn.Module):\n"
    "    def __init__(self, cin, cout, *, scale=1, **kwargs):\n"
    "        self.conv = nn.Conv2d(cin, cout, bias=False, **kwargs)\n";

}  // namespace

TEST_CASE("constructions by name and through names holding the class give their keywords",
          "[forwarded-keywords]") {
  const std::string text = std::string(kBasic) +
                           "class Net(nn.Module):\n"
                           "    def __init__(self, blocks=None):\n"
                           "        if blocks is None:\n"
                           "            blocks = [Basic, Net]\n"
                           "        conv_block = blocks[0]\n"
                           "        self.a = conv_block(3, 4, kernel_size=3, scale=2, stride=2)\n"
                           "        self.b = Basic(4, 4, padding=1)\n"
                           "        self.c = blocks[1](4)\n";
  const auto found = forwardings(text, {"Basic", "Net"});
  REQUIRE(found.size() == 1);
  CHECK(found[0].owner == "Basic");
  CHECK(found[0].callee == "nn.Conv2d");
  CHECK(found[0].why.empty());
  using Site = std::pair<std::string, std::vector<std::string>>;
  // `scale` is the constructor's own; `blocks[1](4)` constructs Net only.
  CHECK(found[0].sites == std::vector<Site>{{"conv_block", {"kernel_size", "stride"}},
                                            {"Basic", {"padding"}}});
}

TEST_CASE("blocks[0] of one list display holds its element's class only", "[class-values]") {
  const python::SyntaxTree tree = python::parse(
      "def f(blocks=None, other=None):\n"
      "    if blocks is None:\n"
      "        blocks = [Basic, Net]\n"
      "    first = blocks[0]\n"
      "    second = blocks[1]\n"
      "    other = [Net]\n"
      "    other = [Basic]\n"
      "    either = other[0]\n"
      "    x = x[0]\n"
      "    return first\n");
  const auto functions = rewrite::find_functions(tree);
  const convert::ClassValues values(tree, functions, {"Basic", "Net"});
  const auto at = functions[0].body;
  CHECK(values.held(at, "first") == Classes{"Basic"});
  CHECK(values.held(at, "second") == Classes{"Net"});
  CHECK(values.held(at, "either") == Classes{"Basic", "Net"});  // two displays: all
  CHECK(values.held(at, "x").empty());  // a name subscripting itself ends
}

TEST_CASE("a construction that cannot be read leaves the forwarding unknown",
          "[forwarded-keywords]") {
  const std::string text = std::string(kBasic) +
                           "class Net(nn.Module):\n"
                           "    def __init__(self, opts):\n"
                           "        self.a = Basic(3, 4, **opts)\n";
  auto found = forwardings(text, {"Basic", "Net"});
  REQUIRE(found.size() == 1);
  CHECK(found[0].why == "a construction of 'Basic' unpacks its arguments");

  found = forwardings(std::string(kBasic) + "net = Basic(3, 4, 2)\n", {"Basic"});
  REQUIRE(found.size() == 1);
  CHECK(found[0].why ==
        "a construction of 'Basic' passes more positional arguments than it names");

  const std::string shared = std::string(kBasic) +
                             "def make(block=None):\n"
                             "    block = Basic\n"
                             "    block = Net\n"
                             "    return block(3, 4, kernel_size=1)\n";
  found = forwardings(shared, {"Basic", "Net"});
  REQUIRE(found.size() == 1);
  CHECK(found[0].why == "'block(...)' may construct 'Basic' or another class");
}

TEST_CASE("**kwargs used twice, or given to no call, forwards nothing", "[forwarded-keywords]") {
  CHECK(forwardings("class A:\n"
                    "    def __init__(self, **kwargs):\n"
                    "        self.conv = nn.Conv2d(1, 2, **kwargs)\n"
                    "        self.size = kwargs.get('kernel_size')\n",
                    {"A"})
            .empty());
  CHECK(forwardings("class A:\n"
                    "    def __init__(self, **kwargs):\n"
                    "        self.opts = kwargs\n",
                    {"A"})
            .empty());
}
