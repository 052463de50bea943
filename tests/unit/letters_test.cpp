// Letters of application cases: composition of every template from a case (every placeholder of
// every kind, every reply group), template checks, letter numbers per agency and year, and the letters
// the steps store with the case (PDF text read back with pdftotext).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "applications/case_files.h"
#include "applications/fees.h"
#include "applications/letters.h"
#include "applications/service.h"
#include "test_db.h"

namespace gk::testing {
namespace {

using applications::ActionInput;
using applications::LetterKind;
using applications::LetterTemplate;
using K = render::LetterBlock::Kind;

// All text of a letter, block after block.
std::string all_text(const render::LetterDoc& doc) {
  std::string out = doc.title + "\n" + doc.footer + "\n";
  for (const auto& b : doc.blocks) out += b.text + "\n";
  return out;
}

bool has(const std::string& hay, std::string_view needle) { return hay.find(needle) != std::string::npos; }

// The text of a PDF as pdftotext reads it ("" when pdftotext is missing).
std::string pdf_text(const std::string& pdf) {
  const auto path = std::filesystem::temp_directory_path() / ("gk-letter-" + std::to_string(getpid()) + ".pdf");
  std::ofstream(path, std::ios::binary) << pdf;
  std::string text;
  if (FILE* p = popen(("pdftotext -enc UTF-8 '" + path.string() + "' - 2>/dev/null").c_str(), "r")) {
    char buf[4096];
    for (size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) text.append(buf, n);
    pclose(p);
  }
  std::filesystem::remove(path);
  return text;
}

applications::LetterSample sample(std::string_view key) {
  return applications::sample_for(*applications::find_template_spec(key), "云溪县人民政府", "青川市人民政府",
                                  "2026-11-22");
}

TEST(LetterCompose, EveryDefaultTemplateComposesWithNothingLeftInBraces) {
  for (const auto& spec : applications::template_specs()) {
    auto s = applications::sample_for(spec, "云溪县人民政府", "青川市人民政府", "2026-11-22");
    auto doc = applications::compose(spec.kind, s.c, s.v, applications::default_template(spec));
    ASSERT_TRUE(doc.ok()) << spec.key << ": " << doc.error().message;
    const std::string text = all_text(*doc);
    EXPECT_FALSE(has(text, "{") || has(text, "}")) << spec.key << "\n" << text;
    EXPECT_EQ(doc->blocks.front().kind, K::kTitle);
    EXPECT_EQ(doc->blocks[1].kind, K::kDocNumber);
    EXPECT_EQ(doc->blocks[1].text, "云溪县人民政府依申〔2026〕1号");
    EXPECT_EQ(doc->blocks[doc->blocks.size() - 2].kind, K::kSignature);
    EXPECT_EQ(doc->blocks[doc->blocks.size() - 2].text, "云溪县人民政府");
    EXPECT_EQ(doc->blocks.back().text, "2026年11月22日");
    EXPECT_TRUE(has(text, "2026年11月2日")) << spec.key << ": the receipt date, without leading zeros";
    const bool to_applicant = applications::letter_kind_info(spec.kind).to_applicant;
    EXPECT_EQ(has(text, "张三"), to_applicant) << spec.key << ": a consultation letter never names the applicant";
    EXPECT_EQ(has(text, s.c.code), to_applicant) << spec.key;
  }
}

TEST(LetterCompose, EachReplyGroupHasItsWordingBasisAndRemedy) {
  struct Want {
    std::string_view key, title, says;
    bool remedy;
  };
  const Want wants[] = {
      {"reply.disclosed", "政府信息公开申请答复书", "本机关答复如下：予以公开。", false},
      {"reply.partial", "政府信息公开申请答复书",
       "下列内容不予公开：分配明细中个人的身份证号码和银行账号，依据条例第十五条不予公开。", true},
      {"reply.withheld", "政府信息公开申请答复书", "本机关决定不予公开。", true},
      {"reply.unavailable", "政府信息公开申请告知书", "本机关无法提供你申请获取的政府信息。", true},
      {"reply.not_processed", "政府信息公开申请告知书", "本机关对你的申请不予处理。", true},
      {"reply.other", "政府信息公开申请告知书", "作出上述处理", true},
  };
  for (const auto& w : wants) {
    auto s = sample(w.key);
    auto spec = applications::template_for(LetterKind::kReply, s.c, s.v);
    ASSERT_TRUE(spec.ok());
    EXPECT_EQ((*spec)->key, w.key) << "the outcome " << s.c.outcome << " chooses its group's template";
    auto doc = applications::compose(LetterKind::kReply, s.c, s.v, applications::default_template(**spec));
    ASSERT_TRUE(doc.ok()) << doc.error().message;
    const std::string text = all_text(*doc);
    EXPECT_EQ(doc->title, w.title);
    EXPECT_TRUE(has(text, w.says)) << w.key << "\n" << text;
    const std::string basis = s.c.outcome_basis.empty() ? "《中华人民共和国政府信息公开条例》" : s.c.outcome_basis;
    EXPECT_TRUE(has(text, "根据" + basis + "的规定") || has(text, "依照" + basis + "的规定")) << w.key << "\n" << text;
    EXPECT_EQ(has(text, "60日内向青川市人民政府申请行政复议，或者在6个月内向人民法院提起行政诉讼"), w.remedy) << w.key;
    EXPECT_TRUE(has(text, "现将《关于下达2025年城乡居民最低生活保障资金的通知》")) << "the drafted reply text";
    EXPECT_FALSE(has(text, "。。")) << text;
  }
  // Without a parent agency the remedy names the body generically.
  auto s = sample("reply.partial");
  s.v.reconsideration_body.clear();
  auto doc = applications::compose(LetterKind::kReply, s.c, s.v,
                                   applications::default_template(*applications::find_template_spec("reply.partial")));
  EXPECT_TRUE(has(all_text(*doc), "向有管辖权的行政复议机关申请行政复议"));
  // An empty reply text drops its paragraph instead of leaving a blank one.
  s.c.reply_text = "  ";
  const size_t with_text = doc->blocks.size();
  doc = applications::compose(LetterKind::kReply, s.c, s.v,
                              applications::default_template(*applications::find_template_spec("reply.partial")));
  EXPECT_EQ(doc->blocks.size(), with_text - 1);
}

TEST(LetterCompose, EveryPlaceholderOfEveryKindIsFilled) {
  const std::map<std::string, std::string> want = {
      {"申请人", "张三"},
      {"称谓", "你"},
      {"查询码", "2026-7K3M-Q9XH"},
      {"收到日期", "2026年11月2日"},
      {"所需信息", "2025年本县城乡居民最低生活保障资金的分配文件"},
      {"机关名称", "云溪县人民政府"},
      {"日期", "2026年11月22日"},
      {"文号", "云溪县人民政府依申〔2026〕1号"},
      {"补正事项", "请写明所需文件的发文机关和发文年份"},
      {"补正期限", "10个工作日"},
      {"答复期限", "2026年12月1日"},
      {"延长天数", "15"},
      {"延长后期限", "2026年12月22日"},
      {"被征求意见方", "云溪县某某建设有限公司"},
      {"收费金额", "100"},
      {"缴费期限", "2026年12月21日"},
      {"收费明细", applications::quote_by_page(40)->explanation_zh},
      {"答复类型", "部分公开（区分处理）"},
      {"依据", "《中华人民共和国政府信息公开条例》第三十七条"},
      {"不予公开部分", "分配明细中个人的身份证号码和银行账号，依据条例第十五条不予公开"},
      {"答复正文", "现将《关于下达2025年城乡居民最低生活保障资金的通知》通过电子邮件提供给你，请查收。"},
      {"复议机关", "青川市人民政府"},
  };
  const std::map<LetterKind, std::string> key_of = {
      {LetterKind::kCorrectionNotice, "correction_notice"},
      {LetterKind::kExtensionNotice, "extension_notice"},
      {LetterKind::kConsultationLetter, "consultation_letter.third_party"},
      {LetterKind::kFeeNotice, "fee_notice"},
      {LetterKind::kReply, "reply.partial"},
  };
  for (const auto& [kind, key] : key_of) {
    auto s = sample(key);
    // One paragraph per placeholder, "名称=值", in the body and the title.
    LetterTemplate t{"{机关名称}\n{文号}", "{文号}：", ""};
    const auto names = applications::placeholders(kind);
    ASSERT_FALSE(names.empty());
    for (const auto& p : names) t.body += std::string(p.name) + "=｛" + std::string(p.name) + "｝\n\n";
    ASSERT_TRUE(applications::check_template(kind, t).ok()) << key;
    auto doc = applications::compose(kind, s.c, s.v, t);
    ASSERT_TRUE(doc.ok()) << key << ": " << doc.error().message;
    EXPECT_EQ(doc->blocks[0].text, "云溪县人民政府\n云溪县人民政府依申〔2026〕1号");
    EXPECT_EQ(doc->blocks[2].text, "云溪县人民政府依申〔2026〕1号：");
    size_t para = 3;
    for (const auto& p : names) {
      const std::string name(p.name);
      std::string expected =
          name == "理由"
              ? (kind == LetterKind::kReply ? "该信息涉及第三方的个人隐私，经书面征求第三方意见，第三方不同意公开"
                                            : "申请的信息需要调取档案并作区分处理")
              : want.at(name);
      ASSERT_LT(para, doc->blocks.size());
      EXPECT_EQ(doc->blocks[para++].text, name + "=" + expected) << key;
    }
  }
  // An organization is addressed as 你单位.
  auto s = sample("fee_notice");
  s.c.applicant.category = "commercial";
  auto doc = applications::compose(LetterKind::kFeeNotice, s.c, s.v, {"收费通知", "{申请人}：", "{称谓}"});
  EXPECT_EQ(doc->blocks[3].text, "你单位");
}

TEST(LetterCompose, UnknownPlaceholdersAndStrayBracesAreRefused) {
  LetterTemplate t{"补正告知书", "{申请人}：", "请补正{补正事项}，金额{收费金额}元。"};
  auto r = applications::check_template(LetterKind::kCorrectionNotice, t);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields.at("body"), "{收费金额}不是补正告知书可用的占位符");
  t.body = "{申请人的姓名}";
  EXPECT_EQ(applications::check_template(LetterKind::kCorrectionNotice, t).error().fields.count("body"), 1u);
  t.body = "请补正{补正事项";
  EXPECT_NE(applications::check_template(LetterKind::kCorrectionNotice, t).error().fields.at("body").find("花括号"),
            std::string::npos);
  t.body = "请补正}";
  EXPECT_FALSE(applications::check_template(LetterKind::kCorrectionNotice, t).ok());
  t.body = "{补正事项}";
  t.title = "{申请人}";
  EXPECT_TRUE(applications::check_template(LetterKind::kCorrectionNotice, t).ok());
  t.title = "";
  EXPECT_EQ(applications::check_template(LetterKind::kCorrectionNotice, t).error().fields.count("title"), 1u);
  // The consultation letter goes to a third party: nothing identifying the applicant.
  LetterTemplate c{"征求意见函", "{被征求意见方}：", "申请人{申请人}"};
  EXPECT_EQ(applications::check_template(LetterKind::kConsultationLetter, c).error().fields.count("body"), 1u);
  // compose refuses the same template.
  auto s = sample("correction_notice");
  t = {"补正告知书", "", "{收费金额}"};
  EXPECT_EQ(applications::compose(LetterKind::kCorrectionNotice, s.c, s.v, t).error().code, "unknown_placeholder");
}

TEST(LetterCompose, NumbersAndDates) {
  EXPECT_EQ(applications::letter_number("云溪县政府", 2026, 3), "云溪县政府依申〔2026〕3号");
  EXPECT_EQ(applications::letter_number("云溪县政府", 2027, 12), "云溪县政府依申〔2027〕12号");
  EXPECT_EQ(applications::chinese_date("2026-01-05"), "2026年1月5日");
  EXPECT_EQ(applications::chinese_date("2026-11-22"), "2026年11月22日");
  EXPECT_EQ(applications::chinese_date("2026-02-30"), "");
  EXPECT_EQ(applications::chinese_date(""), "");
  // A deadline the holiday calendar cannot give yet is stated in words; a missing one is an error.
  auto s = sample("extension_notice");
  s.v.extended_due = "原答复期限届满后第15个工作日";
  LetterTemplate t{"延期答复告知书", "", "延长后的答复期限为{延长后期限}。"};
  EXPECT_EQ(applications::compose(LetterKind::kExtensionNotice, s.c, s.v, t)->blocks[2].text,
            "延长后的答复期限为原答复期限届满后第15个工作日。");
  s.v.extended_due = "";
  EXPECT_EQ(applications::compose(LetterKind::kExtensionNotice, s.c, s.v, t).error().code, "letter_date_missing");
  s.v.extended_due = "2026-13-01";
  EXPECT_FALSE(applications::compose(LetterKind::kExtensionNotice, s.c, s.v, t).ok());
}

class LettersTest : public TempDb {
 protected:
  void SetUp() override {
    TempDb::SetUp();
    make_tree();
    clerk_ = make_user("clerk", county_, {"drafter"});
    reviewer_ = make_user("reviewer", county_, {"reviewer"});
    signer_ = make_user("signer", county_, {"signer"});
    admin_ = make_user("admin", county_, {"agency_admin"});
    dept_clerk_ = make_user("deptclerk", dept_, {"drafter", "agency_admin"});
  }

  int64_t registered(int64_t agency, const accounts::Principal& by, const std::string& date = "2026-11-16") {
    applications::Submission s = sample_application(agency);
    s.request.description = "2025年云溪县城乡居民医疗保险财政补助资金的分配文件。";
    s.request.delivery = "online";
    s.channel = "in_person";
    s.received_date = date;
    auto r = applications::register_by_staff(db(), by, system(), s);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r->id;
  }

  Result<applications::Case> step(const accounts::Principal& p, int64_t id, std::string_view action, ActionInput in) {
    return applications::act(db(), p, system(), id, action, in);
  }

  static ActionInput correction(std::string items) {
    ActionInput in;
    in.date = "2026-11-18";
    in.workdays = 10;
    in.text = std::move(items);
    return in;
  }

  std::string letter_no(int64_t id, std::string_view kind) {
    auto r = db().query_one(
        "SELECT json_extract(data_json, '$.letter_no') FROM application_events WHERE application_id = ? AND kind = ? "
        "ORDER BY id DESC",
        {id, std::string(kind)});
    return r && !r->null(0) ? r->s(0) : "";
  }

  accounts::Principal clerk_, reviewer_, signer_, admin_, dept_clerk_;
};

TEST_F(LettersTest, NumbersCountPerAgencyAndYearAndRestartEachYear) {
  db().write([&] {
    EXPECT_EQ(applications::next_letter_serial(db(), county_, 2026), 1);
    EXPECT_EQ(applications::next_letter_serial(db(), county_, 2026), 2);
    EXPECT_EQ(applications::next_letter_serial(db(), dept_, 2026), 1) << "another agency has its own sequence";
    EXPECT_EQ(applications::next_letter_serial(db(), county_, 2026), 3);
    EXPECT_EQ(applications::next_letter_serial(db(), county_, 2027), 1) << "a new year starts again at 1";
    EXPECT_EQ(applications::next_letter_serial(db(), county_, 2027), 2);
    EXPECT_EQ(applications::next_letter_serial(db(), dept_, 2026), 2);
    return 0;
  });
  // A rolled-back step returns its number.
  db().begin();
  EXPECT_EQ(applications::next_letter_serial(db(), county_, 2026), 4);
  db().rollback();
  db().write([&] {
    EXPECT_EQ(applications::next_letter_serial(db(), county_, 2026), 4);
    return 0;
  });
}

TEST_F(LettersTest, ACorrectionStepStoresTheNumberedNoticeAsPdf) {
  const int64_t id = registered(county_, clerk_);
  auto done = step(clerk_, id, "request_correction", correction("请写明所需文件的发文年份和发文机关。"));
  ASSERT_TRUE(done.ok()) << done.error().message;
  ASSERT_EQ(done->files.size(), 1u);
  const auto& f = done->files[0];
  EXPECT_EQ(f.kind, "letter");
  EXPECT_EQ(f.mime, "application/pdf");
  EXPECT_TRUE(f.visible_to_applicant);
  EXPECT_EQ(f.name, "补正告知书-云溪县人民政府依申〔2026〕1号.pdf");
  EXPECT_EQ(letter_no(id, "correction_requested"), "云溪县人民政府依申〔2026〕1号");
  auto content = applications::file_for_staff(db(), clerk_, id, f.id);
  ASSERT_TRUE(content.ok()) << content.error().message;
  EXPECT_TRUE(content->bytes.starts_with("%PDF"));
  EXPECT_EQ(static_cast<int64_t>(content->bytes.size()), f.size);
  if (std::system("command -v pdftotext >/dev/null 2>&1") != 0) GTEST_SKIP() << "pdftotext not installed";
  const std::string text = pdf_text(content->bytes);
  EXPECT_TRUE(has(text, "政府信息公开申请补正告知书")) << text;
  EXPECT_TRUE(has(text, "张三：")) << text;
  EXPECT_TRUE(has(text, "云溪县人民政府依申〔2026〕1号")) << text;
  std::string joined;  // pdftotext breaks lines where the letter wraps
  for (char ch : text) {
    if (ch != '\n' && ch != ' ') joined += ch;
  }
  EXPECT_TRUE(has(joined, "请写明所需文件的发文年份和发文机关。")) << text;
  EXPECT_TRUE(has(joined, "10个工作日")) << text;
  EXPECT_TRUE(has(joined, "2026年11月16日收到你提出的政府信息公开申请")) << text;
}

TEST_F(LettersTest, EveryLetterStepIsNumberedInOneSequenceAndOnlyApplicantLettersAreTheirs) {
  const int64_t id = registered(county_, clerk_);
  ASSERT_TRUE(step(clerk_, id, "request_correction", correction("请写明年份")).ok());
  ActionInput in;
  in.date = "2026-11-19";
  ASSERT_TRUE(step(clerk_, id, "receive_correction", in).ok());
  in.kind = "third_party";
  in.party = "云溪县某某医药有限公司";
  ASSERT_TRUE(step(clerk_, id, "consult", in).ok());
  in = {};
  in.date = "2026-11-20";
  in.workdays = 10;
  in.comment = "需要调阅多个年度的档案";
  auto extended = step(reviewer_, id, "extend", in);
  ASSERT_TRUE(extended.ok()) << extended.error().message;
  in = {};
  in.date = "2026-11-20";
  in.outcome = "partial";
  in.reasons = "部分内容涉及第三方商业秘密";
  in.withheld = "附件2中企业银行账户信息";
  in.reply_text = "现将可以公开的部分提供给你。";
  ASSERT_TRUE(step(clerk_, id, "draft_reply", in).ok());
  in = {};
  in.date = "2026-11-20";
  in.fee_method = "by_page";
  in.pages = "40";  // pages 31–40 at 10元: the quote is 100元
  in.amount = "100";
  ASSERT_TRUE(step(clerk_, id, "fee_notice", in).ok());
  in = {};
  in.date = "2026-11-21";
  ASSERT_TRUE(step(clerk_, id, "fee_paid", in).ok());
  ASSERT_TRUE(step(clerk_, id, "submit_review", in).ok());
  ASSERT_TRUE(step(reviewer_, id, "approve", in).ok());
  auto signed_case = step(signer_, id, "sign", in);
  ASSERT_TRUE(signed_case.ok()) << signed_case.error().message;

  std::vector<std::string> names;
  for (const auto& f : signed_case->files) names.push_back(f.name + (f.visible_to_applicant ? "" : "（内部）"));
  const std::vector<std::string> want = {
      "补正告知书-云溪县人民政府依申〔2026〕1号.pdf",     "征求意见函-云溪县人民政府依申〔2026〕2号.pdf（内部）",
      "延期答复告知书-云溪县人民政府依申〔2026〕3号.pdf", "收费通知书-云溪县人民政府依申〔2026〕4号.pdf",
      "答复书-云溪县人民政府依申〔2026〕5号.pdf",
  };
  EXPECT_EQ(names, want);
  EXPECT_EQ(letter_no(id, "extended"), "云溪县人民政府依申〔2026〕3号");
  EXPECT_EQ(letter_no(id, "sign"), "云溪县人民政府依申〔2026〕5号");

  // The applicant gets the letters addressed to them, never the consultation letter; staff get all.
  const auto& consult_file = signed_case->files[1];
  EXPECT_EQ(applications::file_for_applicant(db(), *signed_case, consult_file.id).error().kind, Error::Kind::kNotFound);
  EXPECT_TRUE(applications::file_for_applicant(db(), *signed_case, signed_case->files[4].id).ok());
  EXPECT_TRUE(applications::file_for_staff(db(), reviewer_, id, consult_file.id).ok());
  // A file is only served through its own case.
  const int64_t other = registered(county_, clerk_);
  EXPECT_EQ(applications::file_for_staff(db(), clerk_, other, consult_file.id).error().kind, Error::Kind::kNotFound);
  auto other_case = applications::load(db(), other);
  EXPECT_EQ(applications::file_for_applicant(db(), *other_case, signed_case->files[4].id).error().kind,
            Error::Kind::kNotFound);
  // Another agency's clerk cannot read the case's files at all.
  EXPECT_EQ(
      applications::file_for_staff(db(), make_user("townclerk", town_, {"drafter"}), id, consult_file.id).error().kind,
      Error::Kind::kForbidden);

  if (std::system("command -v pdftotext >/dev/null 2>&1") != 0) GTEST_SKIP() << "pdftotext not installed";
  auto reply = applications::file_for_staff(db(), clerk_, id, signed_case->files[4].id);
  std::string joined;
  for (char ch : pdf_text(reply->bytes)) {
    if (ch != '\n' && ch != ' ') joined += ch;
  }
  EXPECT_TRUE(has(joined, "政府信息公开申请答复书")) << joined;
  EXPECT_TRUE(has(joined, "下列内容不予公开：附件2中企业银行账户信息。")) << joined;
  EXPECT_TRUE(has(joined, "《中华人民共和国政府信息公开条例》第三十七条")) << joined;
  EXPECT_TRUE(has(joined, "人民法院提起行政诉讼")) << joined;
  auto ext = applications::file_for_staff(db(), clerk_, id, signed_case->files[2].id);
  joined.clear();
  for (char ch : pdf_text(ext->bytes)) {
    if (ch != '\n' && ch != ' ') joined += ch;
  }
  EXPECT_TRUE(has(joined, "因需要调阅多个年度的档案")) << joined;
  EXPECT_TRUE(has(joined, "答复期限延长10个工作日")) << joined;
}

TEST_F(LettersTest, ALetterThatCannotBeMadeFailsTheWholeStep) {
  const int64_t id = registered(county_, clerk_);
  const auto events = db().scalar_int("SELECT COUNT(*) FROM application_events");
  // Not clean UTF-8: the renderer refuses it (the web layer refuses it earlier still).
  auto bad = step(clerk_, id, "request_correction", correction("请补正\xff"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "invalid_text");
  EXPECT_EQ(applications::load(db(), id)->stage, applications::Stage::kRegistered);
  EXPECT_EQ(db().scalar_int("SELECT COUNT(*) FROM application_events"), events);
  EXPECT_EQ(db().scalar_int("SELECT COUNT(*) FROM application_files"), 0);
  EXPECT_EQ(db().scalar_int("SELECT COUNT(*) FROM blobs"), 0);
  EXPECT_EQ(db().scalar_int("SELECT COUNT(*) FROM letter_serials"), 0) << "the number is not used up";
  ASSERT_TRUE(step(clerk_, id, "request_correction", correction("请补正")).ok());
  EXPECT_EQ(letter_no(id, "correction_requested"), "云溪县人民政府依申〔2026〕1号");
}

TEST_F(LettersTest, AnAgencysOwnWordingIsUsedAuditedAndCanBeReset) {
  LetterTemplate t{"{机关名称}补正通知", "{申请人}同志：", "请补正：{补正事项}。\n\n期限：{补正期限}。"};
  EXPECT_EQ(applications::save_template(db(), clerk_, system(), county_, "correction_notice", t).error().kind,
            Error::Kind::kForbidden)
      << "only administrators word the letters";
  EXPECT_EQ(applications::save_template(db(), dept_clerk_, system(), county_, "correction_notice", t).error().kind,
            Error::Kind::kForbidden)
      << "a department's administrator does not administer its parent";
  LetterTemplate bad = t;
  bad.body = "{缴费期限}";
  auto refused = applications::save_template(db(), admin_, system(), county_, "correction_notice", bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.count("body"), 1u);
  EXPECT_EQ(db().scalar_int("SELECT COUNT(*) FROM letter_templates"), 0);
  EXPECT_EQ(applications::save_template(db(), admin_, system(), county_, "no_such_letter", t).error().kind,
            Error::Kind::kNotFound);

  ASSERT_TRUE(applications::save_template(db(), admin_, system(), county_, "correction_notice", t).ok());
  const auto* spec = applications::find_template_spec("correction_notice");
  EXPECT_TRUE(applications::agency_template(db(), county_, *spec).customized);
  EXPECT_FALSE(applications::agency_template(db(), dept_, *spec).customized) << "per agency";
  const int64_t id = registered(county_, clerk_);
  auto done = step(clerk_, id, "request_correction", correction("请写明年份"));
  ASSERT_TRUE(done.ok()) << done.error().message;
  if (std::system("command -v pdftotext >/dev/null 2>&1") == 0) {
    auto f = applications::file_for_staff(db(), clerk_, id, done->files[0].id);
    const std::string text = pdf_text(f->bytes);
    EXPECT_TRUE(has(text, "云溪县人民政府补正通知")) << text;
    EXPECT_TRUE(has(text, "张三同志：")) << text;
    EXPECT_TRUE(has(text, "请补正：请写明年份。")) << text;
  }
  ASSERT_TRUE(applications::reset_template(db(), admin_, system(), county_, "correction_notice").ok());
  EXPECT_FALSE(applications::agency_template(db(), county_, *spec).customized);
  auto trail = db().query("SELECT action FROM audit_events WHERE entity = 'letter_template' ORDER BY id");
  ASSERT_EQ(trail.size(), 2u);
  EXPECT_EQ(trail[0].s(0), "create");
  EXPECT_EQ(trail[1].s(0), "reset");
}

TEST_F(LettersTest, TheReplyIsPreviewedBeforeSigningWithoutANumber) {
  const int64_t id = registered(dept_, dept_clerk_);
  ActionInput in;
  in.date = "2026-11-17";
  ASSERT_TRUE(step(dept_clerk_, id, "accept", in).ok());
  EXPECT_EQ(applications::preview_reply(db(), *applications::load(db(), id)).error().code, "no_reply");
  in = {};
  in.outcome = "unavailable_not_held";
  in.reasons = "本机关不掌握该信息";
  ASSERT_TRUE(step(dept_clerk_, id, "draft_reply", in).ok());
  auto doc = applications::preview_reply(db(), *applications::load(db(), id));
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc->blocks[1].text, "（签发时编号）");
  const std::string text = all_text(*doc);
  EXPECT_TRUE(has(text, "政府信息公开申请告知书"));
  EXPECT_TRUE(has(text, "经审查，本机关不掌握该信息。")) << text;
  EXPECT_TRUE(has(text, "向云溪县人民政府申请行政复议")) << "the department's parent hears the reconsideration";
  EXPECT_EQ(db().scalar_int("SELECT COUNT(*) FROM letter_serials"), 0) << "a preview draws no number";
}

}  // namespace
}  // namespace gk::testing
