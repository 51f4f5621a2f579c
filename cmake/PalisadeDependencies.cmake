# Third-party dependencies, all from the distribution's packages (scripts/packages-debian.txt).
# libsodium and SQLCipher through pkg-config; Qt 6, Boost and Protobuf through find_package.
find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium>=1.0.18)
pkg_check_modules(SQLCIPHER REQUIRED IMPORTED_TARGET sqlcipher)
find_package(Boost 1.74 REQUIRED)
find_package(Threads REQUIRED)
find_package(Qt6 6.4 REQUIRED COMPONENTS Core Test)
if(PALISADE_BUILD_APP)
  find_package(Qt6 6.4 REQUIRED COMPONENTS Widgets)
endif()
