#include "convert/expression_reading.h"

#include <catch2/catch.hpp>

#include <map>

using namespace switcheroo;
using convert::expression_callee;
using convert::spells_callee;

namespace {

// The file's imports: `import jax.numpy as jnp`.
std::optional<std::string> qualify(std::string_view dotted) {
  const std::map<std::string, std::string, std::less<>> apis = {{"jnp.stack", "jax.numpy.stack"},
                                                                {"jnp.mean", "jax.numpy.mean"}};
  auto found = apis.find(dotted);
  if (found == apis.end()) return std::nullopt;
  return found->second;
}

}  // namespace

TEST_CASE("a template calling a written callee with the op's leading arguments is a form") {
  const std::vector<std::string> pool = {"input", "output_size"};
  CHECK(expression_callee("(lambda x, size: {@jax.numpy.stack}([x, size]))({input}, {output_size})",
                          pool) == "(lambda x, size: {@jax.numpy.stack}([x, size]))");
  CHECK(expression_callee("(lambda x: x.mean(axis=(1, 2)))({input})", pool) ==
        "(lambda x: x.mean(axis=(1, 2)))");
}

TEST_CASE("templates whose callee reads arguments, or whose arguments are not in order, are not") {
  const std::vector<std::string> linear = {"input", "weight", "bias"};
  CHECK_FALSE(expression_callee("{input} @ {weight}.T{bias? + {bias}}", linear));
  CHECK_FALSE(expression_callee("(lambda w: {input} @ w)({weight})", linear));
  CHECK_FALSE(expression_callee("(lambda x, w: x @ w)({weight}, {input})", linear));
  CHECK_FALSE(expression_callee("(lambda x: x + 1)({input} * 2)", linear));
  CHECK_FALSE(expression_callee("{@jax.numpy.mean}({input})", linear));
  CHECK_FALSE(expression_callee("(lambda x: x)({input}", linear));
}

TEST_CASE("a callee of the file spells a form up to whitespace and the file's API names") {
  const std::string form =
      "(lambda x, size: {@jax.numpy.stack}([x[:, i] for i in range(size)], 1))";
  CHECK(spells_callee(form, "(lambda x, size: jnp.stack([x[:, i] for i in range(size)], 1))",
                      qualify));
  CHECK(
      spells_callee(form, "(lambda x,size:jnp.stack([x[:,i] for i in range(size)],1)) ", qualify));
  // Another API, another body, or more text: not the form.
  CHECK_FALSE(spells_callee(form, "(lambda x, size: jnp.mean([x[:, i] for i in range(size)], 1))",
                            qualify));
  CHECK_FALSE(
      spells_callee(form, "(lambda x, size: stack([x[:, i] for i in range(size)], 1))", qualify));
  CHECK_FALSE(spells_callee(form, "(lambda x, size: jnp.stack([x[:, i] for i in range(size)], 2))",
                            qualify));
  CHECK_FALSE(spells_callee(
      form, "(lambda x, size: jnp.stack([x[:, i] for i in range(size)], 1))[0]", qualify));
}

TEST_CASE("a form read back gives the value standing for its hole") {
  const std::string form = "lambda key, shape: {@jax.numpy.stack}([key, shape])[{}].mean()";
  CHECK(convert::form_value(form, "lambda key, shape: jnp.stack([key, shape])[0].mean()",
                            qualify) == "0");
  CHECK(convert::form_value(form, "lambda key,shape: jnp.stack([key,shape])[ pad - 1 ].mean()",
                            qualify) == "pad - 1");
  CHECK(convert::form_value(form, "lambda key, shape: jnp.stack([key, shape])[x[1:]].mean()",
                            qualify) == "x[1:]");
  // The hole holds an expression with balanced brackets, and the rest must still match.
  CHECK_FALSE(
      convert::form_value(form, "lambda key, shape: jnp.stack([key, shape])[0]].mean()", qualify));
  CHECK_FALSE(
      convert::form_value(form, "lambda key, shape: jnp.stack([key, shape])[].mean()", qualify));
  CHECK_FALSE(
      convert::form_value(form, "lambda key, shape: jnp.mean([key, shape])[0].mean()", qualify));
  CHECK_FALSE(convert::form_value(form, "lambda key, shape: jnp.stack([key, shape])[0].mean() + 1",
                                  qualify));
  CHECK_FALSE(convert::form_value(form, "lambda key, shape: jnp.stack([key, shape])[0].mean()",
                                  convert::QualifyName()));
}
