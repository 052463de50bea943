// Sending e-mail: the MailTransport interface the sender delivers through, and SmtpTransport, which
// hands a composed message (mail.h) to an SMTP server with libcurl: plain, STARTTLS or SMTPS,
// optional login, bounded connect and transfer times, abortable from another thread.
#pragma once

#include <atomic>
#include <string>
#include <string_view>

#include "notify/settings.h"
#include "platform/result.h"

namespace gk::notify {

// Sends one message. Implementations are used by one thread at a time.
class MailTransport {
 public:
  virtual ~MailTransport() = default;
  // Sends the RFC 5322 `message` from `from` to `to` (envelope addresses). Error (Chinese message
  // with the server's or libcurl's reason) when the server did not accept it.
  virtual Status send(std::string_view from, std::string_view to, std::string_view message) = 0;
};

class SmtpTransport : public MailTransport {
 public:
  // `cancel` (optional) aborts a transfer in progress when it becomes true (server shutdown).
  explicit SmtpTransport(SmtpSettings settings, const std::atomic<bool>* cancel = nullptr);
  Status send(std::string_view from, std::string_view to, std::string_view message) override;

  static constexpr long kConnectTimeoutSeconds = 10;
  static constexpr long kTimeoutSeconds = 60;

 private:
  SmtpSettings settings_;
  const std::atomic<bool>* cancel_;
};

}  // namespace gk::notify
