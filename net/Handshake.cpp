#include "net/Handshake.h"

#include "net/Deadline.h"

namespace palisade::net {
namespace {

namespace noise = crypto::noise;
using boost::system::error_code;

constexpr std::string_view kIkName = "Noise_IK_25519_ChaChaPoly_BLAKE2b";
constexpr std::string_view kXxName = "Noise_XX_25519_ChaChaPoly_BLAKE2b";

/// The socket and the frames read from it while the handshake runs.
struct Wire {
    tcp::socket& socket;
    FrameDecoder& decoder;
};

Awaitable<std::expected<crypto::Bytes, Error>> readFrame(Wire wire)
{
    std::array<std::uint8_t, 4096> chunk {};
    for (;;) {
        auto frame = wire.decoder.next();
        if (!frame)
            co_return std::unexpected(Error::HandshakeFailed);
        if (*frame)
            co_return crypto::Bytes((*frame)->begin(), (*frame)->end());
        error_code ec;
        const std::size_t n = co_await wire.socket.async_read_some(
            asio::buffer(chunk), asio::redirect_error(asio::use_awaitable, ec));
        if (ec)
            co_return std::unexpected(Error::HandshakeFailed);
        wire.decoder.feed(std::span(chunk.data(), n));
    }
}

Awaitable<std::expected<void, Error>> writeFrame(
    Wire wire, std::span<const std::uint8_t> prefix, crypto::ByteView body)
{
    std::vector<std::uint8_t> payload(prefix.begin(), prefix.end());
    payload.insert(payload.end(), body.begin(), body.end());
    std::vector<std::uint8_t> out;
    if (!appendFrame(out, payload))
        co_return std::unexpected(Error::HandshakeFailed);
    error_code ec;
    co_await asio::async_write(wire.socket, asio::buffer(out), asio::redirect_error(asio::use_awaitable, ec));
    if (ec)
        co_return std::unexpected(Error::HandshakeFailed);
    co_return std::expected<void, Error> {};
}

crypto::Bytes serialize(const google::protobuf::MessageLite& message)
{
    crypto::Bytes out(message.ByteSizeLong());
    if (!out.empty())
        message.SerializeToArray(out.data(), static_cast<int>(out.size()));
    return out;
}

noise::HandshakeConfig config(std::string_view name, noise::Role role, const crypto::X25519KeyPair& local,
    const crypto::X25519PublicKey* remote)
{
    noise::HandshakeConfig c;
    c.protocolName = name;
    c.role = role;
    c.prologue = crypto::asBytes(kPrologue);
    c.localStaticSecret = local.secretKey.bytes();
    if (remote)
        c.remoteStaticPublic = *remote;
    return c;
}

/// Split and wrap; the handshake state must be complete.
std::expected<std::shared_ptr<NoiseConnection>, Error> establish(
    noise::HandshakeState& state, tcp::socket& socket, FrameDecoder& decoder, const HandshakeOptions& options)
{
    const auto& remote = state.remoteStaticPublicKey();
    auto ciphers = state.split();
    if (!ciphers || !remote)
        return std::unexpected(Error::HandshakeFailed);
    return std::make_shared<NoiseConnection>(std::move(socket), std::move(*ciphers), std::move(decoder),
        state.handshakeHash(), *remote, options.limits);
}

/// Arms the whole-handshake deadline on @p socket; closing it fails the pending I/O.
void armHandshakeDeadline(Deadline& deadline, tcp::socket& socket, std::chrono::milliseconds timeout)
{
    deadline.arm(timeout, [&socket] {
        error_code ignored;
        socket.close(ignored);
    });
}

Awaitable<std::expected<ClientSession, Error>> runClient(tcp::socket& socket, FrameDecoder& decoder,
    const crypto::X25519KeyPair& deviceKey, const std::optional<crypto::X25519PublicKey>& serverKey,
    const v1::ClientHello& hello, const HandshakeOptions& options)
{
    const Wire wire { socket, decoder };
    const bool ik = serverKey.has_value();
    auto state = noise::HandshakeState::create(
        config(ik ? kIkName : kXxName, noise::Role::Initiator, deviceKey, ik ? &*serverKey : nullptr));
    if (!state)
        co_return std::unexpected(Error::HandshakeFailed);
    const crypto::Bytes helloBytes = serialize(hello);
    // IK: ClientHello rides in message 1 (encrypted to the pinned key). XX: message 1 is
    // in the clear, so it carries nothing and ClientHello waits for message 3.
    auto first = state->writeMessage(ik ? crypto::ByteView(helloBytes) : crypto::ByteView {});
    if (!first)
        co_return std::unexpected(Error::HandshakeFailed);
    const std::array<std::uint8_t, 1> selector { static_cast<std::uint8_t>(
        ik ? HandshakePattern::IK : HandshakePattern::XX) };
    if (auto w = co_await writeFrame(wire, selector, *first); !w)
        co_return std::unexpected(w.error());
    auto second = co_await readFrame(wire);
    if (!second)
        co_return std::unexpected(second.error());
    auto serverPayload = state->readMessage(*second);
    if (!serverPayload)
        co_return std::unexpected(Error::HandshakeFailed);
    if (!ik) {
        auto third = state->writeMessage(helloBytes);
        if (!third)
            co_return std::unexpected(Error::HandshakeFailed);
        if (auto w = co_await writeFrame(wire, {}, *third); !w)
            co_return std::unexpected(w.error());
    }
    ClientSession session;
    session.pattern = ik ? HandshakePattern::IK : HandshakePattern::XX;
    if (!session.hello.ParseFromArray(serverPayload->data(), static_cast<int>(serverPayload->size())))
        co_return std::unexpected(Error::InvalidMessage);
    auto connection = establish(*state, socket, decoder, options);
    if (!connection)
        co_return std::unexpected(connection.error());
    session.connection = std::move(*connection);
    co_return session;
}

Awaitable<std::expected<AcceptedClient, Error>> runServer(tcp::socket& socket, FrameDecoder& decoder,
    const crypto::X25519KeyPair& serverKey, const ServerHelloProvider& makeHello, bool allowXx,
    const HandshakeOptions& options)
{
    const Wire wire { socket, decoder };
    auto first = co_await readFrame(wire);
    if (!first)
        co_return std::unexpected(first.error());
    const auto pattern = static_cast<HandshakePattern>(first->front());
    const bool ik = pattern == HandshakePattern::IK;
    if (!ik && !(pattern == HandshakePattern::XX && allowXx))
        co_return std::unexpected(Error::HandshakeFailed);
    auto state = noise::HandshakeState::create(
        config(ik ? kIkName : kXxName, noise::Role::Responder, serverKey, nullptr));
    if (!state)
        co_return std::unexpected(Error::HandshakeFailed);
    auto clientPayload = state->readMessage(crypto::ByteView(*first).subspan(1));
    if (!clientPayload)
        co_return std::unexpected(Error::HandshakeFailed);
    AcceptedClient client;
    client.pattern = pattern;
    if (ik && !client.hello.ParseFromArray(clientPayload->data(), static_cast<int>(clientPayload->size())))
        co_return std::unexpected(Error::InvalidMessage);
    const auto& clientKey = state->remoteStaticPublicKey();
    const v1::ServerHello hello
        = ik ? makeHello(&client.hello, clientKey ? &*clientKey : nullptr) : makeHello(nullptr, nullptr);
    auto second = state->writeMessage(serialize(hello));
    if (!second)
        co_return std::unexpected(Error::HandshakeFailed);
    if (auto w = co_await writeFrame(wire, {}, *second); !w)
        co_return std::unexpected(w.error());
    if (!ik) {
        auto third = co_await readFrame(wire);
        if (!third)
            co_return std::unexpected(third.error());
        clientPayload = state->readMessage(*third);
        if (!clientPayload)
            co_return std::unexpected(Error::HandshakeFailed);
        if (!client.hello.ParseFromArray(clientPayload->data(), static_cast<int>(clientPayload->size())))
            co_return std::unexpected(Error::InvalidMessage);
    }
    auto connection = establish(*state, socket, decoder, options);
    if (!connection)
        co_return std::unexpected(connection.error());
    client.connection = std::move(*connection);
    co_return client;
}

} // namespace

Awaitable<std::expected<ClientSession, Error>> connectClient(ConnectedStream stream,
    const crypto::X25519KeyPair& deviceKey, std::optional<crypto::X25519PublicKey> serverKey,
    v1::ClientHello hello, HandshakeOptions options)
{
    FrameDecoder decoder;
    decoder.feed(stream.pending);
    Deadline deadline(stream.socket.get_executor());
    armHandshakeDeadline(deadline, stream.socket, options.timeout);
    auto session = co_await runClient(stream.socket, decoder, deviceKey, serverKey, hello, options);
    const bool expired = deadline.expired();
    deadline.disarm();
    if (expired)
        co_return std::unexpected(Error::Timeout);
    co_return session;
}

Awaitable<std::expected<ClientSession, Error>> connectToServer(Endpoint server, ProxySettings proxy,
    const crypto::X25519KeyPair& deviceKey, ServerTrust trust, v1::ClientHello hello,
    HandshakeOptions options)
{
    std::vector<std::optional<crypto::X25519PublicKey>> attempts(
        trust.pinnedKeys.begin(), trust.pinnedKeys.end());
    if (attempts.empty() && trust.allowTofu)
        attempts.emplace_back(std::nullopt);
    for (const auto& key : attempts) {
        auto stream = co_await connectStream(server, proxy, options.timeout);
        if (!stream)
            co_return std::unexpected(stream.error());
        auto session = co_await connectClient(std::move(*stream), deviceKey, key, hello, options);
        if (session || session.error() != Error::HandshakeFailed)
            co_return session;
    }
    co_return std::unexpected(Error::UntrustedServerKey);
}

Awaitable<std::expected<AcceptedClient, Error>> acceptClient(tcp::socket socket,
    const crypto::X25519KeyPair& serverKey, ServerHelloProvider makeHello, bool allowXx,
    HandshakeOptions options)
{
    FrameDecoder decoder;
    Deadline deadline(socket.get_executor());
    armHandshakeDeadline(deadline, socket, options.timeout);
    auto client = co_await runServer(socket, decoder, serverKey, makeHello, allowXx, options);
    const bool expired = deadline.expired();
    deadline.disarm();
    if (expired)
        co_return std::unexpected(Error::Timeout);
    co_return client;
}

Awaitable<std::expected<AcceptedClient, Error>> acceptClient(tcp::socket socket,
    const crypto::X25519KeyPair& serverKey, v1::ServerHello hello, bool allowXx, HandshakeOptions options)
{
    ServerHelloProvider fixed = [hello = std::move(hello)](
                                    const v1::ClientHello*, const crypto::X25519PublicKey*) { return hello; };
    co_return co_await acceptClient(std::move(socket), serverKey, std::move(fixed), allowXx, options);
}

} // namespace palisade::net
