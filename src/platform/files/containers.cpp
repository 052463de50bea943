// Minimal ZIP central-directory and OLE2 (MS-CFB) directory readers.
#include "platform/files/containers.h"

#include <cstdint>

namespace gk::files {
namespace {

constexpr size_t kMaxEntries = 65536;

uint16_t le16(std::string_view b, size_t at) {
  return static_cast<uint16_t>(static_cast<unsigned char>(b[at]) | static_cast<unsigned char>(b[at + 1]) << 8);
}

uint32_t le32(std::string_view b, size_t at) {
  return static_cast<uint32_t>(le16(b, at)) | static_cast<uint32_t>(le16(b, at + 2)) << 16;
}

bool fits(std::string_view b, size_t at, size_t n) { return at <= b.size() && n <= b.size() - at; }

std::vector<std::string> zip_central_directory(std::string_view b) {
  constexpr std::string_view kEnd = "PK\x05\x06";
  constexpr size_t kEndSize = 22;
  if (b.size() < kEndSize) return {};
  // The end record sits in the last 22 + 65535 (maximum comment) bytes.
  size_t lowest = b.size() > kEndSize + 0xFFFF ? b.size() - kEndSize - 0xFFFF : 0;
  size_t end = std::string_view::npos;
  for (size_t at = b.size() - kEndSize + 1; at-- > lowest;) {
    if (b.substr(at, 4) == kEnd) {
      end = at;
      break;
    }
  }
  if (end == std::string_view::npos) return {};
  size_t count = le16(b, end + 10);
  size_t at = le32(b, end + 16);
  std::vector<std::string> names;
  for (size_t i = 0; i < count && names.size() < kMaxEntries; ++i) {
    if (!fits(b, at, 46) || b.substr(at, 4) != "PK\x01\x02") break;
    size_t name_len = le16(b, at + 28);
    size_t extra_len = le16(b, at + 30);
    size_t comment_len = le16(b, at + 32);
    if (!fits(b, at + 46, name_len)) break;
    names.emplace_back(b.substr(at + 46, name_len));
    at += 46 + name_len + extra_len + comment_len;
  }
  return names;
}

std::vector<std::string> zip_local_headers(std::string_view b) {
  std::vector<std::string> names;
  for (size_t at = b.find("PK\x03\x04"); at != std::string_view::npos && names.size() < kMaxEntries;
       at = b.find("PK\x03\x04", at + 4)) {
    if (!fits(b, at, 30)) break;
    size_t name_len = le16(b, at + 26);
    if (!fits(b, at + 30, name_len)) break;
    names.emplace_back(b.substr(at + 30, name_len));
  }
  return names;
}

}  // namespace

std::vector<std::string> zip_entry_names(std::string_view bytes) {
  auto names = zip_central_directory(bytes);
  return names.empty() ? zip_local_headers(bytes) : names;
}

std::vector<std::string> ole_entry_names(std::string_view b) {
  constexpr std::string_view kSignature = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
  constexpr size_t kHeaderSize = 512;
  if (b.size() < kHeaderSize || b.substr(0, 8) != kSignature) return {};
  const uint16_t shift = le16(b, 0x1E);
  if (shift != 9 && shift != 12) return {};
  const size_t sector_size = size_t{1} << shift;
  const size_t per_sector = sector_size / 4;  // 32-bit entries in a FAT or DIFAT sector
  // Sector n starts at (n + 1) * sector_size; only sectors wholly inside the data are used.
  if (b.size() / sector_size < 2) return {};
  const size_t sectors = b.size() / sector_size - 1;
  auto offset = [&](uint32_t s) { return (static_cast<size_t>(s) + 1) * sector_size; };

  // The FAT sectors, listed by the 109 header DIFAT slots and then the DIFAT chain.
  std::vector<uint32_t> fat;
  for (size_t i = 0; i < 109; ++i) {
    uint32_t s = le32(b, 0x4C + 4 * i);
    if (s < sectors) fat.push_back(s);
  }
  uint32_t difat = le32(b, 0x44);
  for (size_t hops = 0; difat < sectors && hops < sectors; ++hops) {
    size_t at = offset(difat);
    for (size_t i = 0; i + 1 < per_sector; ++i) {
      uint32_t s = le32(b, at + 4 * i);
      if (s < sectors) fat.push_back(s);
    }
    difat = le32(b, at + 4 * (per_sector - 1));
  }
  auto next_sector = [&](uint32_t s) -> uint32_t {
    size_t fat_index = s / per_sector;
    if (fat_index >= fat.size()) return UINT32_MAX;
    return le32(b, offset(fat[fat_index]) + 4 * (s % per_sector));
  };

  // The directory: a chain of sectors holding 128-byte entries.
  constexpr size_t kEntrySize = 128;
  std::vector<std::string> names;
  uint32_t dir = le32(b, 0x30);
  for (size_t hops = 0; dir < sectors && hops < sectors && names.size() < kMaxEntries; ++hops) {
    for (size_t at = offset(dir); at + kEntrySize <= offset(dir) + sector_size; at += kEntrySize) {
      unsigned type = static_cast<unsigned char>(b[at + 0x42]);
      size_t name_bytes = le16(b, at + 0x40);  // including the terminating NUL
      if ((type != 1 && type != 2) || name_bytes < 4 || name_bytes > 64) continue;
      std::string name;
      for (size_t i = 0; i + 2 < name_bytes; i += 2) {
        uint16_t ch = le16(b, at + i);
        name.push_back(ch < 0x80 ? static_cast<char>(ch) : '?');
      }
      names.push_back(std::move(name));
    }
    dir = next_sector(dir);
  }
  return names;
}

}  // namespace gk::files
