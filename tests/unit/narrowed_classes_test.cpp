#include "convert/narrowed_classes.h"
#include "python/parse.h"

#include <catch2/catch.hpp>

#include <string>
#include <tuple>
#include <vector>

using namespace switcheroo;

namespace {

// The classes each read of `receiver.name` is narrowed to, in the file's order.
std::vector<std::vector<std::string>> narrowed(const std::string& text, const std::string& receiver,
                                               const std::string& name) {
  const python::SyntaxTree tree = python::parse(text);
  std::vector<std::vector<std::string>> found;
  for (const convert::AttributeRead& read : convert::attribute_reads(tree)) {
    if (read.receiver != receiver || read.name != name) continue;
    found.push_back(convert::narrowed_classes(tree, read.trailer, read.receiver));
  }
  return found;
}

using Classes = std::vector<std::vector<std::string>>;

}  // namespace

TEST_CASE("an if or elif body testing isinstance narrows its receiver", "[narrowed-classes]") {
  const std::string text =
      "for m in self.modules():\n"
      "    if isinstance(m, nn.Conv2d):\n"
      "        a = m.out_channels\n"
      "    elif n > 0 and isinstance(m, (nn.Linear, nn.Bilinear)):\n"
      "        a = m.out_channels\n"
      "    elif isinstance(m, nn.ReLU): a = m.out_channels\n"
      "    else:\n"
      "        a = m.out_channels\n";
  CHECK(narrowed(text, "m", "out_channels") ==
        Classes{{"nn.Conv2d"}, {"nn.Linear", "nn.Bilinear"}, {"nn.ReLU"}, {}});
}

TEST_CASE("the test itself, an or, a not and another receiver do not narrow", "[narrowed-classes]") {
  const std::string text =
      "if isinstance(m, A) and m.k > 1:\n"
      "    pass\n"
      "if isinstance(m, A) or b:\n"
      "    x = m.k\n"
      "if not isinstance(m, A):\n"
      "    x = m.k\n"
      "if isinstance(n, A):\n"
      "    x = m.k\n";
  CHECK(narrowed(text, "m", "k") == Classes{{}, {}, {}, {}});
}

TEST_CASE("a dotted receiver narrows, a called attribute is no read, and a function stops it",
          "[narrowed-classes]") {
  const std::string text =
      "if isinstance(self.proj, nn.Conv2d):\n"
      "    x = self.proj.in_channels * self.proj.kernel_size[0]\n"
      "    self.proj.reset()\n"
      "    def f():\n"
      "        return self.proj.in_channels\n";
  CHECK(narrowed(text, "self.proj", "in_channels") == Classes{{"nn.Conv2d"}, {}});
  CHECK(narrowed(text, "self.proj", "kernel_size") == Classes{{"nn.Conv2d"}});
  CHECK(narrowed(text, "self.proj", "reset").empty());
}

TEST_CASE("assignments of an attribute are counted within their scope", "[narrowed-classes]") {
  const std::string text =
      "class A:\n"
      "    def __init__(self):\n"
      "        self.conv = Conv(3)\n"
      "        self.proj: Module = seq\n"
      "        self.proj = Conv(2)\n"
      "        self.n += 1\n"
      "        self.m: int\n"
      "        x = self.conv\n";
  const python::SyntaxTree tree = python::parse(text);
  python::NodeId scope = python::kNoNode;
  for (python::NodeId id = 0; id < tree.size(); ++id) {
    if (tree.kind_name(id) == "class_def") scope = id;
  }
  REQUIRE(scope != python::kNoNode);
  CHECK(convert::assignments_of(tree, scope, "self.conv") == 1);
  CHECK(convert::assignments_of(tree, scope, "self.proj") == 2);
  CHECK(convert::assignments_of(tree, scope, "self.n") == 1);
  CHECK(convert::assignments_of(tree, scope, "self.m") == 0);
}

TEST_CASE("a long chain of names is read in linear time and memory", "[narrowed-classes]") {
  // x.y.y...y with 20,000 parts: each part's receiver is a prefix of one text. Kept as a
  // string per read, they held 200 million characters.
  std::string text = "h = x";
  for (int i = 0; i < 20000; ++i) text += ".y";
  const python::SyntaxTree tree = python::parse(text + "\n");
  const auto reads = convert::attribute_reads(tree);
  REQUIRE(reads.reads.size() == 20000);
  CHECK(reads.reads.front().receiver == "x");
  CHECK(reads.reads[2].receiver == "x.y.y");
  CHECK(reads.reads.back().receiver.size() == 1 + 2 * 19999);
  CHECK(reads.chains.size() == 1);
}

TEST_CASE("an attribute assigned, or read for its own attributes, is marked so",
          "[narrowed-classes]") {
  const python::SyntaxTree tree = python::parse("self.fc.stddev = 0.1\nx = m.stddev\nm.k[0] = 1\n");
  std::vector<std::tuple<std::string, bool, bool>> found;
  for (const convert::AttributeRead& read : convert::attribute_reads(tree)) {
    found.emplace_back(std::string(read.receiver) + "." + read.name, read.assigned, read.object);
  }
  CHECK(found == std::vector<std::tuple<std::string, bool, bool>>{{"self.fc", false, true},
                                                                  {"self.fc.stddev", true, false},
                                                                  {"m.stddev", false, false},
                                                                  {"m.k", false, false}});
}
