// The one Catch2 runner every test executable links (switcheroo_catch_main): the single
// header's main is the slowest file of the suite to compile, so it is compiled once.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
