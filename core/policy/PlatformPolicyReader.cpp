#include "core/policy/PolicyReader.h"

#if defined(_WIN32)
#include "core/policy/RegistryPolicyReader.h"
#elif defined(__APPLE__)
#include "core/policy/PreferencesPolicyReader.h"
#else
#include "core/policy/PolicyDirectoryReader.h"
#endif

namespace palisade::core {

std::unique_ptr<PolicyReader> makePlatformPolicyReader()
{
#if defined(_WIN32)
    return std::make_unique<RegistryPolicyReader>();
#elif defined(__APPLE__)
    return std::make_unique<PreferencesPolicyReader>();
#else
    return std::make_unique<PolicyDirectoryReader>();
#endif
}

} // namespace palisade::core
