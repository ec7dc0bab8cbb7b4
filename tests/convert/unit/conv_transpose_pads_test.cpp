// The conv_transpose_padding idiom (host/convert/padding_as_same.cpp): PyTorch's padding,
// output_padding and dilation as lax.conv_transpose's (low, high) pairs, and back.
#include "convert/padding_as_same.h"

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

namespace switcheroo::convert {
namespace {

HubValue tuple_value(std::string text, std::vector<std::string> elements) {
  HubValue value = value_of(std::move(text));
  value.elements = std::move(elements);
  return value;
}

}  // namespace

TEST_CASE("written: per-axis kernel, padding and dilation give one pair per axis",
          "[conv_transpose_padding]") {
  HubCall call;
  call.values["kernel_size"] = tuple_value("(3, 2)", {"3", "2"});
  call.values["padding"] = tuple_value("(2, 0)", {"2", "0"});
  call.values["output_padding"] = value_of("1");
  call.values["dilation"] = value_of("2");
  std::string why;
  REQUIRE(conv_transpose_pairs_written(call, 2, why));
  CHECK(call.values.at("padding").text == "((2, 3), (2, 3))");
  CHECK_FALSE(call.values.count("output_padding"));
}

TEST_CASE("written: a name or an over-cropping padding is refused with its reason",
          "[conv_transpose_padding]") {
  HubCall named;
  named.values["kernel_size"] = value_of("k");
  std::string why;
  CHECK_FALSE(conv_transpose_pairs_written(named, 2, why));
  CHECK(why.find("integer literals") != std::string::npos);
  HubCall cropped;
  cropped.values["kernel_size"] = value_of("2");
  cropped.values["padding"] = value_of("2");
  CHECK_FALSE(conv_transpose_pairs_written(cropped, 2, why));
  CHECK(why == "padding 2 crops more than dilation * (kernel_size - 1): no padding pair says it");
}

TEST_CASE("read: pairs, 'VALID' and 'SAME' as padding and output_padding",
          "[conv_transpose_padding]") {
  std::string why;
  HubCall pairs;
  pairs.values["kernel_size"] = tuple_value("(3, 3)", {"3", "3"});
  pairs.values["stride"] = value_of("2");
  pairs.values["padding"] = value_of("((1, 2), (2, 2))");
  REQUIRE(conv_transpose_pairs_read(pairs, 2, why));
  CHECK(pairs.values.at("padding").text == "(1, 0)");
  CHECK(pairs.values.at("output_padding").text == "(1, 0)");
  HubCall valid;  // window 5 (kernel 3, dilation 2), stride 2: lax pads (4, 4)
  valid.values["kernel_size"] = value_of("3");
  valid.values["stride"] = value_of("2");
  valid.values["dilation"] = value_of("2");
  valid.values["padding"] = value_of("'VALID'");
  REQUIRE(conv_transpose_pairs_read(valid, 1, why));
  CHECK(valid.values.at("padding").text == "0");
  CHECK_FALSE(valid.values.count("output_padding"));
  HubCall same;  // Flax's default; kernel 4, stride 2: lax pads (2, 2)
  same.values["kernel_size"] = value_of("4");
  same.values["stride"] = value_of("2");
  REQUIRE(conv_transpose_pairs_read(same, 2, why));
  CHECK(same.values.at("padding").text == "1");
}

TEST_CASE("read: more padding before than after has no PyTorch form", "[conv_transpose_padding]") {
  HubCall call;
  call.values["kernel_size"] = value_of("3");
  call.values["stride"] = value_of("2");
  call.values["padding"] = value_of("'SAME'");  // lax pads (2, 1)
  std::string why;
  CHECK_FALSE(conv_transpose_pairs_read(call, 2, why));
  CHECK(why == "padding 'SAME' is no cropping padding with an output_padding");
}

}  // namespace switcheroo::convert
