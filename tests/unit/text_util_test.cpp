#include "core/text_util.h"

#include <catch2/catch.hpp>

using namespace switcheroo;

TEST_CASE("closest_match suggests near misses only") {
  const std::vector<std::string> keys{"dirs", "enable", "files", "installed"};
  CHECK(closest_match("dir", keys) == "dirs");
  CHECK(closest_match("instaled", keys) == "installed");
  CHECK(closest_match("enabled", keys) == "enable");
  CHECK_FALSE(closest_match("colour", keys).has_value());
  CHECK(closest_match("alpah", {"alpha", "beta"}) == "alpha");
  CHECK_FALSE(closest_match("ab", {"xy"}).has_value());
  CHECK_FALSE(closest_match("x", {}).has_value());
}

TEST_CASE("join_quoted quotes every word") {
  CHECK(join_quoted({"a", "b"}, ", ") == "'a', 'b'");
  CHECK(join_quoted({}, ", ").empty());
}

TEST_CASE("plugin ids are lowercase words") {
  CHECK(is_plugin_id("torch"));
  CHECK(is_plugin_id("rng_threading"));
  CHECK(is_plugin_id("flax-nnx2"));
  CHECK_FALSE(is_plugin_id(""));
  CHECK_FALSE(is_plugin_id("Torch"));
  CHECK_FALSE(is_plugin_id("_private"));
  CHECK_FALSE(is_plugin_id("a b"));
  CHECK_FALSE(is_plugin_id(std::string(65, 'a')));
}
