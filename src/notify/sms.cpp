// See sms.h.
#include "notify/sms.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "platform/time.h"

namespace gk::notify {

Status FileSmsGateway::send(std::string_view to, std::string_view text) {
  const nlohmann::json line = {{"at", now_iso()}, {"to", to}, {"text", text}};
  std::error_code ec;
  const std::filesystem::path p(path_);
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path(), ec);
  std::ofstream out(path_, std::ios::app | std::ios::binary);
  if (!out) return Error::invalid("sms_log_unwritable", "无法写入短信日志文件：" + path_);
  // One write per line, so lines of concurrent writers do not interleave.
  const std::string s = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  out.write(s.data(), static_cast<std::streamsize>(s.size()));
  out.flush();
  if (!out) return Error::invalid("sms_log_unwritable", "写入短信日志文件失败：" + path_);
  return ok_status();
}

}  // namespace gk::notify
