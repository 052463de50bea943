// See smtp.h. libcurl's SMTP: CURLOPT_MAIL_FROM / CURLOPT_MAIL_RCPT give the envelope, the read
// callback supplies the message, CURLOPT_UPLOAD makes it a DATA transfer; libcurl escapes lines
// that start with a dot.
#include "notify/smtp.h"

#include <curl/curl.h>

#include <cstring>
#include <mutex>

namespace gk::notify {
namespace {

struct Upload {
  std::string_view data;
  size_t pos = 0;
};

size_t read_message(char* buffer, size_t size, size_t nitems, void* userp) {
  auto* u = static_cast<Upload*>(userp);
  const size_t n = std::min(size * nitems, u->data.size() - u->pos);
  std::memcpy(buffer, u->data.data() + u->pos, n);
  u->pos += n;
  return n;
}

int check_cancel(void* clientp, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* cancel = static_cast<const std::atomic<bool>*>(clientp);
  return cancel && cancel->load() ? 1 : 0;
}

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

SmtpTransport::SmtpTransport(SmtpSettings settings, const std::atomic<bool>* cancel)
    : settings_(std::move(settings)), cancel_(cancel) {
  global_init();
}

Status SmtpTransport::send(std::string_view from, std::string_view to, std::string_view message) {
  if (settings_.host.empty()) return Error::invalid("mail_not_configured", "未配置邮件服务器");
  CURL* curl = curl_easy_init();
  if (!curl) return Error::invalid("smtp_failed", "无法初始化邮件发送");
  const std::string url = std::string(settings_.tls == Tls::kImplicit ? "smtps://" : "smtp://") + settings_.host + ":" +
                          std::to_string(settings_.port);
  const std::string mail_from = "<" + std::string(from) + ">";
  curl_slist* rcpt = curl_slist_append(nullptr, ("<" + std::string(to) + ">").c_str());
  Upload upload{message, 0};
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_message);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, kConnectTimeoutSeconds);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, kTimeoutSeconds);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // several threads; no SIGALRM for DNS timeouts
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, check_cancel);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, cancel_);
  if (settings_.tls == Tls::kStartTls) curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!settings_.user.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, settings_.user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, settings_.password.c_str());
  }
  const CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(rcpt);
  curl_easy_cleanup(curl);
  if (rc == CURLE_OK) return ok_status();
  const std::string reason = errbuf[0] ? errbuf : curl_easy_strerror(rc);
  return Error::invalid("smtp_failed",
                        "邮件服务器未接受（" + settings_.host + ":" + std::to_string(settings_.port) + "）：" + reason);
}

}  // namespace gk::notify
