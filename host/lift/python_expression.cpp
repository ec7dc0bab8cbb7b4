#include "python_expression.h"

#include <cctype>
#include <cerrno>
#include <cstdlib>

namespace switcheroo::lift {

namespace {

// A precedence-climbing parser over the text; `ok` turns false at the first thing it cannot
// read, and the result is then discarded.
class Parser {
 public:
  explicit Parser(const std::string& text) : text_(text) {}

  std::optional<Expression> parse() {
    Expression result = tuple();
    skip_space();
    if (!ok_ || at_ != text_.size()) return std::nullopt;
    return result;
  }

 private:
  void skip_space() {
    while (at_ < text_.size() && text_[at_] == ' ') ++at_;
  }

  bool word_char(size_t at) const {
    return at < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[at])) || text_[at] == '_');
  }

  // Consumes `token` if it comes next (a keyword only as a whole word).
  bool take(const std::string& token) {
    skip_space();
    if (text_.compare(at_, token.size(), token) != 0) return false;
    if (std::isalpha(static_cast<unsigned char>(token[0])) && word_char(at_ + token.size()))
      return false;
    at_ += token.size();
    return true;
  }

  // Consumes one of `tokens` (longest first as listed) and returns it, or "".
  std::string take_any(std::initializer_list<const char*> tokens) {
    for (const char* token : tokens)
      if (take(token)) return token;
    return "";
  }

  static Expression node(Expression::Kind kind, std::string text,
                         std::vector<Expression> operands) {
    Expression e;
    e.kind = kind;
    e.text = std::move(text);
    e.operands = std::move(operands);
    return e;
  }

  Expression tuple() {
    Expression first = choice();
    if (!take(",")) return first;
    std::vector<Expression> items = {std::move(first)};
    do items.push_back(choice());
    while (ok_ && take(","));
    return node(Expression::Kind::tuple, "", std::move(items));
  }

  Expression choice() {
    Expression value = binary(0);
    if (!take("if")) return value;
    Expression condition = binary(0);
    if (!take("else")) ok_ = false;
    Expression alternative = choice();
    return node(Expression::Kind::choice, "",
                {std::move(value), std::move(condition), std::move(alternative)});
  }

  // Binary operators by level, loosest first; `not` sits between `and` and comparisons.
  Expression binary(int level) {
    static const std::initializer_list<const char*> levels[] = {
        {"or"},     {"and"},
        {},         {"<=", ">=", "==", "!=", "<", ">"},
        {"|"},      {"^"},
        {"&"},      {"<<", ">>"},
        {"+", "-"}, {"*", "//", "/", "%"}};
    constexpr int kLevels = sizeof(levels) / sizeof(levels[0]);
    if (level == kLevels) return unary();
    if (level == 2) {
      if (take("not")) return node(Expression::Kind::unary, "not", {binary(2)});
      return binary(3);
    }
    Expression left = binary(level + 1);
    while (ok_) {
      const std::string op = take_any(levels[level]);
      if (op.empty()) break;
      Expression right = binary(level + 1);
      left = node(Expression::Kind::binary, op, {std::move(left), std::move(right)});
    }
    return left;
  }

  Expression unary() {
    const std::string op = take_any({"-", "~", "+"});
    if (!op.empty()) return node(Expression::Kind::unary, op, {unary()});
    return postfix(primary());
  }

  Expression postfix(Expression e) {
    while (ok_) {
      if (take("(")) {
        e = node(Expression::Kind::call, e.kind == Expression::Kind::name ? e.text : "?",
                 arguments(")"));
        if (e.text == "?") ok_ = false;
      } else if (take("[")) {
        Expression index = tuple();
        if (!take("]")) ok_ = false;
        e = node(Expression::Kind::subscript, "", {std::move(e), std::move(index)});
      } else {
        break;
      }
    }
    return e;
  }

  std::vector<Expression> arguments(const char* close) {
    std::vector<Expression> items;
    if (take(close)) return items;
    do items.push_back(choice());
    while (ok_ && take(","));
    if (!take(close)) ok_ = false;
    return items;
  }

  Expression primary() {
    skip_space();
    if (take("(")) {
      Expression inner = tuple();
      if (!take(")")) ok_ = false;
      return inner;
    }
    if (at_ < text_.size() && (text_[at_] == '\'' || text_[at_] == '"')) return string_literal();
    if (at_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[at_]))) return number();
    const size_t start = at_;
    while (word_char(at_) || (at_ > start && text_[at_] == '.' && word_char(at_ + 1))) ++at_;
    if (at_ == start) {
      ok_ = false;
      return {};
    }
    return node(Expression::Kind::name, text_.substr(start, at_ - start), {});
  }

  Expression string_literal() {
    const char quote = text_[at_];
    const size_t end = text_.find(quote, at_ + 1);
    if (end == std::string::npos) {
      ok_ = false;
      return {};
    }
    Expression e = node(Expression::Kind::string, text_.substr(at_, end + 1 - at_), {});
    at_ = end + 1;
    return e;
  }

  Expression number() {
    const size_t start = at_;
    const bool hex = text_.compare(at_, 2, "0x") == 0 || text_.compare(at_, 2, "0X") == 0;
    if (hex) at_ += 2;
    bool floating = false;
    while (at_ < text_.size()) {
      const char c = text_[at_];
      const bool exponent_sign =
          !hex && (c == '-' || c == '+') && (text_[at_ - 1] == 'e' || text_[at_ - 1] == 'E');
      if (!(std::isxdigit(static_cast<unsigned char>(c)) || c == '.' || exponent_sign)) break;
      if (!hex && (c == '.' || c == 'e' || c == 'E')) floating = true;
      ++at_;
    }
    const std::string literal = text_.substr(start, at_ - start);
    if (floating) return node(Expression::Kind::floating, literal, {});
    errno = 0;
    char* end = nullptr;
    const long long value = std::strtoll(literal.c_str(), &end, hex ? 16 : 10);
    if (errno != 0 || *end != '\0') ok_ = false;
    Expression e = node(Expression::Kind::integer, literal, {});
    e.value = value;
    return e;
  }

  const std::string& text_;
  size_t at_ = 0;
  bool ok_ = true;
};

}  // namespace

std::optional<Expression> parse_expression(const std::string& text) {
  return Parser(text).parse();
}

}  // namespace switcheroo::lift
