// HttpServer: an HTTP/1.1 server on Boost.Beast/Asio with one I/O thread per core, keep-alive,
// per-connection timeouts and request size limits. Each request is handed to one handler function,
// called on an I/O thread; the handler must be thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "platform/http/request.h"
#include "platform/http/response.h"

namespace gk::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  int threads = 0;                              // 0: one per core
  uint64_t max_body_bytes = 64ull << 20;        // multipart uploads included
  // Request line and headers together: 64 KiB leaves room for a search of 5,000 Chinese characters
  // (about 45 KB once percent-encoded) in the address.
  uint32_t max_header_bytes = 64u << 10;
  int read_timeout_seconds = 30;
};

using Handler = std::function<Response(Request&)>;

class HttpServer {
 public:
  HttpServer(ServerOptions options, Handler handler);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens; throws std::runtime_error with a readable message when the address is
  // unusable. Returns the bound port (useful with port 0).
  uint16_t listen();
  // Serves until stop() is called (or SIGINT/SIGTERM when `handle_signals`); blocks the caller.
  void run(bool handle_signals);
  // Asks run() to return; safe from any thread.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gk::http
