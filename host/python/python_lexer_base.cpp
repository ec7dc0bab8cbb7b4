#include "python_lexer_base.h"

#include "identifier_chars.h"

#include "PythonLexer.h"
#include "syntax_error.h"

#include <algorithm>
#include <cstdio>

namespace switcheroo::python {
namespace {

using Generated = generated::PythonLexer;

std::string utf8(char32_t code) {
  std::string out;
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
  return out;
}

bool is_newline(char32_t c) { return c == '\n' || c == '\r'; }

std::string closer_of(char32_t opener) {
  return opener == '(' ? ")" : opener == '[' ? "]" : "}";
}

}  // namespace

PythonLexerBase::PythonLexerBase(antlr4::CharStream* input)
    : antlr4::Lexer(input), text_(&dynamic_cast<CodePointStream&>(*input).text()) {
  indents_.push_back({0, 0});
}

void PythonLexerBase::reset() {
  antlr4::Lexer::reset();
  brackets_.clear();
  fstring_starts_.clear();
  indents_.assign(1, {0, 0});
  lookahead_.clear();
  pending_.clear();
  line_has_content_ = false;
  at_line_start_ = true;
}

char32_t PythonLexerBase::char_at(std::size_t index) const {
  return index < text_->size() ? (*text_)[index] : U'\0';
}

std::size_t PythonLexerBase::line_of(std::size_t char_index) const {
  std::size_t line = 1;
  for (std::size_t i = 0; i < char_index && i < text_->size(); ++i) {
    char32_t c = (*text_)[i];
    if (c == '\n' || (c == '\r' && char_at(i + 1) != '\n')) ++line;
  }
  return line;
}

// ---- grammar actions ---------------------------------------------------------------------------

// CPython's limits; they also bound the parser's recursion on hostile input.
constexpr std::size_t kMaxBracketDepth = 200;
constexpr std::size_t kMaxIndentDepth = 100;

void PythonLexerBase::openBracket() {
  if (brackets_.size() >= kMaxBracketDepth) {
    throw SyntaxError("too many nested parentheses", tokenStartCharIndex);
  }
  brackets_.push_back({char_at(tokenStartCharIndex), tokenStartCharIndex, false});
}

void PythonLexerBase::closeBracket() { close(char_at(tokenStartCharIndex)); }

void PythonLexerBase::close(char32_t closer) {
  if (brackets_.empty()) {
    throw SyntaxError("unmatched '" + utf8(closer) + "'", tokenStartCharIndex);
  }
  const Bracket& open = brackets_.back();
  if (closer_of(open.opener) != utf8(closer)) {
    std::string message = "closing parenthesis '" + utf8(closer) +
                          "' does not match opening parenthesis '" + utf8(open.opener) + "'";
    std::size_t open_line = line_of(open.char_index);
    if (open_line != line_of(tokenStartCharIndex)) {
      message += " on line " + std::to_string(open_line);
    }
    throw SyntaxError(message, tokenStartCharIndex);
  }
  brackets_.pop_back();
}

void PythonLexerBase::closeBraceInExpression() {
  bool closes_field = atFieldTopLevel();
  close('}');
  if (closes_field) popMode();
}

void PythonLexerBase::colonInExpression() {
  if (atFieldTopLevel()) pushMode(Generated::FORMAT_SPEC);
}

// In a replacement field, ':=' at the top level is ':' and a format spec starting with '='
// (f'{x:=10}'). Done here rather than with a predicate on the rule: the 4.9 runtime leaks the
// configuration set of every lexer step that evaluates a semantic predicate and fails.
void PythonLexerBase::colonEqualInExpression() {
  if (!atFieldTopLevel()) return;
  _input->seek(_input->index() - 1);
  auto* simulator = getInterpreter<antlr4::atn::LexerATNSimulator>();
  simulator->setCharPositionInLine(simulator->getCharPositionInLine() - 1);
  setType(Generated::COLON);
  pushMode(Generated::FORMAT_SPEC);
}

void PythonLexerBase::openField() {
  if (brackets_.size() >= kMaxBracketDepth) {
    throw SyntaxError("too many nested parentheses", tokenStartCharIndex);
  }
  brackets_.push_back({'{', tokenStartCharIndex, true});
  pushMode(DEFAULT_MODE);
}

void PythonLexerBase::closeFormatSpec() {
  brackets_.pop_back();
  popMode();  // FORMAT_SPEC
  popMode();  // the field's expression
}

bool PythonLexerBase::atFieldTopLevel() const {
  return !brackets_.empty() && brackets_.back().field;
}

// ---- logical lines -----------------------------------------------------------------------------

std::unique_ptr<antlr4::Token> PythonLexerBase::lex_raw() {
  auto current = antlr4::Lexer::nextToken();
  // A line break inside brackets or after a blank line is layout: the tree keeps its bytes
  // as trivia of the next token, the parser never sees it.
  while (current->getType() == Generated::NEWLINE &&
         (!brackets_.empty() || !line_has_content_)) {
    current = antlr4::Lexer::nextToken();
  }
  switch (current->getType()) {
    case Generated::NEWLINE:
      line_has_content_ = false;
      break;
    case Generated::FSTRING_START:
      fstring_starts_.push_back(current->getStartIndex());
      line_has_content_ = true;
      break;
    case Generated::FSTRING_END:
      fstring_starts_.pop_back();
      break;
    case Generated::STRING: {
      // '""' right before another '"' is where a triple-quoted string failed to end.
      std::size_t open = current->getStartIndex();
      while (char_at(open) != '\'' && char_at(open) != '"') ++open;
      const std::size_t stop = current->getStopIndex();
      if (stop == open + 1 && char_at(stop + 1) == char_at(open)) {
        throw SyntaxError("unterminated triple-quoted string literal (detected at line " +
                              std::to_string(line_of(text_->size())) + ")",
                          current->getStartIndex());
      }
      line_has_content_ = true;
      break;
    }
    case Generated::NAME:
      check_name(*current);
      line_has_content_ = true;
      break;
    case antlr4::Token::EOF:
      break;
    default:
      if (current->getChannel() == antlr4::Token::DEFAULT_CHANNEL) line_has_content_ = true;
  }
  return current;
}

std::unique_ptr<antlr4::Token> PythonLexerBase::next_raw() {
  if (lookahead_.empty()) return lex_raw();
  auto current = std::move(lookahead_.front());
  lookahead_.pop_front();
  return current;
}

antlr4::Token& PythonLexerBase::peek_significant(std::size_t skip) {
  for (std::size_t i = 0;; ++i) {
    if (i == lookahead_.size()) lookahead_.push_back(lex_raw());
    antlr4::Token& current = *lookahead_[i];
    if (current.getType() == antlr4::Token::EOF) return current;
    if (current.getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
    if (skip == 0) return current;
    --skip;
  }
}

std::unique_ptr<antlr4::Token> PythonLexerBase::nextToken() {
  while (pending_.empty()) {
    auto current = next_raw();
    const std::size_t current_type = current->getType();
    if (current_type == antlr4::Token::EOF) {
      finish_input(std::move(current));
      break;
    }
    if (current->getChannel() == antlr4::Token::DEFAULT_CHANNEL) {
      if (current_type == Generated::NEWLINE) {
        at_line_start_ = true;
      } else if (at_line_start_) {
        at_line_start_ = false;
        start_logical_line(*current);
        recognize_soft_keyword(*current);
      }
    }
    pending_.push_back(std::move(current));
  }
  auto current = std::move(pending_.front());
  pending_.pop_front();
  return current;
}

std::unique_ptr<antlr4::Token> PythonLexerBase::make_token(std::size_t token_type,
                                                           std::size_t char_index,
                                                           std::size_t line,
                                                           std::size_t column) {
  // Zero width: stop is one before start, as for ANTLR's own EOF token.
  return getTokenFactory()->create({this, _input}, token_type, "", antlr4::Token::DEFAULT_CHANNEL,
                                   char_index, char_index - 1, line, column);
}

PythonLexerBase::Indent PythonLexerBase::indentation(std::u32string_view text,
                                                     std::size_t token_start) {
  std::size_t begin = std::min(token_start, text.size());
  while (begin > 0 && !is_newline(text[begin - 1])) --begin;
  Indent indent{0, 0};
  for (std::size_t i = begin; i < token_start && i < text.size(); ++i) {
    char32_t c = text[i];
    if (c == '\t') {
      indent.column = (indent.column / 8 + 1) * 8;
      ++indent.alt_column;
    } else if (c == '\f') {
      indent = {0, 0};
    } else {
      ++indent.column;
      ++indent.alt_column;
    }
  }
  return indent;
}

void PythonLexerBase::start_logical_line(antlr4::Token& first) {
  const std::size_t start = first.getStartIndex();
  const Indent indent = indentation(*text_, start);
  const auto tab_error = [&] {
    throw SyntaxError("inconsistent use of tabs and spaces in indentation", start);
  };
  const auto emit = [&](std::size_t token_type) {
    pending_.push_back(
        make_token(token_type, start, first.getLine(), first.getCharPositionInLine()));
  };
  if (indent.column > indents_.back().column) {
    if (indent.alt_column <= indents_.back().alt_column) tab_error();
    if (indents_.size() > kMaxIndentDepth) {
      throw SyntaxError("too many levels of indentation", start);
    }
    indents_.push_back(indent);
    emit(Generated::INDENT);
    return;
  }
  while (indent.column < indents_.back().column) {
    indents_.pop_back();
    emit(Generated::DEDENT);
  }
  if (indent.column != indents_.back().column) {
    throw SyntaxError("unindent does not match any outer indentation level", start);
  }
  if (indent.alt_column != indents_.back().alt_column) tab_error();
}

void PythonLexerBase::recognize_soft_keyword(antlr4::Token& first) {
  if (first.getType() != Generated::NAME) return;
  const std::size_t start = first.getStartIndex();
  const auto is_word = [&](std::u32string_view word) {
    return first.getStopIndex() + 1 - start == word.size() &&
           std::u32string_view(*text_).substr(start, word.size()) == word;
  };
  auto& current = static_cast<antlr4::CommonToken&>(first);
  if (is_word(U"type")) {
    if (peek_significant(0).getType() == Generated::NAME) current.setType(Generated::TYPE);
    return;
  }
  if (!is_word(U"match")) return;
  // "match <subject>:" is the only logical line starting with 'match' that ends in ':'.
  std::size_t last_type = 0;
  std::size_t count = 0;
  for (;; ++count) {
    const antlr4::Token& next = peek_significant(count);
    if (next.getType() == Generated::NEWLINE || next.getType() == antlr4::Token::EOF) break;
    last_type = next.getType();
  }
  if (count >= 2 && last_type == Generated::COLON) current.setType(Generated::MATCH);
}

void PythonLexerBase::finish_input(std::unique_ptr<antlr4::Token> eof) {
  if (!fstring_starts_.empty()) fail_unterminated_fstring(fstring_starts_.back());
  if (!brackets_.empty()) {
    throw SyntaxError("'" + utf8(brackets_.back().opener) + "' was never closed",
                      brackets_.back().char_index);
  }
  const std::size_t at = eof->getStartIndex();
  const std::size_t line = eof->getLine();
  const std::size_t column = eof->getCharPositionInLine();
  if (!at_line_start_) {
    pending_.push_back(make_token(Generated::NEWLINE, at, line, column));
    at_line_start_ = true;
  }
  for (; indents_.size() > 1; indents_.pop_back()) {
    pending_.push_back(make_token(Generated::DEDENT, at, line, column));
  }
  pending_.push_back(std::move(eof));
}

// ---- lexical errors ----------------------------------------------------------------------------

void PythonLexerBase::fail_unterminated_fstring(std::size_t char_index) {
  std::size_t prefix = 0;
  while (prefix < 2 && char_at(char_index + prefix) != '\'' && char_at(char_index + prefix) != '"') {
    ++prefix;
  }
  const char32_t quote = char_at(char_index + prefix);
  const bool triple =
      char_at(char_index + prefix + 1) == quote && char_at(char_index + prefix + 2) == quote;
  const std::size_t detected = triple ? line_of(text_->size()) : line_of(_input->index());
  throw SyntaxError(std::string(triple ? "unterminated triple-quoted f-string literal"
                                       : "unterminated f-string literal") +
                        " (detected at line " + std::to_string(detected) + ")",
                    char_index);
}

void PythonLexerBase::notifyListeners(const antlr4::LexerNoViableAltException&) {
  const std::size_t start = tokenStartCharIndex;
  if (mode != DEFAULT_MODE) {
    if (char_at(start) == '}' && mode != Generated::FORMAT_SPEC) {
      throw SyntaxError("f-string: single '}' is not allowed", start);
    }
    fail_unterminated_fstring(fstring_starts_.empty() ? start : fstring_starts_.back());
  }
  std::size_t quote_at = start;
  while (quote_at < start + 2 && std::u32string_view(U"rRbBuUfF").find(char_at(quote_at)) !=
                                     std::u32string_view::npos) {
    ++quote_at;
  }
  const char32_t quote = char_at(quote_at);
  if (quote == '\'' || quote == '"') {
    if (char_at(quote_at + 1) == quote && char_at(quote_at + 2) == quote) {
      throw SyntaxError("unterminated triple-quoted string literal (detected at line " +
                            std::to_string(line_of(text_->size())) + ")",
                        start);
    }
    throw SyntaxError("unterminated string literal (detected at line " +
                          std::to_string(line_of(start)) + ")",
                      start);
  }
  const char32_t c = char_at(start);
  if (c == '\\') {
    throw SyntaxError("unexpected character after line continuation character", start);
  }
  if (c < 0x80 && c >= 0x20) throw SyntaxError("invalid syntax", start);
  fail_invalid_character(start);
}

void PythonLexerBase::check_name(const antlr4::Token& name) {
  const std::size_t start = name.getStartIndex(), stop = name.getStopIndex();
  for (std::size_t at = start; at <= stop; ++at) {
    const char32_t c = char_at(at);
    if (c < 0x80) continue;  // the grammar takes only ASCII letters, digits and '_'
    if (at == start ? !is_identifier_start(c) : !is_identifier_continue(c))
      fail_invalid_character(at);
  }
}

void PythonLexerBase::fail_invalid_character(std::size_t start) {
  const char32_t c = char_at(start);
  char code[16];
  std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
  if (c < 0x20 || c == 0x7F || c == 0xA0 || (c >= 0x2000 && c <= 0x200F) || c == 0xFEFF) {
    throw SyntaxError(std::string("invalid non-printable character ") + code, start);
  }
  throw SyntaxError("invalid character '" + utf8(c) + "' (" + code + ")", start);
}

}  // namespace switcheroo::python
