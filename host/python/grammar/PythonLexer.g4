// Python 3.12 tokens. Layout (spaces, comments, line continuations, newlines that do not end a
// logical line) is matched but not handed to the parser: the syntax tree gives each token the
// bytes between it and the previous token as its leading trivia, so nothing is lost, and the
// parser's token stream stays half as long.
//
// PythonLexerBase (python_lexer_base.h) owns the state a grammar cannot express: it drops
// NEWLINE inside brackets and on blank lines, synthesizes INDENT and
// DEDENT from the indentation of each logical line, and tracks f-string replacement fields.
//
// f-strings follow PEP 701: FSTRING_START pushes one of four modes (by quote), a '{' in such a
// mode pushes the default mode again for the expression, and a ':' at the top level of a field
// pushes FORMAT_SPEC. Nested quotes and nested f-strings therefore need no special casing.
lexer grammar PythonLexer;

options { superClass = PythonLexerBase; }

tokens { INDENT, DEDENT, MATCH, TYPE, FSTRING_START, FSTRING_MIDDLE, FSTRING_END }

@header {
#include "python_lexer_base.h"
}

// ---- layout ---------------------------------------------------------------------------------

NEWLINE: '\r'? '\n' | '\r';
WS: [ \t\f]+ -> skip;
LINE_CONTINUATION: '\\' ('\r'? '\n' | '\r') -> skip;
COMMENT: '#' ~[\r\n]* -> skip;

// ---- keywords (soft keywords are NAMEs; the parser checks them) ------------------------------

FALSE: 'False';
NONE: 'None';
TRUE: 'True';
AND: 'and';
AS: 'as';
ASSERT: 'assert';
ASYNC: 'async';
AWAIT: 'await';
BREAK: 'break';
CLASS: 'class';
CONTINUE: 'continue';
DEF: 'def';
DEL: 'del';
ELIF: 'elif';
ELSE: 'else';
EXCEPT: 'except';
FINALLY: 'finally';
FOR: 'for';
FROM: 'from';
GLOBAL: 'global';
IF: 'if';
IMPORT: 'import';
IN: 'in';
IS: 'is';
LAMBDA: 'lambda';
NONLOCAL: 'nonlocal';
NOT: 'not';
OR: 'or';
PASS: 'pass';
RAISE: 'raise';
RETURN: 'return';
TRY: 'try';
WHILE: 'while';
WITH: 'with';
YIELD: 'yield';

// ---- literals --------------------------------------------------------------------------------

NUMBER: IMAGINARY | FLOAT | INTEGER;

STRING: STRING_PREFIX? (SHORT_STRING_SQ | SHORT_STRING_DQ | LONG_STRING_SQ | LONG_STRING_DQ);

FSTRING_START_TSQ: F_PREFIX '\'\'\'' -> type(FSTRING_START), pushMode(F_TSQ);
FSTRING_START_TDQ: F_PREFIX '"""' -> type(FSTRING_START), pushMode(F_TDQ);
FSTRING_START_SQ: F_PREFIX '\'' -> type(FSTRING_START), pushMode(F_SQ);
FSTRING_START_DQ: F_PREFIX '"' -> type(FSTRING_START), pushMode(F_DQ);

// Any code point from \u0080 up is taken here and checked by the lexer base against Python's
// identifier tables (identifier_chars.h): ANTLR's \p{XID_Start} sets made every process pay
// about 30 million instructions to deserialize them. Plain sets, not fragments: fragment rules
// made the lexer's closures twice as costly.
NAME: [a-zA-Z_\u0080-\u{10FFFF}] [a-zA-Z0-9_\u0080-\u{10FFFF}]*;

// ---- operators and delimiters ----------------------------------------------------------------

LPAR: '(' { openBracket(); };
RPAR: ')' { closeBracket(); };
LSQB: '[' { openBracket(); };
RSQB: ']' { closeBracket(); };
LBRACE: '{' { openBracket(); };
RBRACE: '}' { closeBraceInExpression(); };
ELLIPSIS: '...';
COLONEQUAL: ':=' { colonEqualInExpression(); };
COLON: ':' { colonInExpression(); };
COMMA: ',';
SEMI: ';';
DOT: '.';
RARROW: '->';
DOUBLESTAREQUAL: '**=';
DOUBLESLASHEQUAL: '//=';
LEFTSHIFTEQUAL: '<<=';
RIGHTSHIFTEQUAL: '>>=';
PLUSEQUAL: '+=';
MINEQUAL: '-=';
STAREQUAL: '*=';
SLASHEQUAL: '/=';
PERCENTEQUAL: '%=';
AMPEREQUAL: '&=';
VBAREQUAL: '|=';
CIRCUMFLEXEQUAL: '^=';
ATEQUAL: '@=';
EQEQUAL: '==';
NOTEQUAL: '!=';
LESSEQUAL: '<=';
GREATEREQUAL: '>=';
LEFTSHIFT: '<<';
RIGHTSHIFT: '>>';
DOUBLESTAR: '**';
DOUBLESLASH: '//';
PLUS: '+';
MINUS: '-';
STAR: '*';
SLASH: '/';
PERCENT: '%';
AMPER: '&';
VBAR: '|';
CIRCUMFLEX: '^';
TILDE: '~';
LESS: '<';
GREATER: '>';
EQUAL: '=';
AT: '@';
EXCLAMATION: '!';

// ---- fragments -------------------------------------------------------------------------------

fragment STRING_PREFIX: [rRuUbB] | [bB] [rR] | [rR] [bB];
fragment F_PREFIX: [fF] | [fF] [rR] | [rR] [fF];
fragment SHORT_STRING_SQ: '\'' (STRING_ESCAPE | ~[\\\r\n'])* '\'';
fragment SHORT_STRING_DQ: '"' (STRING_ESCAPE | ~[\\\r\n"])* '"';
fragment LONG_STRING_SQ: '\'\'\'' (STRING_ESCAPE | ~'\\')*? '\'\'\'';
fragment LONG_STRING_DQ: '"""' (STRING_ESCAPE | ~'\\')*? '"""';
fragment STRING_ESCAPE: '\\' ('\r\n' | .);

fragment INTEGER: DECIMAL_INTEGER | '0' [xX] ('_'? [0-9a-fA-F])+ | '0' [oO] ('_'? [0-7])+
                | '0' [bB] ('_'? [01])+;
fragment DECIMAL_INTEGER: [1-9] ('_'? [0-9])* | '0' ('_'? '0')*;
fragment DIGIT_PART: [0-9] ('_'? [0-9])*;
fragment FLOAT: (DIGIT_PART? '.' DIGIT_PART | DIGIT_PART '.') EXPONENT? | DIGIT_PART EXPONENT;
fragment EXPONENT: [eE] [+-]? DIGIT_PART;
fragment IMAGINARY: (FLOAT | DIGIT_PART) [jJ];

// Literal text of an f-string: '{{' and '}}' are escaped braces; '\N{...}' is a named escape.
// A backslash right before a replacement field is a token of its own (F_*_BACKSLASH below):
// letting the middle end in a lone backslash would let it swallow an escaped closing quote.
fragment F_ESCAPE: '{{' | '}}' | '\\N{' [A-Za-z0-9 \-]* '}' | '\\' ('\r\n' | ~[{}]);

// ---- f-string modes, one per quote ------------------------------------------------------------

mode F_SQ;
F_SQ_END: '\'' -> type(FSTRING_END), popMode;
F_SQ_LBRACE: '{' { openField(); } -> type(LBRACE);
F_SQ_BACKSLASH: '\\' -> type(FSTRING_MIDDLE);
F_SQ_MIDDLE: (F_ESCAPE | ~[{}\\\r\n'])+ -> type(FSTRING_MIDDLE);

mode F_DQ;
F_DQ_END: '"' -> type(FSTRING_END), popMode;
F_DQ_LBRACE: '{' { openField(); } -> type(LBRACE);
F_DQ_BACKSLASH: '\\' -> type(FSTRING_MIDDLE);
F_DQ_MIDDLE: (F_ESCAPE | ~[{}\\\r\n"])+ -> type(FSTRING_MIDDLE);

mode F_TSQ;
F_TSQ_END: '\'\'\'' -> type(FSTRING_END), popMode;
F_TSQ_LBRACE: '{' { openField(); } -> type(LBRACE);
F_TSQ_BACKSLASH: '\\' -> type(FSTRING_MIDDLE);
F_TSQ_QUOTE: '\'' -> type(FSTRING_MIDDLE);
F_TSQ_MIDDLE: (F_ESCAPE | ~[{}\\'])+ -> type(FSTRING_MIDDLE);

mode F_TDQ;
F_TDQ_END: '"""' -> type(FSTRING_END), popMode;
F_TDQ_LBRACE: '{' { openField(); } -> type(LBRACE);
F_TDQ_BACKSLASH: '\\' -> type(FSTRING_MIDDLE);
F_TDQ_QUOTE: '"' -> type(FSTRING_MIDDLE);
F_TDQ_MIDDLE: (F_ESCAPE | ~[{}\\"])+ -> type(FSTRING_MIDDLE);

// After ':' at the top level of a replacement field, up to the '}' that closes the field.
mode FORMAT_SPEC;
FORMAT_SPEC_LBRACE: '{' { openField(); } -> type(LBRACE);
FORMAT_SPEC_RBRACE: '}' { closeFormatSpec(); } -> type(RBRACE);
FORMAT_SPEC_MIDDLE: ~[{}]+ -> type(FSTRING_MIDDLE);
