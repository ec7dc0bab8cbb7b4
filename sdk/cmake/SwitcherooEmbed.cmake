# Script mode (cmake -P): writes OUTPUT, a C++ file defining switcheroo_embedded::SYMBOL as the
# bytes of INPUT followed by a NUL.
file(READ "${INPUT}" content HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
string(REGEX REPLACE "(([^,]*,){16})" "\\1\n    " bytes "${bytes}")
file(WRITE "${OUTPUT}.tmp"
"// Generated from ${INPUT} by SwitcherooEmbed.cmake; do not edit.\n"
"namespace switcheroo_embedded {\n"
"extern const char ${SYMBOL}[];\n"
"const char ${SYMBOL}[] = {\n    ${bytes}'\\0'};\n"
"}  // namespace switcheroo_embedded\n")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
