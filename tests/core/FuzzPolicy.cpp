// Fuzz target: policy file parsing, validation and the report, plus the network.proxy parser
// (admin- and user-edited text, treated as untrusted bytes).
#include "core/ProxySetting.h"
#include "core/policy/EffectivePolicy.h"
#include "core/policy/PolicyDirectoryReader.h"
#include "core/policy/PolicyReport.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace palisade::core;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (const auto choice = parseProxySetting(text)) {
        // A value that parses must redact to something that still parses.
        if (!parseProxySetting(redactProxySetting(text))) {
            std::abort();
        }
    }
    auto entries = parsePolicyJson(QByteArray(text.data(), static_cast<qsizetype>(text.size())), "fuzz.json");
    if (!entries) {
        return 0;
    }
    PolicyReadResult machine;
    machine.managed = *entries;
    const auto policy = EffectivePolicy::build(machine, {});
    for (const auto& value : policy.values()) {
        // Effective values are canonical: validating one again gives it back unchanged.
        if (value.source == PolicySource::Managed) {
            const RawValue raw = std::visit([](const auto& v) { return RawValue { v }; }, value.value);
            const auto again = validatePolicyValue(*value.spec, raw);
            if (!again || *again != value.value) {
                std::abort();
            }
        }
    }
    (void)policyReportText(policy, "fuzz");
    (void)policyReportJson(policy, "fuzz");
    return 0;
}
