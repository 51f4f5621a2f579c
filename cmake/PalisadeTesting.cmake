# palisade_add_test(<name> SOURCES <files...> LIBS <targets...> LABELS <unit|integration|gui|slow...>
#                   [TIMEOUT <seconds>] [ENV <VAR=value...>])
# One QtTest executable per unit. Runs offscreen; PALISADE_TEST_DATA_DIR points at tests/data.
function(palisade_add_test name)
  cmake_parse_arguments(T "" "TIMEOUT" "SOURCES;LIBS;LABELS;ENV" ${ARGN})
  if(NOT T_LABELS)
    message(FATAL_ERROR "palisade_add_test(${name}): give LABELS (unit, integration, gui, slow)")
  endif()
  set(target test_${name})
  add_executable(${target} ${T_SOURCES})
  set_target_properties(${target} PROPERTIES AUTOMOC ON)
  target_link_libraries(${target} PRIVATE Qt6::Test ${T_LIBS} palisade_warnings)
  target_include_directories(${target} PRIVATE "${PROJECT_SOURCE_DIR}" "${PROJECT_SOURCE_DIR}/tests")
  target_compile_definitions(${target} PRIVATE
    PALISADE_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data"
    PALISADE_BINARY_DIR="${PROJECT_BINARY_DIR}")
  add_test(NAME ${name} COMMAND ${target})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 120)
  endif()
  set_tests_properties(${name} PROPERTIES LABELS "${T_LABELS}" TIMEOUT ${T_TIMEOUT}
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;${T_ENV}")
endfunction()
