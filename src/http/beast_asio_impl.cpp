// The one translation unit that compiles Boost.Asio and Boost.Beast
// (BOOST_ASIO_SEPARATE_COMPILATION and BOOST_BEAST_SEPARATE_COMPILATION come with
// the mediagate_boost target). Nothing else may include these two headers.
#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
