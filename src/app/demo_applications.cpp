// The demo applications for disclosure: applicants (with valid 公民身份号码 and 统一社会信用代码),
// what they ask each agency for, and a plan per case (channel, 补正, consultations, extension, fee,
// Art. 35, withdrawal, reply) that is played through applications::act day by day. The plans are
// drawn from a fixed seed, so every run builds the same cases; the service checks every step.
#include "app/demo_applications.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <stdexcept>

#include "accounts/password.h"
#include "agencies/credit_code.h"
#include "app/demo_files.h"
#include "applications/fees.h"
#include "applications/outcomes.h"
#include "applications/reviews.h"
#include "applications/service.h"
#include "platform/calendar/calendar.h"
#include "platform/time.h"

namespace gk::app {
namespace {

using accounts::Principal;
using applications::ActionInput;
using applications::Applicant;
using calendar::Date;
using std::chrono::days;
using std::chrono::sys_days;

Date ymd(std::string_view s) {
  auto d = parse_date(s);
  if (!d) throw std::runtime_error("demo applications: bad date " + std::string(s));
  return *d;
}

// A document title quoted as 《title》: quotation marks inside become 〈〉, as in print.
std::string quoted(std::string title) {
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"《", "〈"}, {"》", "〉"}}) {
    for (size_t at = title.find(from); at != std::string::npos; at = title.find(from, at + to.size())) {
      title.replace(at, from.size(), to);
    }
  }
  return "《" + title + "》";
}

// An error with its field messages, for the message of a refused step.
std::string describe(const Error& e) {
  std::string msg = e.message;
  for (const auto& [field, m] : e.fields) msg += " [" + field + ": " + m + "]";
  return msg;
}

// The first `n` characters of UTF-8 text.
std::string head(const std::string& s, size_t n) {
  size_t i = 0;
  for (size_t chars = 0; i < s.size() && chars < n; ++chars) {
    do ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80);
  }
  return s.substr(0, i);
}

std::string pad(int n, int width) {
  std::string s = std::to_string(n);
  return std::string(static_cast<size_t>(std::max(0, width - static_cast<int>(s.size()))), '0') + s;
}

// Replaces {name} placeholders; unknown ones stay as they are (and are caught by the caller).
std::string fill(std::string_view tpl, const std::map<std::string, std::string>& vars) {
  std::string out;
  for (size_t i = 0; i < tpl.size();) {
    if (tpl[i] == '{') {
      const size_t j = tpl.find('}', i);
      if (j != std::string_view::npos) {
        auto it = vars.find(std::string(tpl.substr(i + 1, j - i - 1)));
        if (it != vars.end()) {
          out += it->second;
          i = j + 1;
          continue;
        }
      }
    }
    out += tpl[i++];
  }
  return out;
}

// A seeded random source: the same seed gives the same dataset.
class Dice {
 public:
  explicit Dice(uint32_t seed) : rng_(seed) {}
  int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool chance(int percent) { return between(1, 100) <= percent; }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[static_cast<size_t>(between(0, static_cast<int>(v.size()) - 1))];
  }
  std::mt19937& rng() { return rng_; }

 private:
  std::mt19937 rng_;
};

// ---- Identities ----------------------------------------------------------------------------------

// 公民身份号码 (GB 11643-1999): region, birth date, sequence (odd for men) and the ISO 7064 MOD 11-2
// check character.
std::string resident_id(std::string_view region, Date birth, int seq) {
  const std::string body = std::string(region) + pad(static_cast<int>(birth.year()), 4) +
                           pad(static_cast<int>(static_cast<unsigned>(birth.month())), 2) +
                           pad(static_cast<int>(static_cast<unsigned>(birth.day())), 2) + pad(seq, 3);
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += (body[i] - '0') * kWeights[i];
  return body + "10X98765432"[sum % 11];
}

// 组织机构代码 (GB 11714): eight digits and the check character (weights 3 7 9 10 5 8 4 2, mod 11).
std::string org_code(int eight_digits) {
  const std::string body = pad(eight_digits, 8);
  static constexpr int kWeights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (size_t i = 0; i < 8; ++i) sum += (body[i] - '0') * kWeights[i];
  const int c = 11 - sum % 11;
  return body + (c == 10 ? 'X' : c == 11 ? '0' : static_cast<char>('0' + c));
}

// 统一社会信用代码 (GB 32100): 登记管理部门 and 机构类别 (e.g. 91 企业, 12 事业单位, 51 社会团体, 31 律师事务所),
// region, organisation code, and the mod-31 check character.
std::string credit_code(std::string_view kind2, std::string_view region, const std::string& org9) {
  const std::string code = std::string(kind2) + std::string(region) + org9;
  return code + agencies::credit_code_check_char(code);
}

struct Syllables {
  const char* han;
  const char* pinyin;
};

const std::vector<Syllables> kSurnames = {
    {"王", "wang"},  {"李", "li"},   {"张", "zhang"}, {"刘", "liu"}, {"陈", "chen"}, {"杨", "yang"}, {"赵", "zhao"},
    {"黄", "huang"}, {"周", "zhou"}, {"吴", "wu"},    {"徐", "xu"},  {"孙", "sun"},  {"朱", "zhu"},  {"马", "ma"},
    {"胡", "hu"},    {"郭", "guo"},  {"何", "he"},    {"罗", "luo"}, {"高", "gao"},  {"林", "lin"},  {"段", "duan"},
    {"字", "zi"},    {"普", "pu"},   {"鲁", "lu"},    {"余", "yu"},  {"龙", "long"}, {"邓", "deng"}, {"苏", "su"},
    {"蒋", "jiang"}, {"彭", "peng"}, {"沈", "shen"},  {"杜", "du"},
};
const std::vector<Syllables> kMaleNames = {
    {"伟", "wei"},         {"强", "qiang"},      {"磊", "lei"},         {"军", "jun"},        {"勇", "yong"},
    {"杰", "jie"},         {"涛", "tao"},        {"明", "ming"},        {"建国", "jianguo"},  {"建华", "jianhua"},
    {"志强", "zhiqiang"},  {"海涛", "haitao"},   {"俊杰", "junjie"},    {"晓东", "xiaodong"}, {"文斌", "wenbin"},
    {"国华", "guohua"},    {"永刚", "yonggang"}, {"德明", "deming"},    {"家伟", "jiawei"},   {"浩然", "haoran"},
    {"春生", "chunsheng"}, {"绍华", "shaohua"},  {"正荣", "zhengrong"}, {"开福", "kaifu"},
};
const std::vector<Syllables> kFemaleNames = {
    {"芳", "fang"},       {"娜", "na"},        {"敏", "min"},       {"静", "jing"},      {"丽", "li"},
    {"艳", "yan"},        {"娟", "juan"},      {"霞", "xia"},       {"玲", "ling"},      {"桂英", "guiying"},
    {"秀英", "xiuying"},  {"丽华", "lihua"},   {"红梅", "hongmei"}, {"晓燕", "xiaoyan"}, {"雪梅", "xuemei"},
    {"婷婷", "tingting"}, {"欣怡", "xinyi"},   {"佳慧", "jiahui"},  {"美玲", "meiling"}, {"琼芬", "qiongfen"},
    {"丽萍", "liping"},   {"永芬", "yongfen"},
};

struct Town {
  const char* name;
  std::vector<const char*> villages;
};
const std::vector<Town> kTowns = {
    {"青石镇", {"石桥村", "龙潭村", "青石村", "大坪村"}},
    {"白沙乡", {"白沙村", "河口村", "松林村"}},
};
const std::vector<const char*> kCommunities = {"解放社区", "滨河社区", "文昌社区"};
const std::vector<const char*> kRoads = {"解放路", "滨河路", "文昌路", "南门街", "迎宾大道", "新华路"};
const std::vector<const char*> kProjects = {
    "滨河路（文昌路至南门街段）提升改造工程",
    "县城第二污水处理厂建设工程",
    "青石镇中心学校教学综合楼新建工程",
    "云溪县人民医院住院综合楼建设项目",
    "迎宾大道延长线道路工程",
    "白沙河（县城段）防洪治理工程",
    "县城老旧供水管网改造工程",
    "云溪县工业园区标准厂房建设项目",
};
// Companies that requests are about (third parties), not applicants.
const std::vector<const char*> kThirdParties = {
    "云溪县宏达建筑安装有限公司", "云南鼎盛市政工程有限公司", "云溪县惠民超市有限公司", "云溪县龙潭石材有限公司",
    "云溪县佳味餐饮管理有限公司", "云南聚能新能源有限公司",   "云溪县顺通物流有限公司", "云溪县青石矿业有限责任公司",
};
const std::vector<const char*> kMobilePrefixes = {"138", "139", "150", "151", "152", "158", "159", "135",
                                                  "136", "137", "187", "188", "182", "183", "133", "153",
                                                  "180", "189", "177", "199", "166", "173"};
const std::vector<const char*> kMailDomains = {"qq.com", "163.com", "126.com", "sina.com", "foxmail.com", "139.com"};

// Where a natural person lives: region code of the ID number and the address.
struct Home {
  const char* region;
  const char* city;  // address prefix
};
const std::vector<Home> kFarHomes = {
    {"530102", "昆明市五华区学府路"},   {"530103", "昆明市盘龙区北京路"}, {"530602", "昭通市昭阳区珠泉路"},
    {"510107", "成都市武侯区科华北路"}, {"440305", "深圳市南山区科苑路"}, {"110108", "北京市海淀区中关村大街"},
};

struct OrgSpec {
  const char* category;
  const char* name;
  const char* kind2;  // 登记管理部门 + 机构类别 of the credit code
  const char* region;
  const char* domain;  // "" = the contact person's own mailbox
  const char* address;
  const char* area;  // telephone area code
};
const std::vector<OrgSpec> kOrgs = {
    {"commercial", "云南恒泰建设工程有限公司", "91", "530102", "hengtaijs.com", "昆明市五华区人民西路218号", "0871"},
    {"commercial", "云溪县鑫源商贸有限公司", "91", "539921", "", "云溪县城关街道南门街36号", "0870"},
    {"commercial", "云南滇峰路桥建设有限公司", "91", "530103", "dianfenglq.com", "昆明市盘龙区北京路1088号", "0871"},
    {"commercial", "云溪县福瑞房地产开发有限公司", "91", "539921", "furuidc.com", "云溪县滨河路128号", "0870"},
    {"commercial", "云南金穗农业科技有限公司", "91", "530602", "jinsuiagri.com", "昭通市昭阳区海楼路56号", "0870"},
    {"commercial", "昆明博信工程咨询有限公司", "91", "530102", "boxinzx.com", "昆明市五华区西昌路77号", "0871"},
    {"commercial", "云溪县青石矿业有限责任公司", "91", "539921", "", "云溪县青石镇龙潭村", "0870"},
    {"commercial", "昭通市瑞达建材有限公司", "91", "530602", "", "昭通市昭阳区凤凰工业园区8号", "0870"},
    {"research", "云岭大学法学院", "12", "530102", "ylu.edu.cn", "昆明市五华区翠湖北路2号", "0871"},
    {"research", "滇南师范学院乡村振兴研究中心", "12", "532503", "dnnu.edu.cn", "蒙自市天马路66号", "0873"},
    {"research", "云南省云岭公共政策研究院", "52", "530102", "ylpolicy.org.cn", "昆明市五华区青年路389号", "0871"},
    {"public_welfare", "云溪县绿水青山环保志愿者协会", "51", "539921", "", "云溪县文昌路9号", "0870"},
    {"public_welfare", "云南彩云助学公益基金会", "53", "530102", "caiyunzx.org", "昆明市五华区东风西路12号", "0871"},
    {"public_welfare", "云溪县夕阳红养老服务中心", "52", "539921", "", "云溪县城关街道新华路51号", "0870"},
    {"legal_service", "云南正衡律师事务所", "31", "530102", "zhenghenglaw.com", "昆明市五华区三市街6号", "0871"},
    {"legal_service", "云南明理律师事务所", "31", "530602", "minglilaw.cn", "昭通市昭阳区龙泉路18号", "0870"},
    {"legal_service", "云溪县城关法律服务所", "33", "539921", "", "云溪县城关街道解放路40号", "0870"},
    {"other_org", "云溪县青石镇石桥村股份经济合作社", "N2", "539921", "", "云溪县青石镇石桥村", "0870"},
    {"other_org", "云溪县白沙乡松林核桃种植专业合作社", "93", "539921", "", "云溪县白沙乡松林村", "0870"},
    {"other_org", "城关街道滨河花园小区业主委员会", "Y1", "539921", "", "云溪县城关街道滨河路99号", "0870"},
};

class People {
 public:
  explicit People(Dice& dice) : dice_(dice) {}

  struct Name {
    std::string han;
    std::string pinyin;
    bool male = true;
  };
  Name name() {
    const bool male = dice_.chance(55);
    const auto& s = dice_.pick(kSurnames);
    const auto& g = dice_.pick(male ? kMaleNames : kFemaleNames);
    return {std::string(s.han) + g.han, std::string(s.pinyin) + g.pinyin, male};
  }
  std::string mobile() { return std::string(dice_.pick(kMobilePrefixes)) + pad(dice_.between(0, 99999999), 8); }
  std::string mailbox(const std::string& pinyin, int year) {
    return pinyin + (dice_.chance(50) ? pad(year % 100, 2) : std::to_string(dice_.between(1, 999))) + "@" +
           dice_.pick(kMailDomains);
  }

  // A natural person: local (village or town) for most, from elsewhere for some.
  Applicant person(bool with_email, const Name* given = nullptr) {
    const Name n = given ? *given : name();
    Applicant a;
    a.category = "person";
    a.name = n.han;
    const Date birth{std::chrono::year{dice_.between(1948, 2002)},
                     std::chrono::month{static_cast<unsigned>(dice_.between(1, 12))},
                     std::chrono::day{static_cast<unsigned>(dice_.between(1, 28))}};
    std::string region = "539921";
    const int where = dice_.between(1, 100);
    if (where <= 45) {
      const auto& t = dice_.pick(kTowns);
      a.address = std::string("云溪县") + t.name + dice_.pick(t.villages) + std::to_string(dice_.between(1, 9)) + "组" +
                  std::to_string(dice_.between(1, 80)) + "号";
    } else if (where <= 82) {
      a.address = std::string("云溪县城关街道") + dice_.pick(kRoads) + std::to_string(dice_.between(1, 260)) + "号" +
                  std::to_string(dice_.between(1, 12)) + "栋" + std::to_string(dice_.between(1, 3)) + "单元" +
                  std::to_string(dice_.between(1, 7)) + "0" + std::to_string(dice_.between(1, 4)) + "室";
    } else {
      const auto& h = dice_.pick(kFarHomes);
      region = h.region;
      a.address = std::string(h.city) + std::to_string(dice_.between(1, 300)) + "号";
    }
    if (dice_.chance(3)) {
      a.id_type = "hk_macao_permit";
      a.id_number = (dice_.chance(50) ? "H" : "M") + pad(dice_.between(10000000, 99999999), 8);
    } else {
      a.id_type = "resident_id";
      const int seq = dice_.between(0, 499) * 2 + (n.male ? 1 : 0);
      a.id_number = resident_id(region, birth, seq);
    }
    a.phone = mobile();
    if (with_email || dice_.chance(45)) a.email = mailbox(n.pinyin, static_cast<int>(birth.year()));
    return a;
  }

  // An organization of `category`; the same organization keeps its people and numbers.
  Applicant organization(std::string_view category) {
    std::vector<const OrgSpec*> of;
    for (const auto& o : kOrgs) {
      if (o.category == category) of.push_back(&o);
    }
    const OrgSpec& o = *dice_.pick(of);
    auto it = orgs_.find(o.name);
    if (it == orgs_.end()) {
      Applicant a;
      a.category = o.category;
      a.name = o.name;
      a.credit_code = credit_code(o.kind2, o.region, org_code(dice_.between(10000000, 99999999)));
      a.legal_rep = name().han;
      const Name contact = name();
      a.contact_person = contact.han;
      a.phone =
          dice_.chance(50) ? std::string(o.area) + "-" + std::to_string(dice_.between(2100000, 8999999)) : mobile();
      a.email = *o.domain ? std::string(dice_.chance(50) ? "office@" : "gk@") + o.domain
                          : mailbox(contact.pinyin, dice_.between(1970, 1999));
      a.address = o.address;
      it = orgs_.emplace(o.name, a).first;
    }
    return it->second;
  }

 private:
  Dice& dice_;
  std::map<std::string, Applicant> orgs_;
};

// ---- What is asked -------------------------------------------------------------------------------

// One kind of request to one agency. Placeholders: {t} township, {v} its village, {s} community,
// {r} project, {y}/{y1} years, {c} a company concerned, {k} a number, {n} a person concerned.
struct Ask {
  const char* desk;
  const char* handler;  // county requests: the department that holds the information
  const char* text;
  const char* purpose;
  std::vector<std::string_view> fits;  // outcomes this request sensibly gets
  const char* note = "";               // reasons for the refusal-type outcomes among `fits` ("" = generic)
  const char* withheld = "";           // 部分公开: what was withheld and why ("" = generic)
  const char* party = "";              // who is consulted (third party, or the agency for 不予公开 checks)
};

const std::vector<Ask> kAsks = {
    // 县政府
    {"county",
     "natres",
     "云溪县人民政府关于{t}{v}集体土地征收的批复文件（含征收范围、面积及用途）",
     "了解本人承包地被征收的依据",
     {"disclosed", "partial", "already_public"}},
    {"county",
     "natres",
     "{t}{v}集体土地征收补偿安置方案及征收土地预公告",
     "核实补偿标准",
     {"disclosed", "partial"},
     "",
     "方案附件《被征收户补偿明细表》中其他被征收户的身份证号码、银行账号及家庭成员信息属于个人隐私，依据《条例》第十五"
     "条不予公开，已作遮盖处理",
     "{v}被征收户{n}等"},
    {"county",
     "finance",
     "{y}年云溪县本级财政预算执行情况和{y1}年预算草案的报告",
     "学习研究",
     {"already_public", "disclosed"}},
    {"county",
     "drc",
     "{r}招标文件、中标通知书及施工合同",
     "监督工程建设",
     {"disclosed", "partial", "withheld_third_party"},
     "您申请获取的信息中，中标人投标文件的分项报价构成和技术方案属于{c}"
     "的商业秘密。本机关书面征求了该公司意见，其不同意公开；本机关认为不公开不会对公共利益造成重大影响，依据《条例》第"
     "十五条、第三十二条不予公开。",
     "中标人投标文件中的分项报价明细和施工组织设计属于商业秘密，经征求第三方意见，第三方不同意公开，依据《条例》第十五"
     "条不予公开",
     "{c}"},
    {"county",
     "",
     "云溪县人民政府{y}年第{k}次常务会议纪要中关于{r}的议定事项",
     "",
     {"withheld_process", "partial"},
     "您申请获取的会议纪要记录了会议对{r}"
     "的研究讨论过程，属于讨论记录等过程性信息，依据《条例》第十六条第二款，可以不予公开。会议议定并已形成正式文件的事"
     "项已主动公开。",
     "纪要中各参会单位的讨论发言记录属于过程性信息，依据《条例》第十六条第二款不予公开；议定事项予以公开"},
    {"county",
     "drc",
     "关于{r}选址的请示及县直有关部门的会签意见",
     "",
     {"withheld_process"},
     "您申请获取的请示及会签意见属于本机关在决策过程中形成的请示报告和磋商信函，属于过程性信息，依据《条例》第十六条第"
     "二款，可以不予公开。"},
    {"county",
     "",
     "云溪县{y}年度国防动员潜力调查统计数据及重点目标防护方案",
     "",
     {"withheld_state_secret"},
     "经征求县国家保密局意见，您申请获取的信息已依法确定为国家秘密，依据《中华人民共和国保守国家秘密法》和《条例》第十"
     "四条，不予公开。",
     "",
     "县国家保密局"},
    {"county",
     "",
     "县城区水厂、变电站等重要目标的安全防范部署方案及视频监控点位分布图",
     "",
     {"withheld_three_safety"},
     "经征求县公安局意见，您申请获取的信息涉及重要目标的安全防范部署，公开后可能危及公共安全和社会稳定，依据《条例》第"
     "十四条不予公开。",
     "",
     "县公安局"},
    {"county",
     "",
     "县人民政府办公室{y}年度机关干部考勤记录及内部绩效考核细则",
     "",
     {"withheld_internal"},
     "您申请获取的考勤记录和内部绩效考核细则属于本机关人事管理和内部工作流程信息，依据《条例》第十六条第一款，可以不予"
     "公开。"},
    {"county",
     "",
     "要求县人民政府责令{t}人民政府纠正对{v}土地承包纠纷的处理意见，并书面答复处理结果",
     "",
     {"not_processed_petition"}},
    {"county",
     "",
     "《云溪县志（2001—2020）》及《云溪年鉴（{y}）》全文",
     "",
     {"not_processed_publication"},
     "您申请获取的《云溪县志（2001—2020）》《云溪年鉴（{y}"
     "）》属于公开出版物，依据《条例》第三十九条第二款，请您通过县图书馆、新华书店等公开出版物的获取途径获取。"},
    {"county",
     "",
     "请对本人{y}年已获取的《{t}{v}集体土地征收补偿安置方案》复印件加盖县人民政府公章，并出具与原件一致的书面证明",
     "用于诉讼",
     {"not_processed_confirmation"}},
    {"county",
     "",
     "{y}年以来全县各建设项目征收土地面积、补偿金额的汇总统计及分析报告",
     "研究征地补偿问题",
     {"unavailable_needs_making"},
     "本机关未制作您所要求的汇总统计及分析报告，提供该信息需要对各项目档案进行汇总、统计、分析后另行制作，依据《条例》"
     "第三十八条，本机关不予提供。各项目的征地批复已主动公开，您可自行查阅。"},
    {"county",
     "",
     "市生态环境局云溪分局对{r}环境影响报告书的批复（环评批复）",
     "了解项目对周边环境的影响",
     {"unavailable_not_held"},
     "经检索，本机关未制作、获取该环评批复。依照《中华人民共和国环境影响评价法》，建设项目环境影响报告书由生态环境主管"
     "部门审批，建议您向市生态环境局云溪分局申请获取。"},
    {"county", "", "云溪县人民政府{y}年政府信息公开工作年度报告", "", {"already_public"}},
    {"county", "drc", "{r}立项批复、资金来源及年度投资计划", "", {"disclosed", "already_public"}},
    {"county", "", "{t}{v}涉及本人房屋的房屋征收决定及分户评估报告", "维护本人合法权益", {"disclosed", "partial"}},
    {"county", "", "县人民政府对县人大代表第{k}号建议的答复意见", "", {"already_public", "disclosed"}},
    {"county", "", "我家房子的相关材料", "", {"unavailable_unclear"}},
    {"county",
     "",
     "咨询在云溪县城购房后办理落户需要哪些材料、到哪里办理",
     "",
     {"other"},
     "您提出的是办事咨询，不属于获取政府信息的申请。本机关已电话告知您向县公安局城关派出所户籍窗口咨询办理，也可拨打123"
     "45政务服务便民热线。"},
    // 县发改局
    {"drc", "", "{r}可行性研究报告的批复及项目总投资构成", "", {"disclosed", "partial"}},
    {"drc", "", "云溪县{y}年政府投资项目年度计划", "", {"already_public", "disclosed"}},
    {"drc",
     "",
     "云溪县{y}年城区居民生活用水价格调整听证会听证笔录及定价成本监审报告",
     "",
     {"partial", "disclosed"},
     "",
     "成本监审报告中供水企业的分项成本构成涉及商业秘密，经征求第三方意见，依据《条例》第十五条不予公开",
     "云溪县自来水有限公司"},
    {"drc", "", "{c}分布式光伏发电项目备案证明", "", {"disclosed"}},
    {"drc",
     "",
     "县统计调查中{c}报送的{y}年度规模以上工业企业原始统计调查表",
     "",
     {"withheld_law_prohibits"},
     "您申请获取的是统计调查中能够识别单个统计调查对象的原始资料。《中华人民共和国统计法》第三十九条规定，统计机构和统"
     "计人员对在统计工作中知悉的单个统计调查对象的资料应当予以保密，不得对外提供、泄露。依据《条例》第十四条，不予公开"
     "。"},
    {"drc",
     "",
     "{r}环境影响评价批复",
     "",
     {"unavailable_not_held"},
     "经检索，本机关未制作、获取该环评批复。建设项目环境影响评价文件由生态环境主管部门审批，建议您向市生态环境局云溪分"
     "局申请获取。"},
    {"drc",
     "",
     "《云溪统计年鉴（{y}）》全册",
     "",
     {"not_processed_publication"},
     "您申请获取的《云溪统计年鉴（{y}"
     "）》属于公开出版物，依据《条例》第三十九条第二款，请您通过县图书馆或统计年鉴的发行渠道获取。"},
    // 县财政局
    {"finance",
     "",
     "云溪县{y}年县级一般公共预算支出决算表及“三公”经费决算情况说明",
     "",
     {"already_public", "disclosed"}},
    {"finance", "", "{y}年对{t}的财政转移支付资金分配明细", "", {"disclosed"}},
    {"finance",
     "",
     "{r}政府采购合同及验收报告",
     "",
     {"disclosed", "partial"},
     "",
     "合同附件中供应商的分项报价及技术参数涉及商业秘密，经征求第三方意见，第三方不同意公开，依据《条例》第十五条不予公"
     "开",
     "{c}"},
    {"finance",
     "",
     "{c}{y}年度获得的财政补贴资金拨付凭证及其申报材料",
     "",
     {"withheld_third_party", "partial"},
     "您申请获取的申报材料包含{c}"
     "的财务报表、经营数据等商业秘密。本机关书面征求了该公司意见，其不同意公开；本机关认为不公开不会对公共利益造成重大"
     "影响，依据《条例》第十五条、第三十二条不予公开。补贴资金的拨付金额已在“财政预决算”栏目公开。",
     "申报材料中企业的财务报表和经营数据属于商业秘密，依据《条例》第十五条不予公开；拨付凭证予以公开",
     "{c}"},
    {"finance", "", "云溪县{y}年末政府债务限额及余额情况", "", {"already_public", "disclosed"}},
    {"finance",
     "",
     "县财政局{y}年度内部财务报销审批流程及干部年度考核结果",
     "",
     {"withheld_internal"},
     "您申请获取的报销审批流程和干部考核结果属于本机关内部工作流程和人事管理信息，依据《条例》第十六条第一款，可以不予"
     "公开。"},
    // 县自然资源局
    {"natres",
     "",
     "{t}{v}集体土地征收的“一书四方案”（建设用地项目呈报说明书、农用地转用方案、补充耕地方案、征收土地方案、供地方案）",
     "核实征地程序是否合法",
     {"disclosed", "partial"}},
    {"natres", "", "{t}{v}征地红线图及勘测定界技术报告", "", {"disclosed"}},
    {"natres",
     "",
     "县城区{r}地块国有建设用地使用权出让合同及规划条件",
     "",
     {"disclosed", "partial"},
     "",
     "出让合同中受让人法定代表人的身份证号码和联系电话属于个人信息，依据《条例》第十五条不予公开，已作遮盖处理"},
    {"natres",
     "",
     "查询本人名下的不动产登记信息及房屋权属登记档案",
     "办理继承手续",
     {"withheld_query"},
     "您申请查询的是本人名下的不动产登记资料，属于行政查询事项。根据《条例》第三十六条第（七）项和《不动产登记资料查询"
     "暂行办法》，请您持本人身份证件到云溪县不动产登记中心（滨河路66号）依照规定程序办理查询。"},
    {"natres",
     "",
     "{t}{v}第二轮土地承包台账（1998年）及承包合同存档",
     "",
     {"unavailable_not_held"},
     "经检索，本机关未制作、保存该村第二轮土地承包台账。农村土地承包合同由{t}"
     "人民政府农业农村综合服务中心及村集体经济组织保管，建议您向{t}人民政府申请。"},
    {"natres", "", "{y}年度卫片执法检查中{t}违法用地图斑的核查处理结果", "", {"disclosed", "partial"}},
    {"natres", "", "云溪县国土空间总体规划（2021—2035年）文本及图件", "", {"already_public"}},
    {"natres",
     "",
     "{c}采矿许可证及矿产资源储量核实报告",
     "",
     {"partial", "withheld_third_party"},
     "您申请获取的储量核实报告包含{c}"
     "的勘查原始数据和开采技术方案，属于商业秘密。本机关书面征求了该公司意见，其不同意公开，依据《条例》第十五条、第三"
     "十二条不予公开。采矿许可证信息已在自然资源部门户网站公示。",
     "储量核实报告中的勘查原始数据和开采技术方案属于企业商业秘密，经征求意见企业不同意公开，依据《条例》第十五条不予公"
     "开",
     "{c}"},
    {"natres", "", "要求查处{v}村民违法占用耕地建房行为并书面答复查处结果", "", {"not_processed_petition"}},
    {"natres", "", "{t}{v}集体土地征收中涉及本人的征地补偿协议及补偿款计算明细", "", {"disclosed"}},
    {"natres", "", "有关征地的所有文件", "", {"unavailable_unclear"}},
    // 县人社局
    {"hrss", "", "云溪县{y}年事业单位公开招聘考试总成绩及进入体检人员名单", "", {"already_public", "disclosed"}},
    {"hrss",
     "",
     "{c}拖欠农民工工资案件的处理结果及劳动保障监察责令改正决定书",
     "",
     {"partial", "disclosed"},
     "",
     "决定书所附欠薪农民工名册中的身份证号码和银行账号属于个人隐私，依据《条例》第十五条不予公开"},
    {"hrss",
     "",
     "查询本人{y}年以来城乡居民基本养老保险缴费记录",
     "",
     {"withheld_query"},
     "您申请查询的是本人社会保险个人权益记录，属于行政查询事项。根据《条例》第三十六条第（七）项和《社会保险个人权益记"
     "录管理办法》，请您通过12333服务平台或持身份证件到县社会保险服务窗口查询。"},
    {"hrss",
     "",
     "{y}年对本人作出的工伤认定决定书及调查笔录",
     "申请工伤保险待遇",
     {"disclosed", "partial"},
     "",
     "调查笔录中其他证人的身份证号码和联系方式属于个人信息，依据《条例》第十五条不予公开"},
    {"hrss", "", "{y}年全县返乡创业补贴发放对象名单及补贴金额", "", {"disclosed", "partial"}},
    {"hrss",
     "",
     "县人社局{y}年度干部职工考核结果和内部科室职责分工方案",
     "",
     {"withheld_internal"},
     "您申请获取的考核结果和科室职责分工方案属于本机关人事管理和内部工作流程信息，依据《条例》第十六条第一款，可以不予"
     "公开。"},
    {"hrss",
     "",
     "{c}劳动保障监察案件的全部案卷材料（含调查询问笔录）",
     "",
     {"withheld_enforcement"},
     "您申请获取的调查询问笔录等材料属于行政执法案卷信息，依据《条例》第十六条第二款，可以不予公开。该案的处理决定已送"
     "达当事人。"},
    // 县市场监管局
    {"market",
     "",
     "对{c}作出的行政处罚决定书（云市监处罚〔{y}〕{k}号）",
     "",
     {"disclosed", "already_public", "partial"}},
    {"market",
     "",
     "{c}被立案查处案件的全部执法案卷（含询问笔录、现场检查笔录、抽样检验报告）",
     "",
     {"withheld_enforcement"},
     "您申请获取的询问笔录、现场检查笔录及证据材料属于行政执法案卷信息，依据《条例》第十六条第二款，可以不予公开。该案"
     "的行政处罚决定书已依法公示，您可通过国家企业信用信息公示系统查询。"},
    {"market", "", "云溪县{y}年第{k}期食品安全监督抽检信息", "", {"already_public"}},
    {"market",
     "",
     "{c}的企业登记档案（设立登记申请书、章程及股东出资情况）",
     "诉讼需要",
     {"withheld_query"},
     "您申请获取的是企业登记档案资料，属于行政查询事项。根据《条例》第三十六条第（七）项和企业登记档案资料查询的有关规"
     "定，请您持相关证明材料到县市场监督管理局登记注册窗口办理查询。"},
    {"market",
     "",
     "本人{y}年投诉{c}销售过期食品一案的调查处理结果",
     "",
     {"not_processed_petition"},
     "您申请获取的是本人投诉举报事项的处理结果，属于投诉举报类申请。依据《条例》第三十九条第一款，本机关告知您通过全国1"
     "2315平台查询投诉处理进度，对该申请不作为政府信息公开申请处理。"},
    {"market", "", "云溪县{y}年特种设备安全监督检查计划及检查结果", "", {"disclosed"}},
    {"market", "", "请对本人持有的{c}营业执照复印件出具与登记信息一致的书面证明", "", {"not_processed_confirmation"}},
    {"market",
     "",
     "查询本公司在县市场监管局提交的食品经营许可申请的办理进度",
     "",
     {"other"},
     "您查询的是本单位行政许可申请的办理进度，属于办事咨询，不属于获取政府信息的申请。本机关已告知您通过云南政务服务网"
     "或县政务服务中心市场监管窗口查询办理进度。"},
    // 青石镇
    {"qingshi",
     "",
     "青石镇{v}{y}年农村最低生活保障对象名单及保障金额（低保名单）",
     "监督低保评定是否公平",
     {"disclosed", "partial"},
     "",
     "低保对象的身份证号码、家庭住址及银行账号属于个人隐私，依据《条例》第十五条不予公开，已作遮盖处理"},
    {"qingshi",
     "",
     "青石镇{v}集体土地征收补偿款发放明细（含各户补偿金额）",
     "",
     {"partial", "withheld_third_party"},
     "您申请获取的补偿款发放明细包含其他被征收户的个人信息。本机关书面征求了相关权利人意见，其不同意公开，公开后可能损"
     "害其合法权益，依据《条例》第十五条、第三十二条不予公开。",
     "其他被征收户的身份证号码、银行账号及家庭成员信息属于个人隐私，依据《条例》第十五条不予公开",
     "{v}被征收户{n}等"},
    {"qingshi", "", "青石镇{v}村道硬化工程招标文件、施工合同及结算审计报告", "", {"disclosed"}},
    {"qingshi", "", "青石镇{y}年耕地地力保护补贴发放名册", "", {"disclosed", "partial"}},
    {"qingshi",
     "",
     "青石镇{v}村民委员会{y}年集体经济收支明细账",
     "",
     {"unavailable_not_held"},
     "经检索，本机关未制作、保存该村集体经济收支明细账。村集体经济收支由村民委员会依照《中华人民共和国村民委员会组织法"
     "》实行村务公开，建议您向{v}村民委员会查询。"},
    {"qingshi", "", "青石镇{y}年防汛抗旱应急预案", "", {"already_public"}},
    {"qingshi", "", "青石镇近五年各村人口、耕地面积变化情况的统计分析", "", {"unavailable_needs_making"}},
    // 白沙乡
    {"baisha", "", "白沙乡{y}年农村危房改造补助对象名单及补助标准", "", {"disclosed", "partial"}},
    {"baisha", "", "白沙乡{v}易地扶贫搬迁安置点建设资金使用情况", "", {"disclosed"}},
    {"baisha", "", "白沙乡高标准农田建设项目（{y}年度）施工合同及竣工验收资料", "", {"disclosed", "partial"}},
    {"baisha", "", "白沙乡{y}年度特困人员供养名单", "", {"partial"}},
    {"baisha",
     "",
     "白沙乡党委会议关于{v}土地调整问题的讨论记录",
     "",
     {"withheld_process"},
     "您申请获取的会议讨论记录属于本机关在研究决定过程中形成的讨论记录，属于过程性信息，依据《条例》第十六条第二款，可"
     "以不予公开。土地调整的最终方案已在村务公开栏公示。"},
    // 城关街道
    {"chengguan", "", "城关街道{s}老旧小区改造实施方案及居民意见征集结果", "", {"disclosed", "already_public"}},
    {"chengguan", "", "解放路片区房屋征收补偿方案及本人房屋的分户评估报告", "", {"disclosed", "partial"}},
    {"chengguan", "", "城关街道{y}年环卫保洁服务政府采购合同", "", {"disclosed"}},
    {"chengguan", "", "要求城关街道拆除{s}违章搭建的彩钢棚并答复处理结果", "", {"not_processed_petition"}},
    {"chengguan", "", "城关街道{y}年度工作人员值班安排和考勤管理办法", "", {"withheld_internal"}},
    {"chengguan", "", "城关街道{s}{y}年城市低保对象公示名单", "", {"disclosed", "partial"}},
    {"chengguan",
     "",
     "请提供2010年以来城关街道全部文件、会议纪要、财务凭证和工作人员名册（共列明76项）",
     "",
     {"not_processed_excessive"},
     "您在一份申请中列明76项信息，涉及2010年以来本机关的全部文件、会议纪要和财务凭证，数量明显超过合理范围。本机关依据"
     "《条例》第三十五条要求您说明理由，您未能说明理由的合理性，本机关不予处理。"},
};

// Generic reasons per outcome, used when the request has no specific note.
std::string generic_reasons(std::string_view outcome) {
  static const std::map<std::string_view, std::string_view> kText = {
      {"already_public", "您申请获取的政府信息已经主动公开。"},
      {"partial",
       "您申请获取的信息中部分内容涉及第三方个人隐私或商业秘密，公开后会损害第三方合法权益，依据《条例》第十五条、第三"
       "十七条，本机关对可以公开的内容予以公开，对不能公开的内容作区分处理。"},
      {"withheld_state_secret", "您申请获取的信息属于国家秘密，依据《条例》第十四条不予公开。"},
      {"withheld_law_prohibits", "法律、行政法规禁止公开您申请获取的信息，依据《条例》第十四条不予公开。"},
      {"withheld_three_safety", "您申请获取的信息公开后可能危及公共安全和社会稳定，依据《条例》第十四条不予公开。"},
      {"withheld_third_party",
       "您申请获取的信息涉及第三方商业秘密，第三方不同意公开，依据《条例》第十五条、第三十二条不予公开。"},
      {"withheld_internal",
       "您申请获取的信息属于本机关人事管理、后勤管理和内部工作流程等内部事务信息，依据《条例》第十六条第一款，可以不予"
       "公开。"},
      {"withheld_process",
       "您申请获取的信息属于本机关在履行行政管理职能过程中形成的讨论记录、过程稿和请示报告，属于过程性信息，依据《条例"
       "》第十六条第二款，可以不予公开。"},
      {"withheld_enforcement", "您申请获取的信息属于行政执法案卷信息，依据《条例》第十六条第二款，可以不予公开。"},
      {"withheld_query", "您申请获取的信息属于行政查询事项，请您依照相关法律法规规定的程序办理查询。"},
      {"unavailable_not_held",
       "经检索查找，本机关未制作、获取您所申请的政府信息，依据《条例》第三十六条第（四）项告知。"},
      {"unavailable_needs_making",
       "本机关没有现成的您所要求的信息，提供该信息需要对现有资料进行汇总、加工、分析后另行制作，依据《条例》第三十八条"
       "，本机关不予提供。"},
      {"unavailable_unclear",
       "本机关已于{corr}"
       "一次性告知您补正，您提交的补正仍未能明确所需政府信息的名称、文号或者其他特征性描述，本机关无法确定您所申请的政"
       "府信息，依据《条例》第三十条，无法提供。"},
      {"not_processed_petition",
       "您的申请实质是要求本机关查处违法行为并答复处理结果，属于信访、投诉、举报类诉求。依据《条例》第三十九条第一款，"
       "本机关告知您通过信访、投诉举报渠道提出，对该申请不作为政府信息公开申请处理。"},
      {"not_processed_repeat",
       "您此前已就相同内容向本机关提出申请，本机关已依法作出答复。您本次申请的内容与前次相同，依据《条例》第三十六条第"
       "（六）项，本机关不予重复处理。"},
      {"not_processed_publication",
       "您申请获取的信息属于公开出版物，依据《条例》第三十九条第二款，请您通过公开出版物的获取途径获取。"},
      {"not_processed_excessive",
       "您申请公开政府信息的数量、频次明显超过合理范围，本机关要求您说明理由，您未能说明理由的合理性，依据《条例》第三"
       "十五条，本机关不予处理。"},
      {"not_processed_confirmation",
       "您要求本机关对已获取的信息加盖公章、出具证明，属于要求行政机关确认或重新出具已获取信息，不属于《条例》规定的政"
       "府信息公开申请，本机关不作为政府信息公开申请处理。"},
      {"other", "您提出的是政策或办事咨询，不属于获取政府信息的申请，本机关已告知您咨询渠道。"},
  };
  auto it = kText.find(outcome);
  return it == kText.end() ? std::string() : std::string(it->second);
}

// ---- Plans ---------------------------------------------------------------------------------------

enum class Correction { kNone, kReceived, kLapsed, kWithdrawn, kOpen };
enum class Fee { kNone, kPaid, kLapsed, kWaived, kOpen };

struct Consultation {
  std::string kind;  // third_party | other_agency
  std::string party;
  int answer_after = 0;  // working days after sending; 0 = no answer
  std::string opinion;
};

struct Plan {
  std::string desk;
  std::string channel;
  Applicant applicant;
  std::string description;
  std::string purpose;
  std::string form = "paper";
  std::string delivery = "pickup";
  bool fee_waiver = false;
  bool id_proof = false;
  Date arrived;   // submitted online, or reached the agency
  Date received;  // the Art. 31 receipt date (online: the confirmation)
  Correction correction = Correction::kNone;
  int correction_period = 10;
  std::string correction_text;
  std::string handler;  // county cases: the department the case is handed to
  bool assign = false;
  std::optional<Date> delay_until;  // Art. 35
  std::vector<Consultation> consultations;
  int extend = 0;
  std::string extend_reason;
  Fee fee = Fee::kNone;
  int64_t fee_amount = 0;   // the quote of 国办函〔2020〕109号 for fee_method and fee_units
  std::string fee_method;   // by_piece | by_page
  int fee_units = 0;        // pieces or pages
  bool return_once = false;
  ActionInput reply;        // outcome, basis, reasons, withheld, reply_text
  std::string withdraw_at;  // stage code where the applicant withdraws
  std::string withdraw_reason;
  std::string stop_at;             // open cases: the stage the case is in on kDemoApplicationsToday
  bool late = false;               // replied after the deadline
  std::optional<Date> not_before;  // the reply is delivered on or after this day
  std::string deliver_way;
  bool sample = false;
};

const std::vector<const char*> kCorrectionTexts = {
    "您的申请未能明确所需政府信息的名称、文号或者便于行政机关查询的其他特征性描述，请补充所需信息的具体名称、形成时间或"
    "文号。",
    "您的申请涉及多个事项，请按照“一事一申请”的原则分别提出，并明确本次申请所需的具体信息。",
    "请明确所需信息涉及的地块、项目名称或者文件形成的大致时间，以便本机关检索。",
};
const std::vector<const char*> kWithdrawReasons = {
    "申请人来电表示已通过其他途径获取所需信息，申请撤回",
    "申请人提交书面撤回申请书",
    "申请人表示相关纠纷已协商解决，申请撤回",
};
const std::vector<const char*> kExtendReasons = {
    "需征求第三方意见且涉及信息较多，经政府信息公开工作机构负责人同意，延长答复期限并书面告知申请人",
    "所需信息分散在多个档案卷宗中，检索整理需要时间，经负责人同意延长答复期限并告知申请人",
    "需会同其他部门核实信息内容，经负责人同意延长答复期限并告知申请人",
};
const std::vector<const char*> kReturnReasons = {
    "答复依据引用不全，请补充条例条款并写明救济途径",
    "请核对提供材料的页数，并对涉及个人信息的内容作遮盖处理",
};

// The reply letter body for an outcome.
std::string reply_text(const Plan& p, std::string_view outcome, const std::string& reasons, const std::string& withheld,
                       int pages, const std::string& where) {
  std::string t = p.applicant.name + "：\n本机关于{received}收到您提出的政府信息公开申请，您申请获取“" + p.description +
                  "”。经审查，";
  const std::string material = p.form == "paper" ? "纸质材料（共" + std::to_string(pages) + "页）"
                                                 : "电子文件（共" + std::to_string(pages) + "页）";
  const std::string how = p.delivery == "post"     ? material + "随本答复书一并邮寄给您。"
                          : p.delivery == "email"  ? material + "已发送至您预留的电子邮箱。"
                          : p.delivery == "online" ? material + "可在申请查询页面下载。"
                                                   : "请您持本答复书及身份证件到本机关领取" + material + "。";
  if (outcome == "already_public") {
    t += "您申请获取的信息已主动公开。" + where;
  } else if (outcome == "disclosed") {
    t += "您申请获取的信息属于公开范围，现予以公开。" + how;
  } else if (outcome == "partial") {
    t += "您申请获取的信息部分可以公开。对可以公开的部分，" + how + "其中，" + withheld + "。";
  } else {
    t += reasons;
  }
  return t +
         "\n如对本答复不服，可以自收到本答复之日起六十日内依法申请行政复议，或者自收到本答复之日起六个月内依法向人民法"
         "院提起行政诉讼。";
}

// A fee charged 按量 for `pages` pages, at the quote (国办函〔2020〕109号第五条).
void by_pages(Plan& p, int pages) {
  p.fee_method = "by_page";
  p.fee_units = pages;
  p.fee_amount = applications::quote_by_page(pages)->amount_yuan;
}

// ---- Playing a plan through the service -----------------------------------------------------------

// Ends the playing of a plan: the case stays where it is (an open case's stage, a withdrawal or
// 视为放弃, or a step that would fall after the machine's date).
struct Stop {};

class Player {
 public:
  Player(db::Db& db, const std::vector<DemoDesk>& desks, Dice& dice)
      : db_(db), desks_(desks), dice_(dice), cal_(calendar::current()) {
    const Date demo_today = ymd(kDemoApplicationsToday);
    const Date real_today = ymd(today_cn());
    limit_ = std::min(demo_today, real_today);
    for (const auto& key : {"county", "drc", "finance", "natres", "hrss", "market", "qingshi", "baisha", "chengguan"}) {
      desk(key);
    }
  }

  const DemoDesk& desk(std::string_view key) const {
    for (const auto& d : desks_) {
      if (d.key == key) return d;
    }
    throw std::runtime_error("demo applications: no desk " + std::string(key));
  }

  Date limit() const { return limit_; }

  // `n` working days after `d` (n = 0: `d`).
  Date after(Date d, int n) const {
    if (n <= 0) return d;
    auto r = cal_->add_workdays(d, n);
    if (!r) throw std::runtime_error("demo applications: " + r.error().message);
    return *r;
  }
  bool workday(Date d) const {
    auto info = cal_->day(d);
    if (!info) throw std::runtime_error("demo applications: " + info.error().message);
    return info->workday;
  }
  Date on_or_after_workday(Date d) const { return workday(d) ? d : after(d, 1); }
  // A staff step `n` working days after `d`; n = 0: the same day, or the next working day.
  Date work(Date d, int n) const { return n == 0 ? on_or_after_workday(d) : after(d, n); }
  // The `n`-th working day before `d`.
  Date before(Date d, int n) const {
    sys_days x{d};
    for (int k = 0; k < n;) {
      x -= days{1};
      if (workday(Date{x})) ++k;
    }
    return Date{x};
  }

  struct Played {
    int64_t id = 0;
    std::string code;
    bool closed = false;
    std::string stage;  // stage code at the end
  };

  Played play(const Plan& p, int index);

 private:
  struct Live {
    bool letters = false;  // render the letters of this case's steps (recent cases and the sample only)
    int index = 0;
    int64_t id = 0;
    std::string what;
    applications::Case c;
    Date cur;
  };

  static audit::Actor actor_of(const Principal& p) { return {p.user.id, p.user.display_name, ""}; }

  void step(Live& k, const Principal& who, std::string_view action, Date on, ActionInput in = {}) {
    if (on < k.cur) on = k.cur;
    if (on > limit_) throw Stop{};
    in.date = format_date(on);
    auto r = applications::act(db_, who, actor_of(who), k.id, action, in, bulk(k));
    if (!r) {
      throw std::runtime_error("demo application #" + std::to_string(k.index) + " (" + k.what +
                               "): " + std::string(action) + " on " + in.date + " refused: " + describe(r.error()));
    }
    k.c = std::move(*r);
    k.cur = on;
  }

  // The reply deadline of the case as of `on`.
  Date due(const Live& k, Date on) const {
    auto r = applications::clock_of(k.c, on, clock::Settings{});
    if (!r || !r->due) {
      throw std::runtime_error("demo application #" + std::to_string(k.index) + ": no deadline (" +
                               (r ? std::string("none yet") : r.error().message) + ")");
    }
    return *r->due;
  }

  // Two groups of four characters from the alphabet of the service's codes (no 0/O, 1/I/L).
  std::string two_groups() {
    static constexpr std::string_view kAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    std::string s;
    for (int i = 0; i < 9; ++i) {
      s += i == 4 ? '-' : kAlphabet[static_cast<size_t>(codes_.between(0, static_cast<int>(kAlphabet.size()) - 1))];
    }
    return s;
  }
  // A tracking code as the service makes them, with the year of submission.
  std::string tracking_code(Date submitted) {
    for (;;) {
      std::string code = std::to_string(static_cast<int>(submitted.year())) + "-" + two_groups();
      if (used_codes_.insert(code).second) return code;
    }
  }

 public:
  // The sample case's query password.
  std::string sample_password() { return two_groups(); }

 private:
  db::Db& db_;
  const std::vector<DemoDesk>& desks_;
  Dice& dice_;
  Dice codes_{20240101};  // tracking codes and the sample password, apart from the case data
  std::set<std::string> used_codes_;
  std::shared_ptr<const calendar::Calendar> cal_;
  Date limit_;
  // Demo-only speed-ups (applications::BulkOptions): one argon2id hash for every case's query
  // password (each is replaced or never shown), and PDF letters only for recent cases and the
  // sample, whose pages a tester opens; older history keeps its events and numbers without files.
  std::string password_hash_ = accounts::hash_password(two_groups());
  applications::BulkOptions bulk(const Live& k) const { return {&password_hash_, k.letters}; }
};

Player::Played Player::play(const Plan& p, int index) {
  const DemoDesk& d = desk(p.desk);
  applications::Submission s;
  s.applicant = p.applicant;
  s.request.agency_id = d.agency_id;
  s.request.description = p.description;
  s.request.purpose = p.purpose;
  s.request.form = p.form;
  s.request.delivery = p.delivery;
  s.request.fee_waiver = p.fee_waiver;
  if (p.id_proof) {
    static const std::string kProof = demo_files::make_pdf(
        "申请人身份证明（演示文件）", {"居民身份证复印件", "本文件为演示数据，不含真实个人信息。"});
    s.uploads.push_back({"身份证明.pdf", kProof});
  }
  Live k;
  k.index = index;
  k.letters = p.sample || p.received >= ymd("2026-09-01");
  k.what = d.key + " " + head(p.description, 24);
  if (p.arrived > limit_) return {};
  applications::Receipt receipt;
  if (p.channel == "online") {
    auto r = applications::submit_online(db_, {std::nullopt, "申请人（互联网）", ""}, s, bulk(k));
    if (!r)
      throw std::runtime_error("demo application #" + std::to_string(index) + " (" + k.what +
                               "): " + describe(r.error()));
    receipt = *r;
  } else {
    s.channel = p.channel;
    s.received_date = format_date(p.received);
    auto r = applications::register_by_staff(db_, d.clerk, actor_of(d.clerk), s, bulk(k));
    if (!r)
      throw std::runtime_error("demo application #" + std::to_string(index) + " (" + k.what +
                               "): " + describe(r.error()));
    receipt = *r;
  }
  k.id = receipt.id;
  // Demo-only back-dating: the record is created today, the case happened on its own dates.
  receipt.code = tracking_code(p.arrived);
  db_.exec("UPDATE applications SET code = ?, submitted_at = ? WHERE id = ?",
           {receipt.code, format_date(p.arrived) + "T01:30:00Z", k.id});
  db_.exec("UPDATE application_events SET date = ? WHERE application_id = ? AND kind = 'submitted'",
           {format_date(p.arrived), k.id});
  k.c = *applications::load(db_, k.id);
  k.cur = p.channel == "online" ? p.arrived : p.received;

  const Principal& clerk = d.clerk;
  const Principal& chief = d.reviewer;      // 政府信息公开工作机构负责人: extensions, Art. 35, fee waivers
  std::map<std::string, std::string> when;  // dates the reply text refers to
  auto withdraw = [&](Date on) {
    ActionInput in;
    in.comment = p.withdraw_reason.empty() ? kWithdrawReasons.front() : p.withdraw_reason;
    step(k, clerk, "withdraw", on, in);
  };
  try {
    if (p.stop_at == "submitted") throw Stop{};
    if (p.channel == "online") step(k, clerk, "confirm", p.received);
    when["received"] = format_date_cn(format_date(p.received));
    if (p.stop_at == "registered") throw Stop{};
    if (p.withdraw_at == "registered") {
      withdraw(after(k.cur, dice_.between(1, 3)));
      throw Stop{};
    }
    if (p.correction != Correction::kNone) {
      ActionInput in;
      in.workdays = p.correction_period;
      in.text = p.correction_text.empty() ? kCorrectionTexts.front() : p.correction_text;
      const Date asked = after(k.cur, dice_.between(1, 4));
      step(k, clerk, "request_correction", asked, in);
      when["corr"] = format_date_cn(format_date(asked));
      if (p.correction == Correction::kOpen) throw Stop{};
      if (p.correction == Correction::kWithdrawn) {
        withdraw(after(asked, dice_.between(2, 5)));
        throw Stop{};
      }
      if (p.correction == Correction::kLapsed) {
        step(k, clerk, "lapse_correction", after(after(asked, p.correction_period), dice_.between(1, 3)));
        throw Stop{};
      }
      step(k, clerk, "receive_correction", after(asked, dice_.between(2, std::min(8, p.correction_period - 1))));
    } else {
      step(k, clerk, "accept", work(k.cur, dice_.between(0, 1)));
    }
    if (p.withdraw_at == "accepted") {
      withdraw(after(k.cur, dice_.between(1, 4)));
      throw Stop{};
    }
    if (p.delay_until) {
      ActionInput in;
      in.until = format_date(*p.delay_until);
      in.comment =
          "申请人申请公开的政府信息数量明显超过合理范围，经要求说明理由，理由合理，确定延迟答复的合理期限并告知申请人（"
          "条例第三十五条）";
      step(k, chief, "delay", after(k.cur, dice_.between(1, 2)), in);
    }
    if (p.stop_at == "accepted") throw Stop{};
    if (p.assign) {
      ActionInput in;
      const Date on = work(k.cur, dice_.between(0, 1));
      if (!p.handler.empty()) {
        in.handling_agency_id = desk(p.handler).agency_id;
      } else {
        in.assignee_id = clerk.user.id;
      }
      in.assign_due = format_date(after(on, 10));
      step(k, clerk, "assign", on, in);
    }
    if (p.stop_at == "assigned") throw Stop{};
    if (p.withdraw_at == "assigned") {
      withdraw(after(k.cur, dice_.between(1, 4)));
      throw Stop{};
    }
    for (size_t i = 0; i < p.consultations.size(); ++i) {
      const Consultation& q = p.consultations[i];
      ActionInput in;
      in.kind = q.kind;
      in.party = q.party;
      const Date sent = after(k.cur, dice_.between(1, 3));
      step(k, clerk, "consult", sent, in);
      if (p.stop_at == "consulting" && i + 1 == p.consultations.size()) throw Stop{};
      if (p.withdraw_at == "consulting") {
        withdraw(after(sent, dice_.between(2, 5)));
        throw Stop{};
      }
      if (q.answer_after > 0) {
        ActionInput ans;
        ans.opinion = q.opinion;
        step(k, clerk, "consult_answered", after(sent, q.answer_after), ans);
      } else {
        k.cur = after(sent, clock::kConsultationWorkdays + 1);  // waited the 15 days out
      }
    }
    std::optional<Date> not_before = p.not_before;
    if (p.extend > 0) {
      const Date d0 = due(k, k.cur);
      ActionInput in;
      in.workdays = p.extend;
      in.comment = p.extend_reason.empty() ? kExtendReasons.front() : p.extend_reason;
      // Decided shortly before the deadline, and the reply comes after it; a case still open on
      // the demo day had its extension decided as soon as the consultation was answered.
      const bool open_case = !p.stop_at.empty();
      const Date on = open_case ? after(k.cur, 1) : std::max(k.cur, before(d0, dice_.between(1, 3)));
      step(k, chief, "extend", on, in);
      if (!open_case) {
        const Date past = after(d0, dice_.between(1, std::max(1, p.extend / 2)));
        not_before = not_before ? std::max(*not_before, past) : past;
      }
    }
    if (p.fee != Fee::kNone) {
      ActionInput in;
      in.fee_method = p.fee_method;
      (p.fee_method == "by_piece" ? in.pieces : in.pages) = std::to_string(p.fee_units);
      in.amount = std::to_string(p.fee_amount);
      const Date noticed = after(k.cur, dice_.between(1, 2));
      step(k, clerk, "fee_notice", noticed, in);
      if (p.fee == Fee::kOpen) throw Stop{};
      if (p.fee == Fee::kLapsed) {
        step(k, clerk, "lapse_fee", after(after(noticed, clock::kFeePaymentWorkdays), dice_.between(1, 2)));
        throw Stop{};
      }
      if (p.fee == Fee::kWaived) {
        ActionInput w;
        w.comment = "申请人为非营利性社会公益组织，申请减免信息处理费，理由正当，经负责人同意免收";
        step(k, chief, "fee_waived", after(noticed, dice_.between(1, 3)), w);
      } else {
        step(k, clerk, "fee_paid", after(noticed, dice_.between(3, 12)));
      }
    }

    // The reply: draft, review, signature and delivery, in time unless the plan says otherwise.
    const Date deadline = due(k, k.cur);
    const int span = (p.return_once ? 2 : 0) + dice_.between(1, 3);
    Date drafted = after(k.cur, dice_.between(1, 3));
    if (not_before) drafted = std::max(drafted, before(*not_before, span));
    if (!p.late && after(drafted, span) > deadline) drafted = std::max(k.cur, before(deadline, span));
    if (p.late) drafted = std::max(drafted, deadline);
    ActionInput reply = p.reply;
    reply.reasons = fill(reply.reasons, when);
    reply.reply_text = fill(reply.reply_text, when);
    step(k, clerk, "draft_reply", drafted, reply);
    if (p.stop_at == "drafted") throw Stop{};
    if (p.withdraw_at == "drafted") {
      withdraw(after(k.cur, dice_.between(1, 2)));
      throw Stop{};
    }
    step(k, clerk, "submit_review", work(k.cur, dice_.between(0, 1)));
    if (p.return_once) {
      ActionInput back;
      back.comment = dice_.pick(kReturnReasons);
      step(k, chief, "return", after(k.cur, 1), back);
      step(k, clerk, "draft_reply", k.cur, reply);
      step(k, clerk, "submit_review", after(k.cur, 1));
    }
    if (p.stop_at == "reviewing") throw Stop{};
    step(k, d.reviewer, "approve", work(k.cur, dice_.between(0, 1)));
    if (p.stop_at == "signing") throw Stop{};
    step(k, d.signer, "sign", work(k.cur, dice_.between(0, 1)));
    if (p.stop_at == "delivering") throw Stop{};
    Date delivered = work(k.cur, dice_.between(0, 1));
    if (not_before) delivered = std::max(delivered, *not_before);
    if (p.late) delivered = std::max(delivered, after(deadline, dice_.between(1, 3)));
    ActionInput out;
    out.delivery = p.deliver_way;
    step(k, clerk, "deliver", delivered, out);
  } catch (const Stop&) {
  }
  // Demo-only back-dating of the record times to the days the steps happened.
  db_.exec("UPDATE application_events SET created_at = date || 'T02:00:00Z' WHERE application_id = ?", {k.id});
  db_.exec("UPDATE application_files SET created_at = ? WHERE application_id = ?",
           {format_date(p.arrived) + "T01:30:00Z", k.id});
  return {k.id, receipt.code, applications::is_closed(k.c.stage), std::string(applications::stage_code(k.c.stage))};
}

// ---- The dataset ---------------------------------------------------------------------------------

class Dataset {
 public:
  Dataset(db::Db& db, Dice& dice, const Player& player) : db_(db), dice_(dice), people_(dice), player_(player) {}

  std::vector<Plan> build();

 private:
  // Applicant, channel, form and delivery drawn with the dataset's proportions.
  void draw_applicant(Plan& p, std::string_view category = "") {
    std::string cat(category);
    if (cat.empty()) {
      const int x = dice_.between(1, 100);
      cat = x <= 66   ? "person"
            : x <= 82 ? "commercial"
            : x <= 86 ? "research"
            : x <= 90 ? "public_welfare"
            : x <= 96 ? "legal_service"
                      : "other_org";
    }
    const int f = dice_.between(1, 100);
    p.form = f <= 55 ? "paper" : "electronic";
    p.delivery = p.form == "paper" ? (dice_.chance(45) ? "pickup" : "post") : (dice_.chance(60) ? "email" : "online");
    p.applicant = cat == "person" ? people_.person(p.delivery == "email") : people_.organization(cat);
    if (p.delivery == "email" && p.applicant.email.empty()) p.delivery = "online";
  }
  void draw_channel(Plan& p) {
    const int x = dice_.between(1, 100);
    p.channel = x <= 44   ? "online"
                : x <= 64 ? "in_person"
                : x <= 76 ? "post_signed"
                : x <= 81 ? "post_unsigned"
                : x <= 85 ? "fax"
                          : "email";
  }
  // Arrival and receipt dates by channel (Art. 31) from a day the application was sent.
  void set_dates(Plan& p, Date day) {
    if (p.channel == "in_person" || p.channel == "post_signed" || p.channel == "fax") {
      p.arrived = player_.on_or_after_workday(day);
      p.received = p.arrived;
    } else if (p.channel == "post_unsigned") {
      p.arrived = player_.on_or_after_workday(day);
      p.received = player_.after(p.arrived, dice_.between(1, 3));  // confirmed with the applicant
    } else if (p.channel == "email") {
      p.arrived = day;  // the mail system receives it any day
      p.received = day;
    } else {
      p.arrived = day;
      p.received = player_.workday(day) && dice_.chance(60) ? day : player_.after(day, 1);
    }
  }
  std::string deliver_way(const Plan& p) {
    if (p.delivery == "post") return "post";
    if (p.delivery == "email") return "email";
    if (p.delivery == "online") return "online";
    return dice_.chance(80) ? "direct" : "entrusted";
  }
  std::map<std::string, std::string> vars_for(const Ask& a, Date on) {
    std::map<std::string, std::string> v;
    const std::string desk = a.desk;
    const Town& town = desk == "baisha" ? kTowns[1] : desk == "qingshi" ? kTowns[0] : dice_.pick(kTowns);
    v["t"] = desk == "chengguan" ? "城关街道" : town.name;
    v["v"] = dice_.pick(town.villages);
    v["s"] = dice_.pick(kCommunities);
    v["r"] = dice_.pick(kProjects);
    const int y = static_cast<int>(on.year()) - dice_.between(0, 1);
    v["y"] = std::to_string(y);
    v["y1"] = std::to_string(y + 1);
    v["c"] = dice_.pick(kThirdParties);
    v["k"] = std::to_string(dice_.between(2, 28));
    v["n"] = people_.name().han;
    return v;
  }
  // A catalog item of the agency published before `on` (for 已主动公开 and 依申请公开 items).
  struct Item {
    int64_t id = 0;
    std::string title, doc_no, index_no, publish_date;
  };
  std::optional<Item> catalog_item(int64_t agency_id, Date on, std::string_view disclosure) {
    auto rows = db_.query(
        "SELECT id, title, doc_no, COALESCE(index_no, ''), publish_date FROM items WHERE agency_id = ? AND state = "
        "'published' "
        "AND disclosure = ? AND publish_date < ? ORDER BY publish_date DESC, id LIMIT 12",
        {agency_id, std::string(disclosure), format_date(on)});
    if (rows.empty()) return std::nullopt;
    const auto& r = rows[static_cast<size_t>(dice_.between(0, static_cast<int>(rows.size()) - 1))];
    return Item{r.i(0), r.s(1), r.s(2), r.s(3), r.s(4)};
  }

  // Fills request and reply of `p` from an ask suited to `outcome`.
  void fill_request(Plan& p, std::string_view outcome);
  Plan closed_case(std::string_view outcome, Date day);

  db::Db& db_;
  Dice& dice_;
  People people_;
  const Player& player_;
};

void Dataset::fill_request(Plan& p, std::string_view outcome) {
  std::vector<const Ask*> fits;
  for (const auto& a : kAsks) {
    if (std::find(a.fits.begin(), a.fits.end(), outcome) != a.fits.end()) fits.push_back(&a);
  }
  if (fits.empty()) throw std::runtime_error("demo applications: no request fits " + std::string(outcome));
  const Ask& a = *dice_.pick(fits);
  p.desk = a.desk;
  p.handler = a.handler;
  auto v = vars_for(a, p.received);
  p.description = fill(a.text, v);
  p.purpose = fill(a.purpose, v);
  // A request about the applicant's own affairs (本人, 我家) comes from a natural person.
  const std::string own = p.description + p.purpose;
  if (!p.applicant.is_person() && (own.find("本人") != std::string::npos || own.find("我家") != std::string::npos)) {
    draw_applicant(p, "person");
  }
  std::string where =
      "您可登录云溪县人民政府门户网站“政府信息公开”专栏查阅，也可到县政务服务中心政府信息公开查阅点查阅。";
  const int64_t agency_id = player_.desk(p.desk).agency_id;
  if (outcome == "already_public" && dice_.chance(70)) {
    if (auto item = catalog_item(agency_id, p.received, "proactive")) {
      p.description = quoted(item->title) + (item->doc_no.empty() ? "" : "（" + item->doc_no + "）") + "全文";
      where = "该信息已于" + format_date_cn(item->publish_date) + "在云溪县政务公开平台主动公开（索引号：" +
              item->index_no + "），网址：/items/" + std::to_string(item->id) + "。";
    }
  } else if (outcome == "disclosed" && dice_.chance(40)) {
    if (auto item = catalog_item(agency_id, p.received, "on_request")) {
      p.description = quoted(item->title) + (item->doc_no.empty() ? "" : "（" + item->doc_no + "）");
    }
  }
  const applications::Outcome* o = applications::find_outcome(outcome);
  const bool refusal =
      o->group != applications::OutcomeGroup::kDisclosed && o->group != applications::OutcomeGroup::kPartial;
  std::string reasons = refusal && *a.note ? fill(a.note, v) : generic_reasons(outcome);
  const std::string withheld =
      o->group == applications::OutcomeGroup::kPartial
          ? (*a.withheld ? fill(a.withheld, v)
                         : std::string("涉及第三方个人信息的内容（身份证号码、联系电话、银行账号）属于个人隐私，依据《"
                                       "条例》第十五条不予公开，已作遮盖处理"))
          : "";
  if (o->group == applications::OutcomeGroup::kPartial) reasons = generic_reasons("partial");
  p.reply.outcome = std::string(outcome);
  p.reply.reasons = reasons;
  p.reply.withheld = withheld;
  if (outcome == "not_processed_confirmation") p.reply.basis = "《中华人民共和国政府信息公开条例》第二条、第三十九条";
  p.reply.reply_text = reply_text(p, outcome, reasons, withheld, dice_.between(2, 48), where);
  // Whom the agency consults before it decides.
  const std::string party = fill(a.party, v);
  if ((outcome == "partial" || outcome == "withheld_third_party") && !party.empty() && dice_.chance(80)) {
    p.consultations.push_back(
        {"third_party", party, dice_.between(4, 12), "不同意公开涉及本方商业秘密或个人隐私的内容"});
  } else if ((outcome == "withheld_state_secret" || outcome == "withheld_three_safety") && !party.empty()) {
    p.consultations.push_back({"other_agency", party, dice_.between(3, 10), "经审查，该信息不宜公开"});
  } else if (outcome == "disclosed" && dice_.chance(8)) {
    p.consultations.push_back({"other_agency", dice_.chance(50) ? "县住房和城乡建设局" : "县审计局",
                               dice_.chance(75) ? dice_.between(3, 12) : 0, "无不同意见，同意公开"});
  }
  if (outcome == "unavailable_unclear") {
    p.correction = Correction::kReceived;
    p.correction_text = kCorrectionTexts[0];
  }
}

Plan Dataset::closed_case(std::string_view outcome, Date day) {
  Plan p;
  draw_channel(p);
  set_dates(p, day);
  draw_applicant(p);
  fill_request(p, outcome);
  p.deliver_way = deliver_way(p);
  p.assign = dice_.chance(p.desk == "county" ? 75 : 45);
  if (p.correction == Correction::kNone && dice_.chance(6)) {
    p.correction = Correction::kReceived;
    p.correction_text = dice_.pick(kCorrectionTexts);
  }
  if (p.correction != Correction::kNone) p.correction_period = dice_.chance(50) ? 10 : 15;
  if (!p.consultations.empty() && dice_.chance(45)) {
    p.extend = dice_.between(5, 20);
    p.extend_reason = kExtendReasons[0];
  } else if (dice_.chance(4)) {
    p.extend = dice_.between(5, 15);
    p.extend_reason = dice_.pick(kExtendReasons);
  }
  p.return_once = dice_.chance(5);
  p.id_proof = p.channel == "in_person" && p.applicant.is_person() && dice_.chance(30);
  return p;
}

std::vector<Plan> Dataset::build() {
  std::vector<Plan> plans;

  // 1. An applicant who files eleven applications in April 2025, all about his village's land
  //    (重复申请, Art. 35 in both its forms, and the 11th piece of the month charged 按件).
  {
    People::Name qian{"钱卫东", "qianweidong", true};
    Applicant who = people_.person(true, &qian);
    who.id_type = "resident_id";
    who.id_number = resident_id("539921", ymd("1968-05-12"), 137);
    who.address = "云溪县青石镇石桥村3组27号";
    struct Heavy {
      const char* date;
      const char* desk;
      const char* text;
      const char* outcome;
    };
    const std::vector<Heavy> heavy = {
        {"2025-04-01", "natres", "青石镇石桥村集体土地征收的“一书四方案”及征收土地公告", "disclosed"},
        {"2025-04-02", "natres", "云溪县国土空间总体规划（2021—2035年）中石桥村的用地规划图", "already_public"},
        {"2025-04-03", "county", "云溪县人民政府关于青石镇石桥村集体土地征收的批复文件", "disclosed"},
        {"2025-04-07", "qingshi", "青石镇石桥村集体土地征收补偿款发放明细（含各户补偿金额）", "partial"},
        {"2025-04-08", "natres", "青石镇石桥村第二轮土地承包台账（1998年）", "unavailable_not_held"},
        {"2025-04-09", "finance", "青石镇石桥村征地补偿资金的拨付凭证", "disclosed"},
        {"2025-04-14", "natres", "1995年以来涉及青石镇石桥村土地的全部审批文件、勘测资料和补偿台账", "disclosed"},
        {"2025-04-21", "natres", "青石镇石桥村集体土地征收的“一书四方案”及征收土地公告", "not_processed_repeat"},
        {"2025-04-22", "county", "云溪县人民政府关于青石镇石桥村集体土地征收的批复文件", "not_processed_repeat"},
        {"2025-04-24", "county", "近十年全县所有征地项目的审批文件、补偿台账及资金拨付凭证", "not_processed_excessive"},
        {"2025-04-28", "natres", "青石镇石桥村征地勘测定界技术报告及界址点成果表", "disclosed"},
    };
    for (size_t i = 0; i < heavy.size(); ++i) {
      const Heavy& h = heavy[i];
      Plan p;
      p.channel = "online";
      p.applicant = who;
      p.arrived = ymd(h.date);
      p.received = p.arrived;
      p.desk = h.desk;
      p.description = h.text;
      p.purpose = "维护本人及本村村民的合法权益";
      p.form = "electronic";
      p.delivery = "email";
      p.deliver_way = "email";
      p.assign = true;
      if (p.desk == "county") p.handler = "natres";
      const std::string outcome = h.outcome;
      std::string reasons = generic_reasons(outcome);
      std::string withheld;
      if (outcome == "partial") {
        withheld = "其他被征收户的身份证号码、银行账号及家庭成员信息属于个人隐私，依据《条例》第十五条不予公开";
        p.consultations.push_back(
            {"third_party", "石桥村被征收户段开福等12户", 9, "不同意公开本户身份证号码和银行账号"});
      }
      if (outcome == "unavailable_not_held") {
        reasons =
            "经检索，本机关未制作、保存该村第二轮土地承包台账。农村土地承包合同由青石镇人民政府农业农村综合服务中心保管"
            "，建议您向青石镇人民政府申请。";
      }
      if (outcome == "not_processed_repeat") {
        reasons = "您于2025年4月" + std::string(i == 7 ? "1" : "3") +
                  "日已就相同内容向本机关提出申请，本机关已依法作出答复。您本次申请的内容与前次相同，依据《条例》第三十"
                  "六条第（六）项，本机关不予重复处理。";
      }
      if (outcome == "not_processed_excessive") {
        reasons =
            "您在2025年4月向本县各机关提出政府信息公开申请10件，本次申请又要求提供近十年全县所有征地项目的全部材料，数"
            "量明显超过合理范围。本机关依据《条例》第三十五条要求您说明理由，您未能说明理由的合理性，本机关不予处理。";
      }
      if (i == 6) {  // Art. 35: the reasons are accepted, a later reply date is set
        p.delay_until = ymd("2025-06-30");
        p.not_before = ymd("2025-06-24");
      }
      if (i == 10) {
        p.fee = Fee::kPaid;  // the 11th piece of the month (按件): 100元
        p.fee_amount = applications::quote_by_piece(10, 1)->amount_yuan;
        p.fee_method = "by_piece";
        p.fee_units = 1;
      }
      p.reply.outcome = outcome;
      p.reply.reasons = outcome == "disclosed" || outcome == "already_public" ? "" : reasons;
      p.reply.withheld = withheld;
      p.reply.reply_text = reply_text(p, outcome, reasons, withheld, i == 6 ? 186 : dice_.between(4, 30),
                                      "您可登录云溪县政务公开平台“征地信息”栏目查阅。");
      plans.push_back(std::move(p));
    }
  }

  // 2. Closed cases from January 2024 to September 2026: every outcome, most of them common ones.
  const std::vector<std::pair<std::string_view, int>> deck_counts = {
      {"already_public", 18},
      {"disclosed", 52},
      {"partial", 13},
      {"withheld_state_secret", 2},
      {"withheld_law_prohibits", 3},
      {"withheld_three_safety", 2},
      {"withheld_third_party", 4},
      {"withheld_internal", 3},
      {"withheld_process", 5},
      {"withheld_enforcement", 3},
      {"withheld_query", 5},
      {"unavailable_not_held", 21},
      {"unavailable_needs_making", 5},
      {"unavailable_unclear", 3},
      {"not_processed_petition", 6},
      {"not_processed_publication", 2},
      {"not_processed_excessive", 1},
      {"not_processed_confirmation", 2},
      {"other", 3},
      // Cases closed without a staff reply: 视为放弃 (补正, fee) and withdrawals.
      {"#lapse_correction", 4},
      {"#lapse_fee", 2},
      {"#withdraw", 8},
  };
  std::vector<std::string> deck;
  for (const auto& [code, n] : deck_counts) {
    for (int i = 0; i < n; ++i) deck.emplace_back(code);
  }
  std::shuffle(deck.begin(), deck.end(), dice_.rng());
  const sys_days first{ymd("2024-01-02")};
  const sys_days last{ymd("2026-09-10")};
  const int span = static_cast<int>((last - first).count());
  const std::vector<std::string> withdraw_stages = {"registered", "correction", "accepted", "accepted",
                                                    "assigned",   "consulting", "drafted",  "registered"};
  int withdrawals = 0, lapsed_fees = 0;
  for (size_t i = 0; i < deck.size(); ++i) {
    const Date day{first + days{static_cast<int>(i) * span / static_cast<int>(deck.size()) + dice_.between(0, 4)}};
    const std::string& code = deck[i];
    if (code[0] != '#') {
      plans.push_back(closed_case(code, day));
      continue;
    }
    // Closed without a reply: the request is an ordinary one (as if it had been answered).
    Plan p = closed_case(dice_.chance(60) ? "disclosed" : "unavailable_not_held", day);
    p.extend = 0;
    p.return_once = false;
    if (code == "#lapse_correction") {
      p.correction = Correction::kLapsed;
      p.correction_text = dice_.pick(kCorrectionTexts);
      p.consultations.clear();
    } else if (code == "#lapse_fee") {
      // A company asks for a large volume; the fee (按量) is not paid in time.
      draw_applicant(p, "commercial");
      p.consultations.clear();
      p.correction = Correction::kNone;
      p.fee = Fee::kLapsed;
      const int pages = lapsed_fees++ == 0 ? 95 : 240;
      by_pages(p, pages);
      p.desk = "finance";
      p.handler.clear();
      p.description = "云溪县" + std::to_string(static_cast<int>(day.year()) - 1) +
                      "年全部政府采购项目的采购文件、投标文件、评标报告及合同（约" + std::to_string(pages) + "页）";
    } else {
      p.withdraw_at = withdraw_stages[static_cast<size_t>(withdrawals) % withdraw_stages.size()];
      p.withdraw_reason = kWithdrawReasons[static_cast<size_t>(withdrawals) % kWithdrawReasons.size()];
      ++withdrawals;
      if (p.withdraw_at == "correction") {
        p.correction = Correction::kWithdrawn;
        p.withdraw_reason = "申请人在补正期间书面申请撤回";
      } else if (p.correction == Correction::kWithdrawn) {
        p.correction = Correction::kNone;
      }
      if (p.withdraw_at == "consulting" && p.consultations.empty()) {
        p.consultations.push_back({"third_party", kThirdParties[static_cast<size_t>(i) % kThirdParties.size()], 0, ""});
      }
      if (p.withdraw_at == "assigned") p.assign = true;
    }
    plans.push_back(std::move(p));
  }

  // Fees paid and waived (按量), on ordinary disclosures by a research institution and a charity.
  {
    Plan p = closed_case("disclosed", ymd("2025-06-16"));
    draw_applicant(p, "research");
    p.channel = "online";
    set_dates(p, ymd("2025-06-16"));
    p.fee = Fee::kPaid;
    by_pages(p, 160);
    p.consultations.clear();
    p.desk = "finance";
    p.handler.clear();
    p.description = "云溪县2022年至2024年县级部门预算和决算公开表（纸质，约160页）";
    p.purpose = "县级财政透明度研究";
    p.reply.reply_text = reply_text(p, "disclosed", "", "", 160, "");
    plans.push_back(std::move(p));
    Plan w = closed_case("disclosed", ymd("2024-09-09"));
    draw_applicant(w, "public_welfare");
    w.fee_waiver = true;
    w.fee = Fee::kWaived;
    by_pages(w, 120);
    w.consultations.clear();
    w.desk = "county";
    w.handler = "natres";
    w.description = "云溪县白沙河流域2021年以来采砂许可及生态修复方案（约120页）";
    w.purpose = "开展河流生态保护公益监督";
    w.reply.reply_text = reply_text(w, "disclosed", "", "", 120, "");
    plans.push_back(std::move(w));
  }

  // More fees for section 六 of every demo year: paid (2024, 2026), waived (2026) and, above, one
  // lapsed to 视为放弃 (2024 and 2025 by the deck's dates).
  {
    struct Extra {
      const char* day;
      const char* category;
      const char* desk;
      Fee fee;
      int pages;
      const char* description;
      const char* purpose;
    };
    const std::vector<Extra> extra = {
        {"2024-03-11", "commercial", "market", Fee::kPaid, 80,
         "2021年至2023年云溪县食品生产许可的核发、变更和注销决定书（约80页）", "行业准入情况调查"},
        {"2025-11-10", "legal_service", "hrss", Fee::kPaid, 130,
         "云溪县2024年工伤认定决定书汇编（隐去个人信息，约130页）", "代理案件参考"},
        {"2026-03-09", "other_org", "drc", Fee::kPaid, 45,
         "云溪县2025年固定资产投资项目审批、核准和备案清单（约45页）", "行业协会会员服务"},
        {"2026-05-18", "person", "chengguan", Fee::kWaived, 70,
         "城关街道2020年以来老旧小区改造项目的实施方案和验收材料（约70页）", "了解所住小区改造情况"},
    };
    for (const Extra& e : extra) {
      Plan p = closed_case("disclosed", ymd(e.day));
      draw_applicant(p, e.category);
      p.channel = "in_person";
      set_dates(p, ymd(e.day));
      p.fee = e.fee;
      p.fee_waiver = e.fee == Fee::kWaived;
      by_pages(p, e.pages);
      p.consultations.clear();
      p.correction = Correction::kNone;
      p.extend = 0;
      p.desk = e.desk;
      p.handler.clear();
      p.description = e.description;
      p.purpose = e.purpose;
      p.reply.reply_text = reply_text(p, "disclosed", "", "", e.pages, "");
      plans.push_back(std::move(p));
    }
  }

  // Replies after the deadline: two ordinary cases that ran late.
  int late = 0;
  for (auto& p : plans) {
    if (late < 2 && p.reply.outcome == "disclosed" && p.fee == Fee::kNone && p.extend == 0 && p.consultations.empty() &&
        p.withdraw_at.empty() && p.correction == Correction::kNone && p.arrived > ymd("2024-06-01")) {
      p.late = true;
      ++late;
    }
  }

  // Year ends: cases received in late December and answered in January (结转下年度).
  const std::vector<std::pair<const char*, const char*>> year_end = {
      {"2024-12-16", "2025-01-08"}, {"2024-12-19", "2025-01-10"}, {"2024-12-24", "2025-01-14"},
      {"2024-12-27", "2025-01-17"}, {"2025-12-15", "2026-01-07"}, {"2025-12-18", "2026-01-09"},
      {"2025-12-22", "2026-01-13"}, {"2025-12-26", "2026-01-16"},
  };
  size_t ye = 0;
  for (auto& p : plans) {
    if (ye == year_end.size()) break;
    if (p.withdraw_at.empty() && p.fee == Fee::kNone && p.correction == Correction::kNone && !p.late &&
        !p.delay_until && p.arrived > ymd("2024-02-01") && p.applicant.name != "钱卫东" && !p.reply.outcome.empty()) {
      set_dates(p, ymd(year_end[ye].first));
      p.not_before = ymd(year_end[ye].second);
      p.extend = 0;
      p.consultations.clear();
      p.return_once = false;
      ++ye;
    }
  }

  // 3. Cases still open on 2026-11-22, one or more in every stage, some 临期 and 超期.
  const Date today = ymd(kDemoApplicationsToday);
  const Date friday = player_.before(today, 1);  // the last working day before the demo day
  auto add_open = [&](std::string_view stage, std::string_view outcome, Date received, std::string channel) {
    Plan p = closed_case(outcome, received);
    p.channel = std::move(channel);
    set_dates(p, received);
    if (p.channel == "online") p.received = p.arrived = player_.on_or_after_workday(received);
    p.stop_at = std::string(stage);
    p.extend = 0;
    p.return_once = false;
    p.late = false;
    p.fee = Fee::kNone;
    if (stage != "consulting") p.consultations.clear();
    if (p.correction == Correction::kReceived && p.reply.outcome != "unavailable_unclear")
      p.correction = Correction::kNone;
    return p;
  };
  {
    Plan a = add_open("submitted", "disclosed", ymd("2026-11-21"), "online");
    a.arrived = ymd("2026-11-21");
    plans.push_back(std::move(a));
    Plan b = add_open("submitted", "partial", ymd("2026-11-22"), "online");
    b.arrived = ymd("2026-11-22");
    plans.push_back(std::move(b));
    plans.push_back(add_open("registered", "disclosed", friday, "in_person"));
    plans.push_back(add_open("registered", "already_public", player_.before(friday, 1), "post_signed"));
    Plan c = add_open("correction", "disclosed", player_.before(friday, 4), "online");
    c.correction = Correction::kOpen;
    c.correction_period = 15;
    c.correction_text = kCorrectionTexts[2];
    plans.push_back(std::move(c));
    Plan c2 = add_open("correction", "unavailable_not_held", player_.before(friday, 6), "email");
    c2.correction = Correction::kOpen;
    c2.correction_period = 10;
    c2.correction_text = kCorrectionTexts[1];
    plans.push_back(std::move(c2));
    plans.push_back(add_open("accepted", "disclosed", player_.before(friday, 5), "post_unsigned"));
    Plan dl = add_open("accepted", "disclosed", player_.before(friday, 9), "in_person");
    dl.delay_until = ymd("2026-12-30");
    dl.description = "2016年以来城关街道历年房屋征收项目的征收决定、补偿方案和评估报告（共11个项目）";
    dl.desk = "chengguan";
    dl.handler.clear();
    plans.push_back(std::move(dl));
    Plan o1 = add_open("assigned", "disclosed", player_.before(friday, 24), "in_person");  // 超期
    o1.assign = true;
    plans.push_back(std::move(o1));
    Plan o2 = add_open("assigned", "partial", player_.before(friday, 17), "online");  // 临期
    o2.assign = true;
    plans.push_back(std::move(o2));
    Plan q1 = add_open("consulting", "partial", player_.before(friday, 9), "post_signed");
    q1.consultations = {{"third_party", "云溪县宏达建筑安装有限公司", 0, ""}};
    plans.push_back(std::move(q1));
    Plan q2 = add_open("consulting", "disclosed", player_.before(friday, 7), "online");
    q2.consultations = {{"other_agency", "市生态环境局云溪分局", 0, ""}};
    plans.push_back(std::move(q2));
    Plan f = add_open("awaiting_fee", "disclosed", player_.before(friday, 19), "online");
    draw_applicant(f, "research");
    f.fee = Fee::kOpen;
    by_pages(f, 210);
    f.desk = "natres";
    f.handler.clear();
    f.description = "云溪县2019年以来全部集体土地征收项目的征收土地公告及补偿安置方案（约210页）";
    f.purpose = "征地补偿标准实证研究";
    plans.push_back(std::move(f));
    plans.push_back(add_open("drafted", "not_processed_petition", player_.before(friday, 18), "fax"));  // 临期
    Plan s = add_open("reviewing", "partial", ymd("2026-10-13"), "online");  // the sample case
    s.sample = true;
    s.correction = Correction::kReceived;
    s.correction_period = 10;
    s.correction_text = kCorrectionTexts[2];
    s.assign = true;
    s.consultations = {{"third_party", "云溪县龙潭石材有限公司", 6, "不同意公开本公司的开采技术方案"}};
    s.extend = 10;
    s.extend_reason = kExtendReasons[0];
    plans.push_back(std::move(s));
    plans.push_back(add_open("signing", "already_public", player_.before(friday, 23), "email"));  // 超期
    plans.push_back(add_open("delivering", "disclosed", player_.before(friday, 12), "in_person"));
  }

  std::stable_sort(plans.begin(), plans.end(), [](const Plan& a, const Plan& b) { return a.arrived < b.arrived; });
  return plans;
}

// The 行政复议 / 行政诉讼 register (表四): a few cases about demo replies the applicants disputed,
// over 2024–2026, every kind and every result, and one about an agency with no application behind
// it. Each is linked to the earliest unused closed case of its agency (or any agency) with a
// refusal-type outcome closed in its year; filed 15–50 days after the reply, decided 40–100 days
// later. A decision that would fall after `limit` (the machine's date) is left 尚未审结.
int seed_reviews(db::Db& db, const std::vector<DemoDesk>& desks, Date limit) {
  struct Seed {
    int year;
    const char* kind;
    const char* result;
    const char* summary;
  };
  const std::vector<Seed> seeds = {
      {2024, "review", "upheld", "申请人认为不予公开理由不成立，复议机关维持原答复"},
      {2024, "suit_direct", "corrected", "法院认为答复未说明不予公开的具体理由，判决撤销并责令重新答复"},
      {2024, "review", "corrected", "复议机关认为检索范围不足，决定撤销原答复并责令重新答复"},
      {2025, "review", "other", "申请人在复议期间撤回复议申请，复议终止"},
      {2025, "suit_after_review", "upheld", "复议维持后申请人起诉，法院判决驳回诉讼请求"},
      {2025, "suit_direct", "other", "法院裁定驳回起诉（超过起诉期限）"},
      {2025, "review", "upheld", "复议机关认为该信息属于过程性信息，维持原答复"},
      {2026, "review", "pending", "申请人对部分公开答复中的区分处理不服，申请复议"},
      {2026, "suit_direct", "pending", "申请人认为答复超过法定期限，提起诉讼"},
      {2026, "suit_after_review", "corrected", "法院认为未履行征求第三方意见程序，判决撤销原答复"},
      {2026, "review", "other", "经复议机关调解，申请人撤回复议申请"},
  };
  std::map<int64_t, const DemoDesk*> desk_of;
  for (const auto& d : desks) desk_of[d.agency_id] = &d;
  const DemoDesk* county = nullptr;
  for (const auto& d : desks) {
    if (d.key == "county") county = &d;
  }
  std::set<int64_t> used;
  int n = 0, seq = 0;
  for (const Seed& seed : seeds) {
    ++seq;
    const std::string y = std::to_string(seed.year);
    // Replies of the year before (for cases filed early in the year) or of the year itself.
    std::optional<db::Row> pick;
    for (const auto& r : db.query(
             "SELECT id, code, agency_id, applicant_name, closed_date FROM applications WHERE stage = 'closed' AND "
             "(outcome LIKE 'withheld_%' OR outcome LIKE 'unavailable_%' OR outcome LIKE 'not_processed_%' OR "
             "outcome = 'partial') AND closed_date >= ? AND closed_date <= ? ORDER BY closed_date, id",
             {y + "-01-01", y + "-10-31"})) {
      if (used.contains(r.i(0)) || !desk_of.contains(r.i(2))) continue;
      pick = r;
      break;
    }
    if (!pick) continue;
    used.insert(pick->i(0));
    const DemoDesk& desk = *desk_of.at(pick->i(2));
    const Date replied = ymd(pick->s(4));
    const Date filed{sys_days{replied} + days{15 + (seq * 7) % 36}};
    if (filed > limit) continue;
    applications::ReviewInput in;
    in.agency_id = desk.agency_id;
    in.application_code = pick->s(1);
    in.kind = seed.kind;
    const bool is_county = desk.key == "county";
    const bool review = in.kind == "review";
    in.body = review ? (is_county ? "青川市人民政府" : "云溪县人民政府")
                     : (is_county ? "青川市中级人民法院" : "青川市云溪县人民法院");
    in.case_no = review ? (is_county ? "青政复〔" : "云政复〔") + y + "〕" + std::to_string(seq * 3 + 2) + "号"
                        : "（" + y + "）" + (is_county ? "青01行初" : "青0123行初") + std::to_string(seq * 4 + 11) + "号";
    in.applicant = pick->s(3);
    in.filed_date = format_date(filed);
    in.result = seed.result;
    const Date decided{sys_days{filed} + days{40 + (seq * 13) % 61}};
    if (in.result != "pending") {
      if (decided > limit) in.result = "pending";
      else in.decided_date = format_date(decided);
    }
    in.summary = seed.summary;
    const Principal& who = desk.clerk;
    auto r = applications::create_review(db, who, {who.user.id, who.user.display_name, ""}, in);
    if (!r) throw std::runtime_error("demo review case " + in.case_no + " refused: " + describe(r.error()));
    ++n;
  }
  // One about the agency itself (主动公开 not done), no application behind it.
  if (county) {
    applications::ReviewInput in;
    in.agency_id = county->agency_id;
    in.kind = "review";
    in.body = "青川市人民政府";
    in.case_no = "青政复〔2025〕61号";
    in.applicant = "云溪县青石镇石桥村村民委员会";
    in.filed_date = "2025-07-14";
    in.result = "corrected";
    in.decided_date = "2025-09-26";
    in.summary = "申请人认为县政府未依法主动公开征地信息，复议机关责令限期公开";
    if (ymd(in.decided_date) <= limit) {
      const Principal& who = county->clerk;
      auto r = applications::create_review(db, who, {who.user.id, who.user.display_name, ""}, in);
      if (!r) throw std::runtime_error("demo review case " + in.case_no + " refused: " + describe(r.error()));
      ++n;
    }
  }
  return n;
}

}  // namespace

DemoApplications load_demo_applications(db::Db& db, const std::vector<DemoDesk>& desks) {
  DemoApplications out;
  db.write([&] {
    Dice dice(20260101);
    Player player(db, desks, dice);
    Dataset data(db, dice, player);
    const std::vector<Plan> plans = data.build();
    int index = 0;
    for (const Plan& p : plans) {
      ++index;
      if (p.description.find('{') != std::string::npos) {
        throw std::runtime_error("demo applications: unfilled placeholder in " + p.description);
      }
      auto r = player.play(p, index);
      if (r.id == 0) continue;
      ++out.created;
      if (!r.closed) ++out.open;
      // On the demo day itself every plan must end where it was meant to: a case that stopped early
      // ran out of days, a bug in the plan.
      const std::string meant = p.correction == Correction::kOpen ? "correction"
                                : p.fee == Fee::kOpen             ? "awaiting_fee"
                                                                  : p.stop_at;
      if (player.limit() == ymd(kDemoApplicationsToday) && (meant.empty() ? !r.closed : r.stage != meant)) {
        throw std::runtime_error("demo applications: case #" + std::to_string(index) + " (" + p.description +
                                 ") ended in stage " + r.stage + ", meant " + (meant.empty() ? "closed" : meant));
      }
      if (p.sample && !r.closed) {
        out.sample_code = r.code;
        out.sample_password = player.sample_password();
        db.exec("UPDATE applications SET password_hash = ? WHERE id = ?",
                {accounts::hash_password(out.sample_password), r.id});
      }
    }
    out.reviews = seed_reviews(db, desks, player.limit());
    return 0;
  });
  return out;
}

}  // namespace gk::app
