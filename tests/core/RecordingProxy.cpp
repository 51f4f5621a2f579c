#include "RecordingProxy.h"

#include <array>

namespace palisade::test {

namespace asio = net::asio;

namespace {

asio::awaitable<void> pump(std::shared_ptr<net::tcp::socket> from, std::shared_ptr<net::tcp::socket> to,
    std::shared_ptr<std::string> record)
{
    std::array<char, 16384> buffer {};
    for (;;) {
        boost::system::error_code ec;
        const auto n = co_await from->async_read_some(
            asio::buffer(buffer), asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            break;
        }
        record->append(buffer.data(), n);
        co_await asio::async_write(
            *to, asio::buffer(buffer.data(), n), asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            break;
        }
    }
    boost::system::error_code ignored;
    from->close(ignored);
    to->close(ignored);
}

} // namespace

RecordingProxy::RecordingProxy(net::asio::io_context& io, std::uint16_t target)
    : m_io(&io)
    , m_target(target)
    , m_acceptor(io, net::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0))
{
    m_port = m_acceptor.local_endpoint().port();
    asio::co_spawn(io, acceptLoop(), asio::detached);
}

RecordingProxy::~RecordingProxy()
{
    boost::system::error_code ignored;
    m_acceptor.close(ignored);
}

net::Awaitable<void> RecordingProxy::acceptLoop()
{
    for (;;) {
        boost::system::error_code ec;
        auto client = std::make_shared<net::tcp::socket>(
            co_await m_acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec)));
        if (ec) {
            co_return;
        }
        auto server = std::make_shared<net::tcp::socket>(*m_io);
        co_await server->async_connect(net::tcp::endpoint(asio::ip::make_address("127.0.0.1"), m_target),
            asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            continue;
        }
        asio::co_spawn(*m_io, pump(client, server, m_recorded), asio::detached);
        asio::co_spawn(*m_io, pump(server, client, m_recorded), asio::detached);
    }
}

} // namespace palisade::test
