# Warnings and sanitizers applied to every target of the project (plugins included).
add_compile_options(-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
                    $<$<COMPILE_LANGUAGE:CXX>:-Woverloaded-virtual>)
if(SWITCHEROO_WERROR)
  add_compile_options(-Werror)
endif()
if(SWITCHEROO_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
