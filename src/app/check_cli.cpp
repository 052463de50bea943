#include "app/check_cli.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "checker/checker.h"

namespace gk::app {

namespace fs = std::filesystem;

namespace {

bool checkable(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".html" || ext == ".htm" || ext == ".txt" || ext == ".pdf" || ext == ".shtml";
}

// Reads a file of at most kMaxInputBytes + 1 bytes (so the checker can refuse a larger one).
bool read_file(const fs::path& p, std::string* out, std::string* error) {
  std::ifstream in(p, std::ios::binary);
  if (!in) {
    *error = "cannot open " + p.string();
    return false;
  }
  out->assign(checker::kMaxInputBytes + 1, '\0');
  in.read(out->data(), static_cast<std::streamsize>(out->size()));
  out->resize(static_cast<size_t>(in.gcount()));
  if (in.bad()) {
    *error = "cannot read " + p.string();
    return false;
  }
  return true;
}

void print_readable(const std::string& file, const checker::CheckResult& r) {
  std::cout << "== " << file << "\n";
  std::cout << "  发布机关：" << (r.agency.empty() ? "（未识别）" : r.agency) << "（" << r.agency_level << "）\n";
  std::cout << "  报告年度：" << (r.year ? std::to_string(*r.year) : "（未识别）")
            << "  格式：" << checker::era_name(r.era) << "  发布日期：" << r.published.value_or("（未载明）")
            << "  输入：" << checker::input_kind_name(r.input) << "/" << r.encoding << "\n";
  std::cout << "  部分：";
  for (const auto& s : r.sections) std::cout << (s.found ? (s.empty ? "△" : "✓") : "✗") << s.title.substr(0, 3) << " ";
  std::cout << "\n  表格：";
  if (r.tables.empty()) std::cout << "（该年度无统一表格）";
  for (const auto& t : r.tables)
    std::cout << t.name << (t.found ? "✓(" + std::to_string(t.cells) + "格)" : std::string("✗")) << " ";
  std::cout << "\n";
  if (!r.figures.empty()) {
    std::cout << "  正文数字：\n";
    for (const auto& f : r.figures) {
      std::ostringstream v;
      if (f.amount) v << static_cast<double>(f.value) / 1e6;
      else v << f.value;
      std::cout << "    " << f.label_zh << "：" << v.str() << f.unit << "\n";
    }
  }
  std::cout << "  发现问题（" << r.findings.size() << "）：\n";
  for (const auto& f : r.findings)
    std::cout << "    [" << checker::severity_name(f.severity) << "] " << f.code << "：" << f.message_zh << "\n";
  std::cout << "  得分：" << r.score << "\n";
}

}  // namespace

void add_check_command(CLI::App& cli, CheckCommand& c) {
  c.cmd = cli.add_subcommand("check", "年报体检: check published annual reports (HTML, text or PDF; UTF-8 or GBK)");
  c.cmd->add_option("paths", c.paths, "report files or directories")->required();
  c.cmd->add_flag("--json", c.json, "one JSON line per report");
  c.cmd->add_option("--previous", c.previous, "last year's report of the same agency (carry-over checks)")
      ->check(CLI::ExistingFile);
}

int run_check_command(const CheckCommand& c) {
  std::vector<fs::path> files;
  for (const auto& p : c.paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> found;
      for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator();
           it.increment(ec)) {
        if (it->is_regular_file(ec) && checkable(it->path())) found.push_back(it->path());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(p, ec)) {
      files.emplace_back(p);
    } else {
      std::cerr << "error: no such file or directory: " << p << "\n";
      return 2;
    }
  }
  if (files.empty()) {
    std::cerr << "error: no report files (.html .htm .txt .pdf) found\n";
    return 2;
  }

  std::optional<checker::CheckResult> previous;
  if (!c.previous.empty()) {
    std::string bytes, err;
    if (!read_file(c.previous, &bytes, &err)) {
      std::cerr << "error: " << err << "\n";
      return 1;
    }
    auto r = checker::check_report(bytes);
    if (!r) {
      std::cerr << "error: " << c.previous << ": " << r.error().message << "\n";
      return 1;
    }
    previous = std::move(r.value());
  }

  int failed = 0;
  std::vector<std::string> zero_apps, missing_tables;
  std::map<int, int> buckets;  // score / 10 → count
  int checked = 0;
  for (const auto& f : files) {
    std::string bytes, err;
    if (!read_file(f, &bytes, &err)) {
      std::cerr << "error: " << err << "\n";
      ++failed;
      continue;
    }
    checker::CheckOptions opts;
    if (previous) opts.previous = &*previous;
    auto r = checker::check_report(bytes, opts);
    if (!r) {
      if (c.json) {
        nlohmann::json j{{"file", f.string()}, {"error", r.error().code}, {"message_zh", r.error().message}};
        std::cout << j.dump() << "\n";
      } else {
        std::cout << "== " << f.string() << "\n  无法检查：" << r.error().message << "\n";
      }
      ++failed;
      continue;
    }
    ++checked;
    if (c.json) {
      auto j = checker::to_json(*r);
      j["file"] = f.string();
      std::cout << j.dump() << "\n";
    } else {
      print_readable(f.string(), *r);
    }
    const std::string name = r->agency.empty() ? f.filename().string() : r->agency;
    const std::string label = name + (r->year ? " " + std::to_string(*r->year) : "");
    bool zero = false;
    if (auto v = r->values.get("table3.new.total")) zero = *v == 0;
    for (const auto& fig : r->figures)
      if (fig.kind == "applications_received" && fig.value == 0 && !r->values.contains("table3.new.total")) zero = true;
    if (zero) zero_apps.push_back(label);
    if (r->has_finding("table_missing")) missing_tables.push_back(label);
    ++buckets[std::min(r->score / 10, 9)];
  }

  if (files.size() > 1) {
    if (c.json) {
      nlohmann::json dist = nlohmann::json::object();
      for (const auto& [b, n] : buckets) dist[std::to_string(b * 10) + "-" + std::to_string(b == 9 ? 100 : b * 10 + 9)] = n;
      nlohmann::json s{{"summary",
                        {{"files", files.size()},
                         {"checked", checked},
                         {"failed", failed},
                         {"zero_applications", zero_apps},
                         {"missing_tables", missing_tables},
                         {"score_distribution", dist}}}};
      std::cout << s.dump() << "\n";
    } else {
      std::cout << "\n== 汇总：" << files.size() << " 个文件，检查 " << checked << " 个，失败 " << failed << " 个\n";
      std::cout << "  全年未收到依申请公开申请（" << zero_apps.size() << "）：";
      for (const auto& a : zero_apps) std::cout << a << "；";
      std::cout << "\n  缺少表格（" << missing_tables.size() << "）：";
      for (const auto& a : missing_tables) std::cout << a << "；";
      std::cout << "\n  得分分布：\n";
      for (int b = 9; b >= 0; --b) {
        auto it = buckets.find(b);
        const int n = it == buckets.end() ? 0 : it->second;
        std::cout << "    " << (b == 9 ? "90–100" : std::to_string(b * 10) + "–" + std::to_string(b * 10 + 9)) << "  "
                  << std::string(static_cast<size_t>(n), '#') << " " << n << "\n";
      }
    }
  }
  return failed > 0 ? 1 : 0;
}

}  // namespace gk::app
