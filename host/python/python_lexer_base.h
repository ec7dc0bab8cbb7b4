// The hand-written half of the Python lexer: what the ANTLR grammar (grammar/PythonLexer.g4)
// cannot say by itself.
//
// - Logical lines: a NEWLINE inside brackets or on a blank or comment-only line is dropped
//   (like spaces and comments, its bytes become trivia in the tree); INDENT and DEDENT tokens are synthesized from the indentation of the first
//   token of each logical line, with Python's tab rules (tab stops of 8, and a TabError when a
//   line is only consistent under one tab size).
// - Brackets and f-string replacement fields, so that '}' and ':' inside a field switch back
//   to the string's lexer modes (PEP 701).
// - The soft keywords 'match' (a logical line "match ...:") and 'type' ("type Name ...").
// - Python's messages for lexical errors, thrown as SyntaxError.
//
// Synthesized tokens carry this lexer and its input stream as their source, as ANTLR's error
// strategies expect.
#pragma once

#include <antlr4-runtime.h>

#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace switcheroo::python {

/// ANTLR's input stream over text that is already decoded to code points.
class CodePointStream : public antlr4::ANTLRInputStream {
 public:
  explicit CodePointStream(const std::u32string& text) { _data = text; }
  const std::u32string& text() const { return _data; }
};

/// Base class of the generated PythonLexer; reads a CodePointStream.
class PythonLexerBase : public antlr4::Lexer {
 public:
  /// One level of the indentation stack.
  struct Indent {
    std::size_t column;      // with tab stops of 8
    std::size_t alt_column;  // with tab stops of 1, to detect inconsistent tabs
  };

  explicit PythonLexerBase(antlr4::CharStream* input);

  /// The indentation of the line holding code point `token_start` of `text`, as the lexer
  /// measures it for the first token of a logical line.
  static Indent indentation(std::u32string_view text, std::size_t token_start);
  /// Starts lexing inside blocks: `levels` is the indentation stack (outermost, column 0,
  /// first) in force at the input's first line, which must start a logical line. At the end
  /// of the input every level above the first is closed with a DEDENT, as at the end of a file.
  void start_inside(std::vector<Indent> levels) { indents_ = std::move(levels); }

  std::unique_ptr<antlr4::Token> nextToken() override;
  void notifyListeners(const antlr4::LexerNoViableAltException& error) override;
  void reset() override;

 protected:
  // Called from grammar actions.
  void openBracket();
  void closeBracket();
  void closeBraceInExpression();
  void colonInExpression();
  void colonEqualInExpression();
  void openField();
  void closeFormatSpec();
  bool atFieldTopLevel() const;

 private:
  struct Bracket {
    char32_t opener;
    std::size_t char_index;
    bool field;  // an f-string replacement field rather than a '{' of a display
  };
  std::unique_ptr<antlr4::Token> lex_raw();
  std::unique_ptr<antlr4::Token> next_raw();
  antlr4::Token& peek_significant(std::size_t skip);
  void start_logical_line(antlr4::Token& first);
  void finish_input(std::unique_ptr<antlr4::Token> eof);
  void recognize_soft_keyword(antlr4::Token& first);
  std::unique_ptr<antlr4::Token> make_token(std::size_t type, std::size_t char_index,
                                            std::size_t line, std::size_t column);
  void close(char32_t closer);
  char32_t char_at(std::size_t index) const;
  std::size_t line_of(std::size_t char_index) const;
  [[noreturn]] void fail_unterminated_fstring(std::size_t char_index);
  // A NAME may hold any non-ASCII code point (the grammar's NON_ASCII): refuses the first one
  // Python does not accept there, as an invalid character.
  void check_name(const antlr4::Token& name);
  [[noreturn]] void fail_invalid_character(std::size_t char_index);

  const std::u32string* text_;
  std::vector<Bracket> brackets_;
  std::vector<std::size_t> fstring_starts_;  // char index of each open f-string
  std::vector<Indent> indents_;
  std::deque<std::unique_ptr<antlr4::Token>> lookahead_;  // raw tokens read ahead
  std::deque<std::unique_ptr<antlr4::Token>> pending_;    // tokens ready to return
  bool line_has_content_ = false;  // a significant token since the last significant NEWLINE
  bool at_line_start_ = true;      // the next significant token starts a logical line
  bool finished_ = false;
};

}  // namespace switcheroo::python
