// The demo dataset: the fictional 云溪县 with five departments and three townships, a user for every
// role, about 300 items published over 2019–2026, and about 200 applications for disclosure
// (demo_applications.cpp). Everything goes through the services, so the
// demo is validated and audited like real use; only the publication dates (and so the 索引号 years)
// are backdated afterwards, since a real publication is always dated today.
#include "app/demo.h"

#include <sodium.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>
#include <random>
#include <stdexcept>

#include "accounts/password.h"
#include "accounts/service.h"
#include "agencies/credit_code.h"
#include "agencies/service.h"
#include "app/demo_applications.h"
#include "app/demo_catalog.h"
#include "app/demo_files.h"
#include "catalog/index_number.h"
#include "catalog/service.h"
#include "platform/calendar/calendar.h"
#include "platform/time.h"
#include "search/index.h"

namespace gk::app {
namespace {

using accounts::Principal;
using accounts::Role;

const audit::Actor kActor{std::nullopt, "演示数据", ""};

template <class T>
T must(Result<T> r, std::string_view what) {
  if (!r.ok()) throw std::runtime_error("demo data: " + std::string(what) + ": " + r.error().message);
  return std::move(r).value();
}

// 11 (机构编制 / 机关) + region + organisation code + the GB 32100 check character.
std::string credit_code(std::string_view region, std::string_view org9) {
  std::string code = "11" + std::string(region) + std::string(org9);
  return code + agencies::credit_code_check_char(code);
}

struct AgencySpec {
  const char* name;
  const char* short_name;
  const char* level;
  const char* org9;
  const char* issuer;  // 机关代字 of its 文号
  const char* address;
  std::vector<const char*> columns;
};

const char* kRegion = "539921";  // fictional 行政区划代码

const std::vector<AgencySpec> kAgencies = {
    {"云溪县人民政府", "县政府", "county", "MB0100013", "云政发", "云溪县迎宾大道1号", {"政策解读", "通知公告", "重点领域信息公开"}},
    {"云溪县发展和改革局", "县发改局", "department", "MB0100021", "云发改", "云溪县迎宾大道1号行政中心3楼",
     {"政策解读", "项目建设"}},
    {"云溪县财政局", "县财政局", "department", "MB010003X", "云财", "云溪县文昌路18号", {"政策解读", "财政预决算"}},
    {"云溪县自然资源局", "县自然资源局", "department", "MB0100048", "云自然资", "云溪县滨河路66号",
     {"政策解读", "征地信息"}},
    {"云溪县人力资源和社会保障局", "县人社局", "department", "MB0100056", "云人社", "云溪县文昌路9号",
     {"政策解读", "人事信息"}},
    {"云溪县市场监督管理局", "县市场监管局", "department", "MB0100064", "云市监", "云溪县南门街22号",
     {"政策解读", "双随机一公开"}},
    {"云溪县青石镇人民政府", "青石镇", "township", "MB0100072", "青石政", "云溪县青石镇青石街1号",
     {"政策解读", "村务公开"}},
    {"云溪县白沙乡人民政府", "白沙乡", "township", "MB0100080", "白沙政", "云溪县白沙乡白沙村",
     {"政策解读", "惠农补贴"}},
    {"云溪县城关街道办事处", "城关街道", "township", "MB0100099", "城关街", "云溪县城关街道解放路5号",
     {"政策解读", "社区服务"}},
};

std::string guide_html(const AgencySpec& a) {
  const std::string n = a.name;
  return "<h2>一、主动公开</h2><p>" + n +
         "主动公开的政府信息，通过本平台“政府信息公开”专栏发布，并在政务服务大厅设置查阅点。属于主动公开范围的政府信息，"
         "自该信息形成或者变更之日起20个工作日内予以公开。</p>"
         "<h2>二、依申请公开</h2><p>公民、法人或者其他组织可以向本机关申请获取相关政府信息。申请人可以通过本平台在线提交申请，"
         "也可以当面或者邮寄书面申请。本机关收到申请后，能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；"
         "需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日。</p>"
         "<h2>三、收费</h2><p>本机关依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，"
         "可以按照《政府信息公开信息处理费管理办法》收取信息处理费。</p>"
         "<h2>四、监督保障</h2><p>公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者"
         "政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。</p>"
         "<p>受理机构地址：" +
         std::string(a.address) + "；办公时间：工作日上午8:30—12:00，下午14:30—17:30（法定节假日除外）。</p>";
}

struct Topic {
  const char* subject;
  const char* text;
};

const std::vector<Topic> kTopics = {
    {"1002", "农村人居环境整治"},     {"1003", "大气污染防治"},       {"0601", "高标准农田建设"},
    {"0603", "农村饮水安全巩固提升"}, {"1502", "城乡居民基本养老保险"}, {"1501", "稳就业促创业"},
    {"0401", "预算绩效管理"},         {"0401", "政府采购管理"},       {"0501", "国有建设用地使用权出让"},
    {"0501", "集体土地征收补偿"},     {"0904", "食品安全监督抽检"},   {"0905", "安全生产专项整治"},
    {"1102", "义务教育优质均衡发展"}, {"1301", "基层医疗卫生服务能力提升"}, {"1703", "困难群众救助保障"},
    {"0801", "外贸稳增长"},           {"0302", "优化营商环境"},       {"0201", "政务公开"},
    {"0203", "防汛抗旱应急"},         {"1201", "公共文化服务体系建设"}, {"0303", "统计调查"},
    {"1603", "法治政府建设"},         {"0202", "重点工作督查"},       {"1701", "自然灾害防治"},
};

struct Spec {
  size_t agency = 0;
  std::string genre;
  std::string subject;
  std::string title;
  std::string doc_no;
  std::string written;
  std::string validity = "valid";
  std::string repeal;
  std::string disclosure = "proactive";
  std::string withheld_reason;
  std::string summary;
  std::string keywords;
  std::string column;  // custom column name, "" for 法定主动公开内容
  std::string interprets;  // id of the policy a 政策解读 explains
  std::string body;
};

std::string body_for(const std::string& agency, const std::string& topic, int year) {
  return "<p>各有关单位：</p><p>为深入贯彻落实党中央、国务院和省、市关于" + topic +
         "的决策部署，进一步提升工作质效，切实保障人民群众合法权益，结合" + agency +
         "实际，现就有关事项明确如下。</p><h2>一、总体要求</h2><p>坚持以人民为中心的发展思想，坚持问题导向和目标导向，到" +
         std::to_string(year + 2) + "年底，" + topic +
         "工作机制更加健全，重点任务全面完成，群众满意度明显提升。</p><h2>二、主要任务</h2><ol><li>健全工作机制，明确责任分工。</li>"
         "<li>加强统筹协调，强化要素保障。</li><li>严格督促检查，确保各项措施落到实处。</li></ol><h2>三、保障措施</h2>"
         "<p>各单位要高度重视，加强组织领导，及时研究解决工作中遇到的困难和问题，重大情况及时报告。</p>";
}

std::string random_password() {
  // 12 characters from a set that satisfies the policy's classes, plus fixed class markers.
  static const char* alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string p;
  for (int i = 0; i < 10; ++i) p += alphabet[randombytes_uniform(56)];
  return p + "-7";
}

}  // namespace

std::vector<DemoAccount> load_demo(db::Db& db) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  if (db.scalar_int("SELECT COUNT(*) FROM agencies") > 0) throw std::runtime_error("demo data needs an empty database");
  std::mt19937 rng(20191115);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const std::string today = today_cn();
  const auto today_ymd = *parse_date(today);
  const int this_year = static_cast<int>(today_ymd.year());

  // Agencies and their columns.
  std::vector<agencies::Agency> agency_list;
  for (const auto& spec : kAgencies) {
    agencies::AgencyInput in;
    in.name = spec.name;
    in.short_name = spec.short_name;
    in.level = spec.level;
    in.credit_code = credit_code(kRegion, spec.org9);
    in.region_code = kRegion;
    in.address = spec.address;
    in.phone = "0870-" + std::to_string(6120000 + static_cast<int>(agency_list.size()) * 111);
    in.office_hours = "工作日 8:30—12:00，14:30—17:30";
    in.guide_html = guide_html(spec);
    in.sort_order = static_cast<int>(agency_list.size());
    if (!agency_list.empty()) in.parent_id = agency_list.front().id;
    auto a = must(agencies::create(db, nullptr, kActor, in), spec.name);
    catalog::ensure_standard_columns(db, a.id);
    agency_list.push_back(a);
  }

  // Users: every role at the county; a drafter and a combined leader in one department and one township;
  // a leader (who also handles applications as 机关管理员) in every other agency, and a drafter in the
  // 自然资源局, which receives the most applications.
  const std::string fixed = [] {
    const char* p = std::getenv("GK_DEMO_PASSWORD");
    return std::string(p ? p : "");
  }();
  struct UserSpec {
    const char* username;
    const char* name;
    size_t agency;
    std::vector<std::string> roles;
  };
  const std::vector<UserSpec> users = {
      {"admin", "平台管理员", 0, {"platform_admin"}},
      {"county.admin", "县政务公开办 管理员", 0, {"agency_admin"}},
      {"county.drafter", "县政府办 信息员 甲", 0, {"drafter"}},
      {"county.secrecy", "县政府办 保密审查员 乙", 0, {"secrecy"}},
      {"county.reviewer", "县政府办 分管领导 丙", 0, {"reviewer"}},
      {"county.signer", "县政府办 主要领导 丁", 0, {"signer"}},
      {"county.supervisor", "县政务公开办 监督员 戊", 0, {"supervisor"}},
      {"finance.drafter", "县财政局 信息员 己", 2, {"drafter"}},
      {"finance.leader", "县财政局 负责人 庚", 2, {"secrecy", "reviewer", "signer", "agency_admin"}},
      {"qingshi.drafter", "青石镇 信息员 辛", 6, {"drafter"}},
      {"qingshi.leader", "青石镇 负责人 壬", 6, {"secrecy", "reviewer", "signer", "agency_admin"}},
      {"drc.leader", "县发改局 负责人 癸", 1, {"secrecy", "reviewer", "signer", "agency_admin"}},
      {"natres.drafter", "县自然资源局 信息员 子", 3, {"drafter"}},
      {"natres.leader", "县自然资源局 负责人 丑", 3, {"secrecy", "reviewer", "signer", "agency_admin"}},
      {"hrss.leader", "县人社局 负责人 寅", 4, {"secrecy", "reviewer", "signer", "agency_admin"}},
      {"market.leader", "县市场监管局 负责人 卯", 5, {"secrecy", "reviewer", "signer", "agency_admin"}},
      {"baisha.leader", "白沙乡 负责人 辰", 7, {"secrecy", "reviewer", "signer", "agency_admin"}},
      {"chengguan.leader", "城关街道 负责人 巳", 8, {"secrecy", "reviewer", "signer", "agency_admin"}},
  };
  std::vector<DemoAccount> accounts_out;
  std::map<std::string, Principal> principals;
  for (const auto& u : users) {
    const std::string password = fixed.empty() ? random_password() : fixed;
    accounts::UserInput in{u.username, u.name, agency_list[u.agency].id, u.roles, password};
    auto user = must(accounts::create_user(db, nullptr, kActor, in), u.username);
    principals[u.username] = Principal{user, "", false};
    std::string labels;
    for (auto r : user.roles) labels += (labels.empty() ? "" : "、") + std::string(accounts::role_label(r));
    accounts_out.push_back({u.username, password, labels, agency_list[u.agency].name});
  }
  // Agencies without staff of their own in the demo are run by the platform administrator acting
  // with every role (a principal held in memory only; audit events name the demo loader).
  Principal operator_p = principals.at("admin");
  for (const auto& r : accounts::kRoles) operator_p.user.roles.insert(r.role);

  std::map<size_t, std::map<std::string, int64_t>> custom_columns;
  for (size_t i = 0; i < kAgencies.size(); ++i) {
    int order = 40;
    for (const char* col : kAgencies[i].columns) {
      const std::string slug = "c" + std::to_string(order);
      auto c = must(catalog::create_column(db, operator_p, kActor, agency_list[i].id, col, slug, order), col);
      custom_columns[i][col] = c.id;
      order += 10;
    }
  }

  // Who takes each step for an agency.
  auto step_principal = [&](size_t agency, Role role) -> const Principal& {
    if (agency == 0) {
      switch (role) {
        case Role::kDrafter: return principals.at("county.drafter");
        case Role::kSecrecy: return principals.at("county.secrecy");
        case Role::kReviewer: return principals.at("county.reviewer");
        default: return principals.at("county.signer");
      }
    }
    if (agency == 2) return principals.at(role == Role::kDrafter ? "finance.drafter" : "finance.leader");
    if (agency == 6) return principals.at(role == Role::kDrafter ? "qingshi.drafter" : "qingshi.leader");
    return operator_p;
  };

  std::map<std::pair<size_t, int>, int> doc_serials;
  auto make_doc_no = [&](size_t agency, int year) {
    const int n = ++doc_serials[{agency, year}];
    return std::string(kAgencies[agency].issuer) + "〔" + std::to_string(year) + "〕" + std::to_string(n * 3 - pick(0, 2)) +
           "号";
  };
  auto random_date = [&](int year) {
    std::chrono::year_month_day d{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(pick(1, 12))},
                                  std::chrono::day{static_cast<unsigned>(pick(1, 28))}};
    std::string s = format_date(d);
    if (s > today) s = format_date(std::chrono::year_month_day{std::chrono::sys_days{today_ymd} - std::chrono::days{pick(40, 200)}});
    return s;
  };

  // The policies, in chronological order.
  std::vector<Spec> specs;
  const std::vector<std::pair<std::string, int>> genre_weights = {
      {"tongzhi", 30}, {"yijian", 10}, {"gonggao", 8}, {"tonggao", 8}, {"baogao", 8},
      {"guifanxing", 14}, {"guizhang", 4}, {"pifu", 4}, {"han", 4}, {"jiyao", 3}, {"qita", 7}};
  int weight_sum = 0;
  for (const auto& g : genre_weights) weight_sum += g.second;
  for (int n = 0; n < 260; ++n) {
    Spec s;
    const int year = 2019 + n * (this_year - 2019 + 1) / 260;
    s.agency = static_cast<size_t>(n % 7 == 0 ? 0 : pick(0, static_cast<int>(kAgencies.size()) - 1));
    int w = pick(1, weight_sum);
    for (const auto& g : genre_weights) {
      if ((w -= g.second) <= 0) {
        s.genre = g.first;
        break;
      }
    }
    if (s.genre == "guizhang") s.agency = 0;  // only the people's government issues 规章
    const Topic& topic = kTopics[static_cast<size_t>(pick(0, static_cast<int>(kTopics.size()) - 1))];
    s.subject = topic.subject;
    const std::string agency = kAgencies[s.agency].name;
    const std::string t = topic.text;
    s.written = random_date(year);
    const int y = std::stoi(s.written.substr(0, 4));
    s.doc_no = (s.genre == "qita" || s.genre == "baogao") ? "" : make_doc_no(s.agency, y);
    if (s.genre == "tongzhi") {
      s.title = pick(0, 1) ? agency + "关于印发《云溪县" + t + "实施方案》的通知"
                           : agency + "关于做好" + std::to_string(y) + "年" + t + "工作的通知";
    } else if (s.genre == "yijian") {
      s.title = agency + "关于加快推进" + t + "的实施意见";
    } else if (s.genre == "gonggao") {
      s.title = agency + "关于" + t + "有关事项的公告";
    } else if (s.genre == "tonggao") {
      s.title = agency + "关于开展" + t + "专项行动的通告";
    } else if (s.genre == "baogao") {
      s.title = agency + std::to_string(y) + "年" + t + "工作情况报告";
    } else if (s.genre == "guifanxing") {
      s.title = "云溪县" + t + "管理暂行办法";
    } else if (s.genre == "guizhang") {
      s.title = "云溪县" + t + "管理办法";
    } else if (s.genre == "pifu") {
      s.title = agency + "关于同意" + t + "项目实施的批复";
    } else if (s.genre == "han") {
      s.title = agency + "关于商请支持" + t + "工作的函";
    } else if (s.genre == "jiyao") {
      s.title = agency + std::to_string(y) + "年第" + std::to_string(pick(1, 12)) + "次" + t + "工作会议纪要";
    } else {
      s.title = agency + std::to_string(y) + "年度" + t + "工作信息";
    }
    if ((s.genre == "guifanxing" || s.genre == "guizhang") && y <= 2022 && pick(0, 2) == 0) {
      s.validity = pick(0, 3) ? "repealed" : "expired";
      s.repeal = random_date(std::min(this_year, y + pick(1, 3)));
      if (s.repeal < s.written) s.repeal = s.written;
    }
    if (n % 37 == 5) {
      s.disclosure = "on_request";
    } else if (n % 53 == 7) {
      s.disclosure = "withheld";
      s.withheld_reason = "涉及第三方商业秘密，依据《中华人民共和国政府信息公开条例》第十五条不予公开";
    }
    if (n % 9 == 3) s.column = "通知公告";
    s.summary = "本文件明确了" + t + "的总体要求、主要任务和保障措施。";
    s.keywords = t + "；" + kAgencies[s.agency].short_name;
    s.body = body_for(agency, t, y);
    specs.push_back(std::move(s));
  }
  std::stable_sort(specs.begin(), specs.end(), [](const Spec& a, const Spec& b) { return a.written < b.written; });

  struct Published {
    int64_t id;
    size_t agency;
    std::string written;
    std::string publish;
  };
  std::vector<Published> published;
  std::vector<int64_t> policy_ids;

  auto draft = [&](const Spec& s) -> catalog::Item {
    catalog::ItemInput in;
    in.agency_id = agency_list[s.agency].id;
    in.title = s.title;
    in.subject = s.subject;
    in.genre = s.genre;
    in.doc_no = s.doc_no;
    in.written_date = s.written;
    in.validity = s.validity;
    in.repeal_date = s.repeal;
    in.keywords = s.keywords;
    in.summary = s.summary;
    in.body_html = s.body;
    in.disclosure = s.disclosure;
    in.withheld_reason = s.withheld_reason;
    in.interprets_id = s.interprets;
    if (!s.column.empty()) {
      auto it = custom_columns[s.agency].find(s.column);
      if (it != custom_columns[s.agency].end()) {
        in.column_id = std::to_string(it->second);
      } else {  // a standard column (政府信息公开年报 …)
        for (const auto& c : catalog::columns_of(db, agency_list[s.agency].id)) {
          if (c.name == s.column) in.column_id = std::to_string(c.id);
        }
      }
    }
    return must(catalog::create_draft(db, step_principal(s.agency, Role::kDrafter), kActor, in), s.title);
  };
  auto advance = [&](const catalog::Item& it, size_t agency, std::string_view upto) {
    const std::vector<std::pair<std::string, Role>> steps = {{"submit", Role::kDrafter},
                                                             {"secrecy_pass", Role::kSecrecy},
                                                             {"review_pass", Role::kReviewer},
                                                             {"sign_publish", Role::kSigner}};
    for (const auto& [action, role] : steps) {
      must(catalog::transition(db, step_principal(agency, role), kActor, it.id, action,
                               action == "sign_publish" ? "同意发布" : ""),
           action);
      if (action == upto) break;
    }
  };

  db.write([&] {
    int attachment_count = 0;
    for (size_t n = 0; n < specs.size(); ++n) {
      const Spec& s = specs[n];
      catalog::Item it = draft(s);
      if (n % 8 == 2 && attachment_count < 36) {
        ++attachment_count;
        const bool sheet = s.genre == "qita" || s.genre == "baogao";
        if (sheet) {
          std::string xlsx = demo_files::make_xlsx("数据", {{"项目", "金额（万元）"}, {"一般公共预算支出", "12580.6"},
                                                           {"政府性基金预算支出", "3260.2"}, {"合计", "15840.8"}});
          must(catalog::add_attachment(db, step_principal(s.agency, Role::kDrafter), kActor, it.id, "附件1 数据表.xlsx",
                                       xlsx),
               "xlsx");
        } else {
          std::string pdf = demo_files::make_pdf(s.title, {s.summary, "本附件为演示用文件。"});
          must(catalog::add_attachment(db, step_principal(s.agency, Role::kDrafter), kActor, it.id,
                                       "附件1 " + s.title.substr(0, std::min<size_t>(s.title.size(), 60)) + ".pdf", pdf),
               "pdf");
        }
      }
      advance(it, s.agency, "sign_publish");
      auto written = *parse_date(s.written);
      // Mostly within the Art. 26 limit, a few late; plain weekdays where the calendar lacks the year.
      const int lag = n % 23 == 11 ? pick(22, 30) : pick(1, 12);
      auto on_calendar = calendar::current()->add_workdays(written, lag);
      std::string publish = format_date(on_calendar ? *on_calendar : add_weekdays(written, lag));
      if (publish > today) publish = today;
      published.push_back({it.id, s.agency, s.written, publish});
      if (s.disclosure == "proactive" && s.genre != "qita" && s.genre != "han") policy_ids.push_back(it.id);
    }

    // 政策解读 of published policies, by the policy's agency, in its 政策解读 column.
    for (int k = 0; k < 22 && k < static_cast<int>(policy_ids.size()); ++k) {
      const int64_t policy_id = policy_ids[policy_ids.size() - 1 - static_cast<size_t>(k) * 5];
      auto policy = *catalog::load(db, policy_id);
      size_t agency = 0;
      for (size_t i = 0; i < agency_list.size(); ++i) {
        if (agency_list[i].id == policy.agency_id) agency = i;
      }
      Spec s;
      s.agency = agency;
      s.genre = "qita";
      s.subject = policy.subject;
      // 《云溪县…实施方案》政策解读: the quoted document name when the title has one.
      const size_t open = policy.title.find("《"), close = policy.title.find("》");
      s.title = (open != std::string::npos && close != std::string::npos && close > open)
                    ? policy.title.substr(open, close + 3 - open) + "政策解读"
                    : "《" + policy.title + "》政策解读";
      s.written = policy.written_date;
      s.summary = "从出台背景、主要内容和保障措施三个方面解读该文件。";
      s.keywords = "政策解读";
      s.column = "政策解读";
      s.body = "<h2>一、出台背景</h2><p>为贯彻落实上级有关部署，结合本地实际，制定本文件。</p><h2>二、主要内容</h2>"
               "<p>文件共分三个部分，明确了总体要求、主要任务和保障措施。</p><h2>三、解读机关及联系方式</h2><p>解读机关：" +
               policy.agency_name + "。</p>";
      s.interprets = std::to_string(policy_id);
      catalog::Item it = draft(s);
      advance(it, agency, "sign_publish");
      const std::string publish = std::min(today, [&] {
        for (const auto& p : published) {
          if (p.id == policy_id) return p.publish;
        }
        return today;
      }());
      published.push_back({it.id, agency, s.written, publish});
    }

    // A few withdrawn and archived items.
    for (size_t k = 0; k < 3; ++k) {
      const auto& p = published[published.size() / 2 + k * 7];
      must(catalog::transition(db, step_principal(p.agency, Role::kSigner), kActor, p.id, "withdraw",
                               "内容有误，撤回修改"),
           "withdraw");
      const auto& q = published[k * 11 + 3];
      must(catalog::transition(db, operator_p, kActor, q.id, "archive", ""), "archive");
    }

    // The hand-written documents (demo_catalog.h), with their own dates and 文号. Added after the
    // generated ones so that the random draw above, and which generated items are withdrawn or
    // archived, stay as they were.
    for (const DemoDocument& d : demo_documents()) {
      Spec s;
      s.agency = d.agency;
      s.genre = d.genre;
      s.subject = d.subject;
      s.title = d.title;
      s.doc_no = d.doc_no;
      s.written = d.written;
      s.summary = d.summary;
      s.keywords = d.keywords;
      s.column = d.column;
      s.body = d.body;
      catalog::Item it = draft(s);
      advance(it, s.agency, "sign_publish");
      if (d.withdrawn) {
        must(catalog::transition(db, step_principal(s.agency, Role::kSigner), kActor, it.id, "withdraw",
                                 "内容有误，撤回修改"),
             "withdraw");
      }
      published.push_back({it.id, s.agency, d.written, std::min(today, d.publish)});
    }

    // Recent work in progress, some near or past the Art. 26 limit.
    const std::vector<std::string_view> stages = {"", "submit", "secrecy_pass", "review_pass"};
    for (int k = 0; k < 20; ++k) {
      Spec s;
      s.agency = static_cast<size_t>(k % 3 == 0 ? 0 : (k % 3 == 1 ? 2 : 6));
      const Topic& topic = kTopics[static_cast<size_t>(k) % kTopics.size()];
      s.genre = k % 4 == 0 ? "gonggao" : "tongzhi";
      s.subject = topic.subject;
      s.title = std::string(kAgencies[s.agency].name) + "关于" + topic.text + (k < 10 ? "工作安排的通知" : "阶段性工作的通知");
      s.written = format_date(std::chrono::year_month_day{std::chrono::sys_days{today_ymd} -
                                                          std::chrono::days{k % 5 == 0 ? 35 : pick(0, 24)}});
      s.doc_no = make_doc_no(s.agency, this_year);
      s.summary = "安排部署" + std::string(topic.text) + "有关工作。";
      s.keywords = topic.text;
      s.body = body_for(kAgencies[s.agency].name, topic.text, this_year);
      catalog::Item it = draft(s);
      const auto stage = stages[static_cast<size_t>(k) % stages.size()];
      if (!stage.empty()) advance(it, s.agency, stage);
    }

    // Demo-only backdating: real publications are dated the day of 签批; the demo spreads them over
    // the years of its documents, and re-issues their 索引号 in publication order so each year's
    // serials run from 00001, then records the serials so later real publications continue them.
    std::stable_sort(published.begin(), published.end(),
                     [](const Published& a, const Published& b) { return a.publish < b.publish; });
    db.exec("UPDATE items SET index_no = 'demo-' || id WHERE index_no IS NOT NULL");
    std::map<std::pair<int64_t, int>, int64_t> serials;
    for (const auto& p : published) {
      const auto& a = agency_list[p.agency];
      auto d = *parse_date(p.publish);
      const int year = static_cast<int>(d.year());
      catalog::IndexNumberInputs in{a.credit_code, a.region_code, a.credit_code.substr(8, 9), year,
                                    static_cast<int>(static_cast<unsigned>(d.month())), ++serials[{a.id, year}]};
      const std::string index_no = must(catalog::format_index_number(a.index_pattern, in), "index number");
      db.exec("UPDATE items SET publish_date = ?, published_at = ?, index_no = ? WHERE id = ?",
              {p.publish, p.publish + "T02:00:00Z", index_no, p.id});
    }
    db.exec("DELETE FROM index_serials");
    for (const auto& [key, last] : serials) {
      db.exec("INSERT INTO index_serials(agency_id, year, last_serial) VALUES (?,?,?)", {key.first, key.second, last});
    }
    // The backdating changed 发布日期 and 索引号 behind the services' backs: index them again, in date order.
    search::rebuild(db);
    return 0;
  });

  // Applications for disclosure, handled by each agency's own staff.
  auto desk = [&](const char* key, size_t agency, const char* clerk, const char* reviewer, const char* signer) {
    return DemoDesk{key, agency_list[agency].id, principals.at(clerk), principals.at(reviewer), principals.at(signer)};
  };
  const std::vector<DemoDesk> desks = {
      desk("county", 0, "county.drafter", "county.reviewer", "county.signer"),
      desk("drc", 1, "drc.leader", "drc.leader", "drc.leader"),
      desk("finance", 2, "finance.drafter", "finance.leader", "finance.leader"),
      desk("natres", 3, "natres.drafter", "natres.leader", "natres.leader"),
      desk("hrss", 4, "hrss.leader", "hrss.leader", "hrss.leader"),
      desk("market", 5, "market.leader", "market.leader", "market.leader"),
      desk("qingshi", 6, "qingshi.drafter", "qingshi.leader", "qingshi.leader"),
      desk("baisha", 7, "baisha.leader", "baisha.leader", "baisha.leader"),
      desk("chengguan", 8, "chengguan.leader", "chengguan.leader", "chengguan.leader"),
  };
  const DemoApplications apps = load_demo_applications(db, desks);
  std::cout << "demo applications for disclosure: " << apps.created << " received 2024-01 … 2026-11, " << apps.open
            << " open on " << kDemoApplicationsToday << "\n";
  if (!apps.sample_code.empty()) {
    std::cout << "  try the public status page /apply/status with tracking code " << apps.sample_code
              << " and password " << apps.sample_password << "\n";
  }
  return accounts_out;
}

}  // namespace gk::app
