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

# palisade_add_fuzz(<name> SOURCES <files...> LIBS <targets...> CORPUS <dir> [ITERATIONS <n>])
# The sources define LLVMFuzzerTestOneInput for one parser of untrusted bytes.
# Always: a ctest "fuzz_<name>" (labels unit;fuzz) that replays the seed corpus plus <n>
# deterministic mutations through tests/fuzz/ReplayMain.cpp, with any compiler.
# With PALISADE_FUZZ=ON and clang: also a libFuzzer binary fuzz_<name> for long runs:
#   scripts/dev fuzz [seconds-per-target]
function(palisade_add_fuzz name)
  cmake_parse_arguments(F "" "CORPUS;ITERATIONS" "SOURCES;LIBS" ${ARGN})
  if(NOT F_ITERATIONS)
    set(F_ITERATIONS 20000)
  endif()
  add_executable(fuzz_replay_${name} ${F_SOURCES} "${PROJECT_SOURCE_DIR}/tests/fuzz/ReplayMain.cpp")
  target_link_libraries(fuzz_replay_${name} PRIVATE ${F_LIBS} palisade_warnings)
  target_include_directories(fuzz_replay_${name} PRIVATE "${PROJECT_SOURCE_DIR}" "${PROJECT_SOURCE_DIR}/tests")
  add_test(NAME fuzz_${name} COMMAND fuzz_replay_${name} "${F_CORPUS}" ${F_ITERATIONS})
  set_tests_properties(fuzz_${name} PROPERTIES LABELS "unit;fuzz" TIMEOUT 300)
  if(PALISADE_FUZZ)
    add_executable(fuzz_${name} ${F_SOURCES})
    target_compile_options(fuzz_${name} PRIVATE -fsanitize=fuzzer,address,undefined)
    target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer,address,undefined)
    target_link_libraries(fuzz_${name} PRIVATE ${F_LIBS} palisade_warnings)
    if(CMAKE_CXX_FLAGS MATCHES "-stdlib=libc\\+\\+")
      # Debian's libFuzzer runtime is built against libstdc++; our code uses libc++ (std::__1),
      # so both can live in one binary without clashing. (clang rewrites a plain -lstdc++.)
      target_link_libraries(fuzz_${name} PRIVATE -l:libstdc++.so.6)
    endif()
    target_include_directories(fuzz_${name} PRIVATE "${PROJECT_SOURCE_DIR}" "${PROJECT_SOURCE_DIR}/tests")
    # `cmake --build --preset fuzz --target fuzzers` builds them all; scripts/dev fuzz reads the
    # list to run each one on a copy of its corpus.
    if(NOT TARGET fuzzers)
      add_custom_target(fuzzers)
      file(WRITE "${PROJECT_BINARY_DIR}/fuzzers.txt" "")
    endif()
    add_dependencies(fuzzers fuzz_${name})
    file(APPEND "${PROJECT_BINARY_DIR}/fuzzers.txt" "${CMAKE_CURRENT_BINARY_DIR}/fuzz_${name} ${F_CORPUS}\n")
  endif()
endfunction()
