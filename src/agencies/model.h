// 机关 (agencies): the registry of government bodies as a tree — province → city → county →
// township, with departments (部门) under each people's government.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gk::agencies {

// 层级. Stored as the English code.
enum class Level { kProvince, kCity, kCounty, kTownship, kDepartment };

struct LevelInfo {
  Level level;
  std::string_view code;
  std::string_view label;
};

inline constexpr std::array<LevelInfo, 5> kLevels = {{
    {Level::kProvince, "province", "省级"},
    {Level::kCity, "city", "市级"},
    {Level::kCounty, "county", "县级"},
    {Level::kTownship, "township", "乡镇（街道）"},
    {Level::kDepartment, "department", "政府部门"},
}};

std::optional<Level> level_from_code(std::string_view code);
std::string_view level_code(Level l);
std::string_view level_label(Level l);

struct Agency {
  int64_t id = 0;
  std::optional<int64_t> parent_id;
  std::string name;          // 机关全称, e.g. 青川县人民政府
  std::string short_name;    // 简称
  Level level = Level::kCounty;
  std::string credit_code;   // 统一社会信用代码 (validated, GB 32100)
  std::string region_code;   // 行政区划代码 (GB/T 2260, 6 or 9/12 digits)
  std::string address;
  std::string phone;
  std::string office_hours;
  std::string guide_html;    // 政府信息公开指南 (sanitized rich text)
  std::string index_pattern; // 索引号 pattern
  int sort_order = 0;
};

// What a form or the CLI submits to create or edit an agency; validated by the service.
struct AgencyInput {
  std::optional<int64_t> parent_id;
  std::string name;
  std::string short_name;
  std::string level;
  std::string credit_code;
  std::string region_code;
  std::string address;
  std::string phone;
  std::string office_hours;
  std::string guide_html;
  std::string index_pattern;
  int sort_order = 0;
};

}  // namespace gk::agencies
