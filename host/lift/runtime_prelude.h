// The Python helpers every lifted file begins with (u32, f32, bits, lop3, ...).
#pragma once

#include <set>
#include <string>

namespace switcheroo::lift {

/// Python source of the helpers; ends with a newline.
const char* runtime_prelude();

/// The names the helpers bind at the top level (functions, classes, imported modules), which a
/// lifted kernel's own names must not hide.
std::set<std::string> prelude_names();

}  // namespace switcheroo::lift
