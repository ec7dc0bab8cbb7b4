# Run after ANTLR generates the lexer and parser (cmake -P, with FILE and CLASS set). The
# generated code deserializes its ATN in a namespace-scope static (`CLASS::Initializer
# CLASS::_init;`), which costs every swhost process about 30 M instructions, also the ones
# that never parse Python (`swhost plugins`, `swhost --version`). This moves that initializer
# into the constructor as a function-local static: it runs once, on first use, thread-safely.
file(READ "${FILE}" text)
set(global "${CLASS}::Initializer ${CLASS}::_init;")
string(FIND "${text}" "${global}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "${FILE}: no '${global}' to make lazy (has the ANTLR version changed?)")
endif()
string(REPLACE "${global}" "" text "${text}")
string(REGEX MATCH "${CLASS}::${CLASS}\\([A-Za-z]+ \\*input\\) : [A-Za-z]+\\(input\\) {\n" constructor "${text}")
if(constructor STREQUAL "")
  message(FATAL_ERROR "${FILE}: the constructor of ${CLASS} is not where it was expected")
endif()
string(REPLACE "${constructor}" "${constructor}  static const Initializer lazy_init;\n  (void)lazy_init;\n" text "${text}")
file(WRITE "${FILE}" "${text}")
