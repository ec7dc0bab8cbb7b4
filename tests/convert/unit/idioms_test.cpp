#include "convert/idioms.h"
#include "convert/layer_idioms.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

namespace switcheroo::convert {
namespace {

OpMapping mapping_with_hook(std::string hook, uint32_t line) {
  OpMapping mapping;
  mapping.op = "sum";
  mapping.api = "fw.sum";
  mapping.hook = std::move(hook);
  mapping.where = {"mine:spoke.toml", line, 7};
  return mapping;
}

}  // namespace

TEST_CASE("the engine's idioms form one sorted table") {
  const auto& idioms = builtin_idioms();
  REQUIRE_FALSE(idioms.empty());
  CHECK(std::is_sorted(idioms.begin(), idioms.end(), [](const auto& a, const auto& b) {
    return std::string(a.name) < std::string(b.name);
  }));
  for (const auto& idiom : idioms) {
    INFO(idiom.name);
    switch (idiom.stage) {
      case IdiomStage::whole_call:
      case IdiomStage::after_adapt: CHECK(idiom.write != nullptr); break;
      case IdiomStage::arguments: CHECK(idiom.adjust != nullptr); break;
      case IdiomStage::reading: CHECK(idiom.write == nullptr); break;
    }
  }
  CHECK(find_idiom("pool_window") != nullptr);
  CHECK(find_idiom("scan_loop")->without_api);
  CHECK(find_idiom("rng_threading") == nullptr);  // a hook plugin, not an idiom
  CHECK(find_idiom("") == nullptr);
}

TEST_CASE("a spoke may name only idioms and hook plugins") {
  AdapterData data;
  data.ops["sum"] = mapping_with_hook("pool_window", 3);
  data.ops["mean"] = mapping_with_hook("my_hook", 4);
  data.alternatives["sum/other"] = mapping_with_hook("nobody_writes_this", 5);
  const AdapterSummary summary = summarize(data);
  CHECK(summary.ops == 2);
  const auto problems = check_spoke_hooks(summary, {"my_hook"});
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].format() ==
        "mine:spoke.toml:5:7: error: 'hook' names 'nobody_writes_this', which is neither an "
        "idiom of the engine nor an installed hook plugin (what no rewrite provides is a 'gap') "
        "[kb]");
  CHECK(check_spoke_hooks(summary, {"my_hook", "nobody_writes_this"}).empty());
}

TEST_CASE("parts of one size become the list of their sizes, the last one shorter") {
  CHECK(split_size_list(value_of("2"), "x", "0") ==
        "[min(2, x.shape[0] - offset) for offset in range(0, x.shape[0], 2)]");
  CHECK(split_size_list(value_of("3"), "a + b", "-1") ==
        "[min(3, (a + b).shape[-1] - offset) for offset in range(0, (a + b).shape[-1], 3)]");
  HubValue sizes = value_of("[1, 2, 3]");
  sizes.elements = std::vector<std::string>{"1", "2", "3"};
  CHECK(split_size_list(sizes, "x", "1") == "[1, 2, 3]");
  // A number in a name would be read as a count of parts: list() refuses it at run time.
  CHECK(split_size_list(value_of("sizes"), "x", "1") == "list(sizes)");
  // The comprehension's name would hide the input's own.
  CHECK_FALSE(split_size_list(value_of("2"), "xs[offset]", "0"));
  CHECK(split_size_list(value_of("2"), "self.offset", "0"));
  CHECK(split_size_list(value_of("2"), "offsets", "0"));
}

}  // namespace switcheroo::convert
