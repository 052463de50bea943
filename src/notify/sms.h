// Sending SMS: the SmsGateway interface the sender delivers through, and FileSmsGateway, the
// development gateway that appends each message as one JSON line to a file instead of sending it
// (sms.log_path). A gateway of a real SMS provider implements the same interface (later issue).
#pragma once

#include <string>
#include <string_view>

#include "platform/result.h"

namespace gk::notify {

// Sends one text message. Implementations are used by one thread at a time.
class SmsGateway {
 public:
  virtual ~SmsGateway() = default;
  // Sends `text` to the mobile number `to`. Error (Chinese message) when it could not be handed over;
  // the sender retries later.
  virtual Status send(std::string_view to, std::string_view text) = 0;
};

// Appends {"at": "YYYY-MM-DDTHH:MM:SSZ", "to": "138…", "text": "…"} and a newline per message to a
// file (created when missing, with its directory).
class FileSmsGateway : public SmsGateway {
 public:
  explicit FileSmsGateway(std::string path) : path_(std::move(path)) {}
  Status send(std::string_view to, std::string_view text) override;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace gk::notify
