# palisade_warnings: an INTERFACE target every first-party target links privately.
add_library(palisade_warnings INTERFACE)
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(palisade_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual
    -Wcast-align -Wformat=2 -Wimplicit-fallthrough -Wmissing-declarations
    -Wundef -Wunused)
  if(PALISADE_WERROR)
    target_compile_options(palisade_warnings INTERFACE -Werror)
  endif()
elseif(MSVC)
  target_compile_options(palisade_warnings INTERFACE /W4 /permissive-)
  if(PALISADE_WERROR)
    target_compile_options(palisade_warnings INTERFACE /WX)
  endif()
endif()
# Qt: no implicit string conversions, no context-less connects (STYLE.md §6).
target_compile_definitions(palisade_warnings INTERFACE
  QT_NO_CONTEXTLESS_CONNECT QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT QT_USE_QSTRINGBUILDER
  $<$<BOOL:${PALISADE_TEST_SEAMS}>:PALISADE_TEST_SEAMS=1>)
