#include "convert/field_class_values.h"
#include "python/parse.h"
#include "rewrite/tree_query.h"

#include <catch2/catch.hpp>

#include <set>
#include <string>

using namespace switcheroo;

namespace {

using Classes = std::set<std::string>;

// The classes `Block` and `Other` of the text, as values an attribute of that name may hold.
Classes held(const std::string& text, const std::string& attribute, bool on_self = false) {
  const python::SyntaxTree tree = python::parse(text);
  const auto functions = rewrite::find_functions(tree);
  const convert::ClassValues values(tree, functions, {"Block", "Other"});
  const convert::FieldClassValues fields(tree, rewrite::find_calls(tree), values);
  return fields.held(attribute, on_self);
}

const char* const kConfigs =
    "from dataclasses import dataclass\n"
    "@dataclass\n"
    "class Config:\n"
    "    channels: int\n"
    "    block: Callable[..., nn.Module]\n"
    "    ratio: float = 1.0\n"
    "class BlockConfig(Config):\n"
    "    def __init__(self, channels, block=None):\n"
    "        if block is None:\n"
    "            block = Block\n"
    "        super().__init__(channels, block)\n"
    "def make(c):\n"
    "    return Config(c, ratio=2.0, block=partial(Other, c))\n";

}  // namespace

TEST_CASE("a dataclass field holds the classes given by position and keyword",
          "[field-class-values]") {
  CHECK(held(kConfigs, "block") == Classes{"Block", "Other"});
  CHECK(held(kConfigs, "channels").empty());  // a name holding no class
  CHECK(held(kConfigs, "ratio").empty());
  CHECK(held(kConfigs, "block", true).empty());  // `self.block` is not the field
}

TEST_CASE("self.<name> given an instance does not hide a dataclass field of that name",
          "[field-class-values]") {
  const std::string text = std::string(kConfigs) +
                           "class Block:\n"
                           "    def __init__(self, cfg):\n"
                           "        self.block = Sequential(cfg.block(cfg))\n";
  CHECK(held(text, "block") == Classes{"Block", "Other"});
  CHECK(held(text, "block", true).empty());
}

TEST_CASE("arguments after an unpacked one are not matched to fields", "[field-class-values]") {
  const std::string text =
      "@dataclasses.dataclass\n"
      "class Config:\n"
      "    channels: int\n"
      "    block: type\n"
      "def make(args):\n"
      "    return Config(*args, Block)\n";
  CHECK(held(text, "block").empty());
}

TEST_CASE("a class that is not a dataclass has no fields by position", "[field-class-values]") {
  const std::string text =
      "class Config:\n"
      "    channels: int\n"
      "    block: type\n"
      "def make():\n"
      "    return Config(3, Block)\n";
  CHECK(held(text, "block").empty());
}

TEST_CASE("self.<name> holds the classes assigned, unless given an instance elsewhere",
          "[field-class-values]") {
  const std::string text =
      "class Net:\n"
      "    def __init__(self, block=Block, head=None):\n"
      "        self.block = block\n"
      "        self.head = Other\n"
      "class Two:\n"
      "    def __init__(self):\n"
      "        self.head = Other(3)\n";
  CHECK(held(text, "block", true) == Classes{"Block"});
  CHECK(held(text, "head", true).empty());  // Two's head is an instance, and may be called
  CHECK(held(text, "missing", true).empty());
  CHECK(held(text, "block").empty());  // not a dataclass field
}
