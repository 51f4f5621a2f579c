#pragma once
/// @file
/// @brief The one way net/ (and its users) include Boost.Asio.
///
/// Boost 1.74's awaitable.hpp uses std::exchange without including <utility>, and its
/// allocator code trips GCC 12's -Wmismatched-new-delete under -Werror; both are handled
/// here, locally, so first-party code keeps every warning on.

#include <utility>

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

namespace palisade::net {
namespace asio = boost::asio;
using tcp = boost::asio::ip::tcp;
template <typename T> using Awaitable = boost::asio::awaitable<T>;
} // namespace palisade::net
