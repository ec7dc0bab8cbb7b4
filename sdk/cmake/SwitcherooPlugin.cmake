# switcheroo_add_plugin: builds a Switcheroo plugin the same way in tree and out of tree.
#
#   switcheroo_add_plugin(<target>
#     KIND adapter|isa-frontend|emitter|hook
#     ID <plugin-id>
#     SOURCES <file>...
#     [EMBED <symbol> <file> [<symbol> <file>]...]
#     [NO_INSTALL])
#
# The result is a loadable module named `libsw-<kind>-<id>.so` with hidden visibility (only the
# entry symbol is exported). Each EMBED pair compiles <file> into the plugin as
# `switcheroo_embedded::<symbol>`, a NUL-terminated `const char[]`: spoke and trait data files
# live next to the adapter and are built into it. Unless NO_INSTALL is given, the module is
# installed to SWITCHEROO_PLUGIN_INSTALL_DIR, where swhost finds plugins by default.
#
# An adapter's traits and spoke are also compiled once, when SWITCHEROO_KB_COMPILER names
# swkbc (the SDK package sets it when swkbc is installed with it): `<module>.swkb` beside the
# module, which swhost reads instead of parsing the TOML at every start. swkbc checks the data
# as swhost would, so invalid data fails the build with swhost's located error.

function(switcheroo_add_plugin target)
  set(module_dir "${CMAKE_CURRENT_FUNCTION_LIST_DIR}")
  cmake_parse_arguments(PARSE_ARGV 1 plugin "NO_INSTALL" "KIND;ID" "SOURCES;EMBED")
  if(NOT plugin_KIND MATCHES "^(adapter|isa-frontend|emitter|hook)$")
    message(FATAL_ERROR "switcheroo_add_plugin(${target}): KIND must be adapter, isa-frontend, emitter or hook, got '${plugin_KIND}'")
  endif()
  if(NOT plugin_ID MATCHES "^[a-z0-9][a-z0-9_-]*$")
    message(FATAL_ERROR "switcheroo_add_plugin(${target}): ID '${plugin_ID}' must be lowercase letters, digits, '_' or '-'")
  endif()

  set(generated_sources)
  list(LENGTH plugin_EMBED embed_count)
  math(EXPR embed_odd "${embed_count} % 2")
  if(embed_odd)
    message(FATAL_ERROR "switcheroo_add_plugin(${target}): EMBED takes <symbol> <file> pairs")
  endif()
  while(plugin_EMBED)
    list(POP_FRONT plugin_EMBED symbol file)
    get_filename_component(file "${file}" ABSOLUTE)
    set(output "${CMAKE_CURRENT_BINARY_DIR}/${target}_embedded_${symbol}.cpp")
    add_custom_command(
      OUTPUT "${output}"
      COMMAND "${CMAKE_COMMAND}" -DINPUT=${file} -DOUTPUT=${output} -DSYMBOL=${symbol}
              -P "${module_dir}/SwitcherooEmbed.cmake"
      DEPENDS "${file}" "${module_dir}/SwitcherooEmbed.cmake"
      COMMENT "Embedding ${file} as switcheroo_embedded::${symbol}"
      VERBATIM)
    list(APPEND generated_sources "${output}")
  endwhile()

  add_library(${target} MODULE ${plugin_SOURCES} ${generated_sources})
  target_link_libraries(${target} PRIVATE Switcheroo::sdk)
  set_target_properties(${target} PROPERTIES
    PREFIX "lib"
    OUTPUT_NAME "sw-${plugin_KIND}-${plugin_ID}"
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    SWITCHEROO_PLUGIN_ID "${plugin_ID}"
    SWITCHEROO_PLUGIN_KIND "${plugin_KIND}")
  if(NOT DEFINED CMAKE_CXX_STANDARD)
    target_compile_features(${target} PRIVATE cxx_std_20)
  endif()
  if(DEFINED SWITCHEROO_PLUGIN_OUTPUT_DIR)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${SWITCHEROO_PLUGIN_OUTPUT_DIR}")
  endif()
  if(NOT plugin_NO_INSTALL AND DEFINED SWITCHEROO_PLUGIN_INSTALL_DIR)
    install(TARGETS ${target} LIBRARY DESTINATION "${SWITCHEROO_PLUGIN_INSTALL_DIR}")
  endif()
  if(plugin_KIND STREQUAL "adapter" AND SWITCHEROO_KB_COMPILER)
    # OUTPUT takes no target-dependent generator expression: the module's path spelled out.
    get_target_property(image_dir ${target} LIBRARY_OUTPUT_DIRECTORY)
    if(NOT image_dir)
      set(image_dir "${CMAKE_CURRENT_BINARY_DIR}")
    endif()
    set(image "${image_dir}/libsw-${plugin_KIND}-${plugin_ID}${CMAKE_SHARED_MODULE_SUFFIX}.swkb")
    add_custom_command(
      OUTPUT "${image}"
      COMMAND ${SWITCHEROO_KB_COMPILER} adapter "$<TARGET_FILE:${target}>" "${image}"
      DEPENDS ${target} ${SWITCHEROO_KB_COMPILER}
      COMMENT "Compiling the knowledge-base data of ${target}"
      VERBATIM)
    add_custom_target(${target}_kb_image ALL DEPENDS "${image}")
    if(NOT plugin_NO_INSTALL AND DEFINED SWITCHEROO_PLUGIN_INSTALL_DIR)
      install(FILES "${image}" DESTINATION "${SWITCHEROO_PLUGIN_INSTALL_DIR}")
    endif()
  endif()
endfunction()
