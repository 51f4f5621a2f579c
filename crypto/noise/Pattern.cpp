#include "crypto/noise/Pattern.h"

#include <algorithm>
#include <charconv>

namespace palisade::crypto::noise {

namespace {

using enum Token;

struct BasePattern {
    std::string_view name;
    std::vector<Token> initiatorPre;
    std::vector<Token> responderPre;
    std::vector<MessagePattern> messages; // alternate, starting with the initiator
};

// Spec §7.4 (one-way) and §7.5 (interactive) patterns.
const std::vector<BasePattern>& basePatterns()
{
    static const std::vector<BasePattern> table {
        { "N", {}, { S }, { { true, { E, ES } } } },
        { "K", { S }, { S }, { { true, { E, ES, SS } } } },
        { "X", {}, { S }, { { true, { E, ES, S, SS } } } },
        { "NN", {}, {}, { { true, { E } }, { false, { E, EE } } } },
        { "NK", {}, { S }, { { true, { E, ES } }, { false, { E, EE } } } },
        { "NX", {}, {}, { { true, { E } }, { false, { E, EE, S, ES } } } },
        { "KN", { S }, {}, { { true, { E } }, { false, { E, EE, SE } } } },
        { "KK", { S }, { S }, { { true, { E, ES, SS } }, { false, { E, EE, SE } } } },
        { "KX", { S }, {}, { { true, { E } }, { false, { E, EE, SE, S, ES } } } },
        { "XN", {}, {}, { { true, { E } }, { false, { E, EE } }, { true, { S, SE } } } },
        { "XK", {}, { S }, { { true, { E, ES } }, { false, { E, EE } }, { true, { S, SE } } } },
        { "XX", {}, {}, { { true, { E } }, { false, { E, EE, S, ES } }, { true, { S, SE } } } },
        { "IN", {}, {}, { { true, { E, S } }, { false, { E, EE, SE } } } },
        { "IK", {}, { S }, { { true, { E, ES, S, SS } }, { false, { E, EE, SE } } } },
        { "IX", {}, {}, { { true, { E, S } }, { false, { E, EE, SE, S, ES } } } },
    };
    return table;
}

bool applyModifier(HandshakePattern& pattern, std::string_view modifier)
{
    if (modifier == "fallback") {
        // Alice's first message becomes a pre-message; Bob then writes first (§10.2).
        if (pattern.fallback || pattern.messages.empty() || !pattern.messages.front().fromInitiator
            || !pattern.initiatorPreMessage.empty()) {
            return false;
        }
        const auto& first = pattern.messages.front().tokens;
        if (std::any_of(first.begin(), first.end(), [](Token t) { return t != E && t != S; })) {
            return false;
        }
        pattern.initiatorPreMessage = first;
        pattern.messages.erase(pattern.messages.begin());
        pattern.fallback = true;
        return true;
    }
    if (!modifier.starts_with("psk") || modifier.size() < 4) {
        return false;
    }
    std::size_t index = 0;
    const auto* begin = modifier.data() + 3;
    const auto* end = modifier.data() + modifier.size();
    const auto [ptr, ec] = std::from_chars(begin, end, index);
    if (ec != std::errc {} || ptr != end || index > pattern.messages.size()) {
        return false;
    }
    if (index == 0) {
        auto& tokens = pattern.messages.front().tokens;
        tokens.insert(tokens.begin(), Psk);
    } else {
        pattern.messages[index - 1].tokens.push_back(Psk);
    }
    return true;
}

bool contains(const std::vector<Token>& tokens, Token token)
{
    return std::find(tokens.begin(), tokens.end(), token) != tokens.end();
}

} // namespace

std::size_t HandshakePattern::pskCount() const noexcept
{
    std::size_t count = 0;
    for (const auto& message : messages) {
        count += static_cast<std::size_t>(std::count(message.tokens.begin(), message.tokens.end(), Psk));
    }
    return count;
}

bool HandshakePattern::needsLocalStatic(bool initiator) const noexcept
{
    if (contains(initiator ? initiatorPreMessage : responderPreMessage, S)) {
        return true;
    }
    return std::any_of(messages.begin(), messages.end(),
        [&](const MessagePattern& m) { return m.fromInitiator == initiator && contains(m.tokens, S); });
}

bool HandshakePattern::needsRemoteStaticUpFront(bool initiator) const noexcept
{
    return contains(initiator ? responderPreMessage : initiatorPreMessage, S);
}

std::expected<HandshakePattern, Error> parsePattern(std::string_view name)
{
    // The base name is the leading upper-case letters; modifiers follow, joined by '+'.
    const auto baseEnd = std::find_if(name.begin(), name.end(), [](char c) { return c < 'A' || c > 'Z'; });
    const std::string_view baseName(name.begin(), baseEnd);
    const auto& table = basePatterns();
    const auto base
        = std::find_if(table.begin(), table.end(), [&](const BasePattern& p) { return p.name == baseName; });
    if (base == table.end()) {
        return std::unexpected(Error::UnsupportedProtocol);
    }
    HandshakePattern pattern { std::string(name), base->initiatorPre, base->responderPre, base->messages,
        false };
    std::string_view modifiers(baseEnd, name.end());
    while (!modifiers.empty()) {
        const auto plus = modifiers.find('+');
        if (!applyModifier(pattern, modifiers.substr(0, plus))) {
            return std::unexpected(Error::UnsupportedProtocol);
        }
        modifiers = plus == std::string_view::npos ? std::string_view {} : modifiers.substr(plus + 1);
        if (plus != std::string_view::npos && modifiers.empty()) {
            return std::unexpected(Error::UnsupportedProtocol);
        }
    }
    // No published vector pins how a psk handshake treats a pre-message ephemeral: refuse
    // the combination rather than guess.
    if (pattern.fallback && pattern.hasPsk()) {
        return std::unexpected(Error::UnsupportedProtocol);
    }
    return pattern;
}

std::expected<HandshakePattern, Error> parseProtocolName(std::string_view protocolName)
{
    static constexpr std::string_view prefix = "Noise_";
    static constexpr std::string_view suite = "_25519_ChaChaPoly_BLAKE2b";
    if (!protocolName.starts_with(prefix) || !protocolName.ends_with(suite)
        || protocolName.size() <= prefix.size() + suite.size()) {
        return std::unexpected(Error::UnsupportedProtocol);
    }
    return parsePattern(
        protocolName.substr(prefix.size(), protocolName.size() - prefix.size() - suite.size()));
}

} // namespace palisade::crypto::noise
