// Python 3.12 syntax, following the structure of the language reference's PEG grammar but
// left-factored so that ANTLR's SLL prediction rarely needs more than a token or two of
// lookahead: a tuple, a generator expression and a parenthesized expression share one prefix,
// a dict item and a set item share one prefix, and so on. Where that makes the grammar accept a
// little more than Python does (for example a dict display mixing 'k: v' and set items), the
// difference is in rarely written invalid code; the file header of python_parser.cpp lists it.
//
// Soft keywords: 'match' and 'type' arrive as MATCH and TYPE only where the lexer has seen that
// they start a match statement or a type alias; everywhere else they are plain NAMEs. 'case'
// only occurs inside a match statement, so a predicate on the NAME's text is enough.
parser grammar PythonParser;

options { tokenVocab = PythonLexer; }

@parser::members {
bool nextNameIs(const char* text) { return _input->LT(1)->getText() == text; }
}

file_input: statement* EOF;

// A single expression, for parsing rewrite fragments.
expression_input: star_expressions NEWLINE? EOF;

statement: compound_stmt | simple_stmts;

// ---- simple statements -----------------------------------------------------------------------

simple_stmts: simple_stmt (SEMI simple_stmt)* SEMI? NEWLINE;

simple_stmt
    : expression_stmt
    | return_stmt
    | import_stmt
    | raise_stmt
    | pass_stmt
    | del_stmt
    | assert_stmt
    | break_stmt
    | continue_stmt
    | global_stmt
    | nonlocal_stmt
    | type_alias
    ;

// Assignment, annotated assignment, augmented assignment and bare expression statements.
expression_stmt
    : assigned_value
      ( annotation
      | augassign assigned_value
      | (EQUAL assigned_value)+
      )?
    ;

annotation: COLON expression (EQUAL assigned_value)?;

assigned_value: yield_expr | star_expressions;

augassign
    : PLUSEQUAL | MINEQUAL | STAREQUAL | ATEQUAL | SLASHEQUAL | PERCENTEQUAL | AMPEREQUAL
    | VBAREQUAL | CIRCUMFLEXEQUAL | LEFTSHIFTEQUAL | RIGHTSHIFTEQUAL | DOUBLESTAREQUAL
    | DOUBLESLASHEQUAL
    ;

return_stmt: RETURN star_expressions?;
raise_stmt: RAISE (expression (FROM expression)?)?;
pass_stmt: PASS;
break_stmt: BREAK;
continue_stmt: CONTINUE;
global_stmt: GLOBAL NAME (COMMA NAME)*;
nonlocal_stmt: NONLOCAL NAME (COMMA NAME)*;
del_stmt: DEL del_target (COMMA del_target)* COMMA?;
del_target: primary;
assert_stmt: ASSERT expression (COMMA expression)?;
type_alias: TYPE NAME type_params? EQUAL expression;

import_stmt: import_name | import_from;
import_name: IMPORT dotted_as_name (COMMA dotted_as_name)*;
import_from
    : FROM ((DOT | ELLIPSIS)* dotted_name | (DOT | ELLIPSIS)+)
      IMPORT (STAR | LPAR import_as_names COMMA? RPAR | import_as_names)
    ;
import_as_names: import_as_name (COMMA import_as_name)*;
import_as_name: NAME (AS NAME)?;
dotted_as_name: dotted_name (AS NAME)?;
dotted_name: NAME (DOT NAME)*;

// ---- compound statements ---------------------------------------------------------------------

compound_stmt
    : function_def
    | if_stmt
    | class_def
    | with_stmt
    | for_stmt
    | try_stmt
    | while_stmt
    | match_stmt
    | decorated
    ;

block: simple_stmts | NEWLINE INDENT statement+ DEDENT;

decorated: decorator+ (class_def | function_def);
decorator: AT named_expression NEWLINE;

class_def: CLASS NAME type_params? (LPAR arguments? RPAR)? COLON block;

function_def
    : ASYNC? DEF NAME type_params? LPAR parameters? RPAR (RARROW expression)? COLON block
    ;

parameters: parameter (COMMA parameter)* COMMA?;
parameter
    : SLASH
    | STAR (NAME (COLON star_expression)?)?
    | DOUBLESTAR NAME (COLON expression)?
    | NAME (COLON expression)? (EQUAL expression)?
    ;

type_params: LSQB type_param (COMMA type_param)* COMMA? RSQB;
type_param: NAME (COLON expression)? | STAR NAME | DOUBLESTAR NAME;

if_stmt: IF named_expression COLON block elif_clause* else_block?;
elif_clause: ELIF named_expression COLON block;
else_block: ELSE COLON block;

while_stmt: WHILE named_expression COLON block else_block?;

for_stmt: ASYNC? FOR star_targets IN star_expressions COLON block else_block?;

with_stmt
    : ASYNC? WITH
      ( LPAR with_item (COMMA with_item)* COMMA? RPAR
      | with_item (COMMA with_item)*
      ) COLON block
    ;
with_item: expression (AS star_target)?;

try_stmt: TRY COLON block (except_clause+ else_block? finally_block? | finally_block);
except_clause: EXCEPT STAR? (expression (AS NAME)?)? COLON block;
finally_block: FINALLY COLON block;

// ---- match statement -------------------------------------------------------------------------

match_stmt
    : MATCH star_named_expression (COMMA star_named_expression)* COMMA? COLON
      NEWLINE INDENT case_block+ DEDENT
    ;
case_block: {nextNameIs("case")}? NAME patterns guard? COLON block;
guard: IF named_expression;

patterns: star_pattern (COMMA star_pattern)* COMMA?;
star_pattern: STAR NAME | pattern;
pattern: or_pattern (AS NAME)?;
or_pattern: closed_pattern (VBAR closed_pattern)*;
closed_pattern
    : literal_pattern
    | dotted_name (LPAR pattern_arguments? RPAR)?
    | LPAR patterns? RPAR
    | LSQB patterns? RSQB
    | mapping_pattern
    ;
literal_pattern
    : MINUS? NUMBER ((PLUS | MINUS) NUMBER)?
    | strings
    | NONE
    | TRUE
    | FALSE
    ;
mapping_pattern: LBRACE (mapping_item (COMMA mapping_item)* COMMA?)? RBRACE;
mapping_item: DOUBLESTAR NAME | (literal_pattern | dotted_name) COLON pattern;
pattern_arguments: pattern_argument (COMMA pattern_argument)* COMMA?;
pattern_argument: NAME EQUAL pattern | pattern;

// ---- expressions -----------------------------------------------------------------------------

star_expressions: star_expression (COMMA star_expression)* COMMA?;
star_expression: STAR bitwise_or | expression;
star_named_expression: STAR bitwise_or | named_expression;
named_expression: NAME COLONEQUAL expression | expression;

expression: disjunction (IF disjunction ELSE expression)? | lambdef;
lambdef: LAMBDA lambda_parameters? COLON expression;
lambda_parameters: lambda_parameter (COMMA lambda_parameter)* COMMA?;
lambda_parameter: SLASH | STAR NAME? | DOUBLESTAR NAME | NAME (EQUAL expression)?;
yield_expr: YIELD (FROM expression | star_expressions?);

disjunction: conjunction (OR conjunction)*;
conjunction: inversion (AND inversion)*;
inversion: NOT inversion | comparison;
comparison: bitwise_or (comparison_operator bitwise_or)*;
comparison_operator
    : EQEQUAL | NOTEQUAL | LESS | LESSEQUAL | GREATER | GREATEREQUAL
    | NOT IN | IN | IS NOT | IS
    ;
bitwise_or: bitwise_xor (VBAR bitwise_xor)*;
bitwise_xor: bitwise_and (CIRCUMFLEX bitwise_and)*;
bitwise_and: shift_expr (AMPER shift_expr)*;
shift_expr: sum ((LEFTSHIFT | RIGHTSHIFT) sum)*;
sum: term ((PLUS | MINUS) term)*;
term: factor ((STAR | SLASH | DOUBLESLASH | PERCENT | AT) factor)*;
factor: (PLUS | MINUS | TILDE) factor | power;
power: await_primary (DOUBLESTAR factor)?;
await_primary: AWAIT? primary;

primary: atom trailer*;
trailer: DOT NAME | LPAR arguments? RPAR | LSQB slices RSQB;

atom
    : NAME
    | TRUE
    | FALSE
    | NONE
    | NUMBER
    | ELLIPSIS
    | strings
    | parenthesized
    | list_display
    | dict_or_set_display
    ;

// A parenthesized expression, a tuple, a generator expression or a parenthesized yield.
parenthesized
    : LPAR (yield_expr | star_named_expression (comprehension | (COMMA star_named_expression)* COMMA?))? RPAR
    ;
list_display
    : LSQB (star_named_expression (comprehension | (COMMA star_named_expression)* COMMA?))? RSQB
    ;
dict_or_set_display
    : LBRACE (display_item (comprehension | (COMMA display_item)* COMMA?))? RBRACE
    ;
display_item: DOUBLESTAR bitwise_or | star_named_expression (COLON expression)?;

comprehension: for_if_clause+;
for_if_clause: ASYNC? FOR star_targets IN disjunction (IF disjunction)*;
star_targets: star_target (COMMA star_target)* COMMA?;
star_target: STAR? primary;

arguments: argument (COMMA argument)* COMMA?;
argument
    : NAME EQUAL expression
    | STAR expression
    | DOUBLESTAR expression
    | named_expression comprehension?
    ;

slices: slice (COMMA slice)* COMMA?;
slice
    : STAR bitwise_or
    | NAME COLONEQUAL expression
    | expression (COLON expression? (COLON expression?)?)?
    | COLON expression? (COLON expression?)?
    ;

strings: (STRING | fstring)+;
fstring: FSTRING_START fstring_part* FSTRING_END;
fstring_part: FSTRING_MIDDLE | fstring_field;
fstring_field
    : LBRACE (yield_expr | star_expressions) EQUAL? (EXCLAMATION NAME)? (COLON fstring_part*)? RBRACE
    ;
