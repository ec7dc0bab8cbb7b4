#include "core/expression_template.h"

#include <catch2/catch.hpp>

#include <map>
#include <stdexcept>

using namespace switcheroo;

namespace {

std::optional<std::string> render(const std::string& expression,
                                  const std::map<std::string, std::string>& values,
                                  std::string& why) {
  return render_expression(
      expression,
      [&](const std::string& name) -> std::optional<std::string> {
        auto found = values.find(name);
        if (found == values.end()) return std::nullopt;
        return found->second;
      },
      [](const std::string& qualified) { return "<" + qualified + ">"; }, why);
}

}  // namespace

TEST_CASE("expression templates substitute values, APIs and optional parts") {
  std::string why;
  const std::string linear = "{input} @ {weight}.T{bias? + {bias}}";
  CHECK(render(linear, {{"input", "x"}, {"weight", "w"}, {"bias", "b"}}, why) == "x @ w.T + b");
  CHECK(render(linear, {{"input", "x"}, {"weight", "w"}, {"bias", "None"}}, why) == "x @ w.T");
  CHECK(render(linear, {{"input", "x"}, {"weight", "w"}}, why) == "x @ w.T");
  // Operands are parenthesized next to operators, not as whole call arguments.
  CHECK(render("{a} * {b}", {{"a", "x + 1"}, {"b", "-0.5"}}, why) == "(x + 1) * -0.5");
  CHECK(render("{@np.max}({a}, {b})", {{"a", "x + 1"}, {"b", "1e-12"}}, why) ==
        "<np.max>(x + 1, 1e-12)");
  CHECK(render("{a} + f(y)", {{"a", "g(x)[0]"}}, why) == "g(x)[0] + f(y)");
}

TEST_CASE("expression templates report what they lack and what does not scan") {
  std::string why;
  CHECK_FALSE(render("{input} + {end}", {{"input", "x"}}, why));
  CHECK(why == "no value for 'end'");
  CHECK_FALSE(render("{input", {{"input", "x"}}, why));
  CHECK(why.find("does not scan") != std::string::npos);
  CHECK(expression_arguments("{input} @ {weight}.T{bias? + {bias}}") ==
        std::vector<std::string>{"input", "weight", "bias", "bias"});
  CHECK_THROWS_AS(expression_arguments("{1x}"), std::invalid_argument);
  CHECK_THROWS_AS(expression_arguments("x}"), std::invalid_argument);
}
