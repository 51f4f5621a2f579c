#include "Relay.h"

#include "net/Handshake.h"

#include <boost/asio/signal_set.hpp>
#include <sodium.h>

#include <iostream>
#include <map>
#include <memory>

namespace palisade::bench {

namespace asio = palisade::net::asio;
namespace net = palisade::net;

namespace {

using Names = std::map<std::string, net::NoiseConnection*>;

net::Awaitable<void> serve(net::tcp::socket socket, const crypto::X25519KeyPair& key, Names& names)
{
    v1::ServerHello hello;
    hello.set_protocol_version(net::kProtocolVersion);
    hello.set_server_version("relay");
    auto accepted = co_await net::acceptClient(std::move(socket), key, hello, false);
    if (!accepted) {
        co_return;
    }
    std::unique_ptr<net::NoiseConnection> connection = std::move(accepted->connection);
    std::string name;
    std::uint64_t nextId = 0;
    for (;;) {
        auto frame = co_await connection->receiveFrame();
        if (!frame) {
            break;
        }
        if (frame->has_enrol_request()) {
            name = frame->enrol_request().username();
            names[name] = connection.get();
            v1::Frame answer;
            answer.set_request_id(frame->request_id());
            answer.mutable_enrol_result()->set_username(name);
            (void)connection->postFrame(answer);
        } else if (frame->has_send_envelope()) {
            const auto& send = frame->send_envelope();
            if (auto it = names.find(send.recipient()); it != names.end()) {
                for (const auto& c : send.ciphertexts()) {
                    v1::Frame out;
                    auto* e = out.mutable_envelope();
                    e->set_server_id(++nextId);
                    e->set_sender(name);
                    e->set_client_message_id(send.client_message_id());
                    e->set_ciphertext(c.ciphertext());
                    (void)it->second->postFrame(out);
                }
            }
            v1::Frame answer;
            answer.set_request_id(frame->request_id());
            answer.mutable_send_result()->set_client_message_id(send.client_message_id());
            (void)connection->postFrame(answer);
        }
    }
    if (!name.empty()) {
        names.erase(name);
    }
}

net::Awaitable<void> acceptLoop(net::tcp::acceptor& acceptor, const crypto::X25519KeyPair& key, Names& names)
{
    for (;;) {
        boost::system::error_code ec;
        auto socket = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
        if (ec == asio::error::operation_aborted) {
            co_return;
        }
        if (!ec) {
            asio::co_spawn(acceptor.get_executor(), serve(std::move(socket), key, names), asio::detached);
        }
    }
}

} // namespace

int runRelay()
{
    asio::io_context io(1);
    const auto key = crypto::x25519::generateKeyPair();
    net::tcp::acceptor acceptor(io, net::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    Names names;
    char b64[64];
    sodium_bin2base64(
        b64, sizeof b64, key.publicKey.data(), key.publicKey.size(), sodium_base64_VARIANT_ORIGINAL);
    std::cout << "listening 127.0.0.1:" << acceptor.local_endpoint().port() << ' ' << b64 << std::endl;
    asio::signal_set signals(io, SIGTERM, SIGINT);
    signals.async_wait([&](const boost::system::error_code&, int) { io.stop(); });
    asio::co_spawn(io, acceptLoop(acceptor, key, names), asio::detached);
    io.run();
    return 0;
}

} // namespace palisade::bench
