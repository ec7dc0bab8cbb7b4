// Which code points Python accepts in an identifier (PEP 3131): ASCII letters, digits and '_',
// and beyond ASCII the ranges of unicode/identifier_tables.inc, made from CPython's own
// `str.isidentifier`. The lexer's NAME rule takes any non-ASCII code point; the lexer base
// checks each with these, so that an invalid character is still refused where it stands.
#pragma once

namespace switcheroo::python {

/// Whether `c` may begin an identifier.
bool is_identifier_start(char32_t c);
/// Whether `c` may follow the first character of an identifier.
bool is_identifier_continue(char32_t c);

}  // namespace switcheroo::python
