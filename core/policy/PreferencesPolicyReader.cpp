#include "core/policy/PreferencesPolicyReader.h"

#include "core/policy/PolicyKeys.h"

#include <CoreFoundation/CoreFoundation.h>

namespace palisade::core {

namespace {

std::string toStdString(CFStringRef text)
{
    const CFIndex length = CFStringGetLength(text);
    const CFIndex capacity = CFStringGetMaximumSizeForEncoding(length, kCFStringEncodingUTF8) + 1;
    std::string out(static_cast<std::size_t>(capacity), '\0');
    if (!CFStringGetCString(text, out.data(), capacity, kCFStringEncodingUTF8)) {
        return {};
    }
    out.resize(std::char_traits<char>::length(out.c_str()));
    return out;
}

RawValue toRaw(CFPropertyListRef value)
{
    const CFTypeID type = CFGetTypeID(value);
    if (type == CFBooleanGetTypeID()) {
        return CFBooleanGetValue(static_cast<CFBooleanRef>(value)) != 0;
    }
    if (type == CFNumberGetTypeID()) {
        const auto number = static_cast<CFNumberRef>(value);
        if (CFNumberIsFloatType(number)) {
            double d = 0;
            CFNumberGetValue(number, kCFNumberDoubleType, &d);
            return d;
        }
        long long n = 0;
        CFNumberGetValue(number, kCFNumberLongLongType, &n);
        return static_cast<std::int64_t>(n);
    }
    if (type == CFStringGetTypeID()) {
        return toStdString(static_cast<CFStringRef>(value));
    }
    if (type == CFArrayGetTypeID()) {
        const auto array = static_cast<CFArrayRef>(value);
        std::vector<std::string> list;
        for (CFIndex i = 0; i < CFArrayGetCount(array); ++i) {
            const auto item = CFArrayGetValueAtIndex(array, i);
            if (CFGetTypeID(item) != CFStringGetTypeID()) {
                return UnsupportedValue { "a list with an item that is not a string" };
            }
            list.push_back(toStdString(static_cast<CFStringRef>(item)));
        }
        return list;
    }
    return UnsupportedValue { "a preference value of an unsupported type" };
}

} // namespace

PolicyReadResult PreferencesPolicyReader::read() const
{
    PolicyReadResult result;
    const CFStringRef app = CFSTR("com.palisade.client");
    for (const auto& spec : policyKeys()) {
        const std::string name(spec.name);
        const CFStringRef key
            = CFStringCreateWithCString(kCFAllocatorDefault, name.c_str(), kCFStringEncodingUTF8);
        if (const CFPropertyListRef value = CFPreferencesCopyAppValue(key, app)) {
            const bool forced = CFPreferencesAppValueIsForced(key, app) != 0;
            (forced ? result.managed : result.recommended).push_back({ name, toRaw(value), location() });
            CFRelease(value);
        }
        CFRelease(key);
    }
    return result;
}

} // namespace palisade::core
