// The Python helpers every lifted file begins with (u32, f32, bits, lop3, ...).
#pragma once

namespace switcheroo::lift {

/// Python source of the helpers; ends with a newline.
const char* runtime_prelude();

}  // namespace switcheroo::lift
