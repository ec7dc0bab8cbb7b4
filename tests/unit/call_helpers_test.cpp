#include "convert/call_helpers.h"

#include <catch2/catch.hpp>

using switcheroo::convert::call_detail::apply_transform;

TEST_CASE("a transform folds a number and wraps an expression", "[call_helpers]") {
  CHECK(apply_transform("1 - {}", "0.1") == "0.9");
  CHECK(apply_transform("1 - {}", "p") == "1 - p");
  CHECK(apply_transform("1 - {}", "p * 2") == "1 - (p * 2)");
  CHECK(apply_transform("{} / 2", "self.rate") == "self.rate / 2");
}

TEST_CASE("`C - {}` undoes what it wrote", "[call_helpers]") {
  // keep_prob=1 - p written from PyTorch's p, read back: p, not 1 - (1 - p).
  CHECK(apply_transform("1 - {}", "1 - p") == "p");
  CHECK(apply_transform("1 - {}", "1 - self.config.rate") == "self.config.rate");
  CHECK(apply_transform("1 - {}", "1 - rates[0]") == "rates[0]");
  CHECK(apply_transform("1 - {}", "1.0 - self.dropout_hparam") == "self.dropout_hparam");
  // Not its own write: another constant, or a remainder of more than one operand.
  CHECK(apply_transform("2 - {}", "1 - p") == "2 - (1 - p)");
  CHECK(apply_transform("1 - {}", "1 - p - q") == "1 - (1 - p - q)");
  CHECK(apply_transform("1 - {}", "10 - p") == "1 - (10 - p)");
  CHECK(apply_transform("{} - 1", "p - 1") == "(p - 1) - 1");
}
