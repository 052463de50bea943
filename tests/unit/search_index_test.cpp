// The search index kept in step with the catalog, and searching it: visibility (publish, withdraw,
// edit, drafts), phrase exactness, filters, facets, snippet escaping, the exact-number jump, staff
// scope, attachments, rebuilds and broad queries.
#include <gtest/gtest.h>

#include "agencies/access.h"
#include "app/demo_files.h"
#include "search/index.h"
#include "search/search.h"
#include "test_db.h"

namespace gk::testing {
namespace {

using search::SearchQuery;
using search::SearchResult;

class SearchTest : public TempDb {
 protected:
  void SetUp() override {
    TempDb::SetUp();
    make_tree();
    boss_ = make_user("boss", county_, {"drafter", "secrecy", "reviewer", "signer", "agency_admin"});
  }

  catalog::ItemInput input(int64_t agency, const std::string& title, const std::string& body) {
    catalog::ItemInput in;
    in.agency_id = agency;
    in.title = title;
    in.subject = "1002";
    in.genre = "tongzhi";
    in.written_date = "2024-03-01";
    in.body_html = body;
    return in;
  }

  int64_t draft(const catalog::ItemInput& in) {
    auto it = catalog::create_draft(db(), boss_, system(), in);
    EXPECT_TRUE(it.ok()) << (it.ok() ? "" : it.error().message);
    return it.ok() ? it->id : 0;
  }

  void publish(int64_t id) {
    for (const char* action : {"submit", "secrecy_pass", "review_pass", "sign_publish"}) {
      auto r = catalog::transition(db(), boss_, system(), id, action, "");
      ASSERT_TRUE(r.ok()) << action << ": " << r.error().message;
    }
  }

  int64_t publish_new(const catalog::ItemInput& in) {
    const int64_t id = draft(in);
    publish(id);
    return id;
  }

  void withdraw(int64_t id) {
    ASSERT_TRUE(catalog::transition(db(), boss_, system(), id, "withdraw", "内容有误").ok());
  }

  SearchResult find(const std::string& q, SearchQuery sq = {}) {
    sq.q = q;
    auto r = search::search(db(), sq);
    EXPECT_TRUE(r.ok()) << q << ": " << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : SearchResult{};
  }

  std::vector<int64_t> ids(const SearchResult& r) {
    std::vector<int64_t> out;
    for (const auto& h : r.hits) out.push_back(h.item_id);
    return out;
  }

  SearchQuery staff() {
    SearchQuery q;
    q.staff_agencies = agencies::readable_agencies(db(), boss_);
    return q;
  }

  // FTS5's own check that the index agrees with its external content.
  void check_integrity() {
    EXPECT_NO_THROW(db().exec("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)"));
  }

  accounts::Principal boss_;
};

TEST_F(SearchTest, PublishedIsFoundDraftIsNotWithdrawnIsGone) {
  const int64_t id = draft(input(county_, "关于开展农村人居环境整治的通知", "<p>全面推进农村人居环境整治。</p>"));
  EXPECT_EQ(find("人居环境").total, 0);
  EXPECT_EQ(find("人居环境", staff()).total, 0);  // drafts are not indexed at all
  publish(id);
  auto r = find("人居环境");
  EXPECT_EQ(r.total, 1);
  EXPECT_EQ(ids(r), std::vector<int64_t>{id});
  EXPECT_TRUE(r.total_exact);
  withdraw(id);
  EXPECT_EQ(find("人居环境").total, 0);
  // Staff still find it, marked as withdrawn.
  auto s = find("人居环境", staff());
  ASSERT_EQ(s.hits.size(), 1u);
  EXPECT_EQ(s.hits[0].state, "withdrawn");
  check_integrity();
}

TEST_F(SearchTest, ArchivedAndWithheldAreNotPublic) {
  const int64_t archived = publish_new(input(county_, "档案管理办法", "<p>归档。</p>"));
  ASSERT_TRUE(catalog::transition(db(), boss_, system(), archived, "archive", "").ok());
  auto in = input(county_, "档案保密规定", "<p>内部。</p>");
  in.disclosure = "withheld";
  in.withheld_reason = "涉及国家秘密";
  publish_new(in);
  EXPECT_EQ(find("档案").total, 0);
  EXPECT_EQ(find("档案", staff()).total, 2);
  auto only_archived = staff();
  only_archived.states = {"archived"};
  EXPECT_EQ(ids(find("档案", only_archived)), std::vector<int64_t>{archived});
}

TEST_F(SearchTest, EditOfPublishedItemReplacesItsText) {
  const int64_t id = publish_new(input(county_, "关于光伏发电项目的公告", "<p>光伏发电补贴标准。</p>"));
  EXPECT_EQ(find("光伏").total, 1);
  withdraw(id);
  ASSERT_TRUE(catalog::transition(db(), boss_, system(), id, "redraft", "").ok());
  auto in = input(county_, "关于新能源汽车推广的公告", "<p>新能源汽车购置补贴。</p>");
  ASSERT_TRUE(catalog::update_draft(db(), boss_, system(), id, in).ok());
  publish(id);
  EXPECT_EQ(ids(find("新能源汽车")), std::vector<int64_t>{id});
  EXPECT_EQ(find("光伏").total, 0);
  EXPECT_EQ(find("光伏", staff()).total, 0);
  check_integrity();
}

TEST_F(SearchTest, ValidityChangeIsIndexed) {
  const int64_t id = publish_new(input(county_, "关于规范行政事业性收费的通知", "<p>收费标准。</p>"));
  auto valid = SearchQuery{};
  valid.validity = "valid";
  EXPECT_EQ(find("收费", valid).total, 1);
  ASSERT_TRUE(catalog::set_validity(db(), boss_, system(), id, "repealed", "2025-01-01", "被替代").ok());
  EXPECT_EQ(find("收费", valid).total, 0);
  auto repealed = SearchQuery{};
  repealed.validity = "repealed";
  EXPECT_EQ(ids(find("收费", repealed)), std::vector<int64_t>{id});
  check_integrity();
}

TEST_F(SearchTest, BigramPhraseNeverMatchesApart) {
  const int64_t together = publish_new(input(county_, "通知一", "<p>各乡镇人民政府：现将有关事项通知如下。</p>"));
  publish_new(input(county_, "通知二", "<p>服务人民，建设法治政府。</p>"));
  publish_new(input(county_, "通知三", "<p>人民群众满意的政府服务。</p>"));
  EXPECT_EQ(ids(find("人民政府")), std::vector<int64_t>{together});
  EXPECT_EQ(find("人民 政府").total, 3);  // two terms: both anywhere
  EXPECT_EQ(ids(find("\"人民政府\"")), std::vector<int64_t>{together});
}

TEST_F(SearchTest, SingleCharacterFindsEveryOccurrence) {
  const int64_t a = publish_new(input(county_, "甲", "<p>依法纳税。</p>"));          // end of a run
  const int64_t b = publish_new(input(county_, "乙", "<p>税收政策解读</p>"));        // start of a run
  const int64_t c = publish_new(input(county_, "丙", "<p>个人所得税专项附加</p>"));  // inside a run
  publish_new(input(county_, "丁", "<p>其他事项</p>"));
  auto r = find("税");
  std::vector<int64_t> got = ids(r);
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, (std::vector<int64_t>{a, b, c}));
}

TEST_F(SearchTest, MixedNumberTerms) {
  const int64_t id = publish_new(input(county_, "2024年第3号公告", "<p>见附件。</p>"));
  EXPECT_EQ(ids(find("2024年")), std::vector<int64_t>{id});
  EXPECT_EQ(ids(find("第3号")), std::vector<int64_t>{id});
  EXPECT_EQ(ids(find("年第3号")), std::vector<int64_t>{id});
  EXPECT_EQ(ids(find("3号公")), std::vector<int64_t>{id});
  EXPECT_EQ(find("2023年").total, 0);
  EXPECT_EQ(find("3号告").total, 0);
}

TEST_F(SearchTest, TitleRanksAboveBodyAndFieldsRestrict) {
  const int64_t in_body = publish_new(input(county_, "年度工作安排", "<p>做好防汛抗旱工作，落实责任。</p>"));
  const int64_t in_title = publish_new(input(county_, "关于做好防汛抗旱工作的通知", "<p>各单位：请落实责任。</p>"));
  auto r = find("防汛");
  ASSERT_EQ(r.hits.size(), 2u);
  EXPECT_EQ(r.hits[0].item_id, in_title);
  EXPECT_GT(r.hits[0].score, r.hits[1].score);
  EXPECT_EQ(ids(find("标题:防汛")), std::vector<int64_t>{in_title});
  EXPECT_EQ(ids(find("防汛 -标题:防汛")), std::vector<int64_t>{in_body});
}

TEST_F(SearchTest, FiltersAndFacets) {
  auto in = input(county_, "县级预算公开", "<p>预算。</p>");
  const int64_t county_item = publish_new(in);
  in = input(dept_, "财政局预算执行情况", "<p>预算。</p>");
  in.subject = "0801";
  in.genre = "baogao";
  const int64_t dept_item = publish_new(in);
  in = input(town_, "镇预算调整方案", "<p>预算。</p>");
  in.genre = "baogao";
  const int64_t town_item = publish_new(in);

  auto all = find("预算");
  EXPECT_EQ(all.total, 3);
  ASSERT_EQ(all.facets.agency.size(), 3u);
  ASSERT_EQ(all.facets.genre.size(), 2u);
  EXPECT_EQ(all.facets.genre[0].value, "baogao");
  EXPECT_EQ(all.facets.genre[0].count, 2);
  EXPECT_EQ(all.facets.genre[0].label, "报告");
  ASSERT_EQ(all.facets.subject.size(), 2u);
  EXPECT_EQ(all.facets.subject[0].value, "10");
  ASSERT_EQ(all.facets.year.size(), 1u);
  EXPECT_EQ(all.facets.year[0].value, today_cn().substr(0, 4));
  ASSERT_EQ(all.facets.validity.size(), 1u);
  EXPECT_EQ(all.facets.validity[0].label, "有效");
  for (const auto& a : all.facets.agency) EXPECT_FALSE(a.label.empty());

  SearchQuery q;
  q.agency_id = county_;
  EXPECT_EQ(find("预算", q).total, 3);  // subtree
  q.include_subtree = false;
  EXPECT_EQ(ids(find("预算", q)), std::vector<int64_t>{county_item});
  q = {};
  q.subject = "08";
  EXPECT_EQ(ids(find("预算", q)), std::vector<int64_t>{dept_item});
  q.subject = "0801";
  EXPECT_EQ(ids(find("预算", q)), std::vector<int64_t>{dept_item});
  q = {};
  q.genre = "baogao";
  q.agency_id = town_;
  EXPECT_EQ(ids(find("预算", q)), std::vector<int64_t>{town_item});
  const int year = std::stoi(today_cn().substr(0, 4));
  q = {};
  q.year_from = year - 1;
  q.year_to = year;
  EXPECT_EQ(find("预算", q).total, 3);
  q.year_from = year - 5;
  q.year_to = year - 1;
  EXPECT_EQ(find("预算", q).total, 0);
  q = {};
  q.column_id = catalog::columns_of(db(), county_).front().id;
  EXPECT_EQ(find("预算", q).total, 0);
}

TEST_F(SearchTest, ZeroResultsSuggestFiltersToDrop) {
  auto in = input(dept_, "财政局预算执行情况", "<p>预算。</p>");
  in.genre = "baogao";
  publish_new(in);
  SearchQuery q;
  q.agency_id = town_;
  q.genre = "baogao";
  auto r = find("预算", q);
  EXPECT_EQ(r.total, 0);
  ASSERT_EQ(r.suggestions.size(), 1u);
  EXPECT_EQ(r.suggestions[0].filter, "agency");
  EXPECT_EQ(r.suggestions[0].count, 1);
  EXPECT_TRUE(find("没有这个词", q).suggestions.empty());
}

TEST_F(SearchTest, SnippetsAreEscapedThenMarked) {
  auto in = input(county_, "关于<b>专项资金</b>的通知",
                  "<p>说明：&lt;script&gt;alert(1)&lt;/script&gt; 本年度专项资金使用情况 &amp; 绩效。</p>"
                  "<script>alert(2)</script>");
  publish_new(in);
  auto r = find("专项资金");
  ASSERT_EQ(r.hits.size(), 1u);
  const auto& h = r.hits[0];
  EXPECT_EQ(h.title_html, "关于&lt;b&gt;<mark>专项资金</mark>&lt;/b&gt;的通知");
  EXPECT_NE(h.snippet_html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos) << h.snippet_html;
  EXPECT_NE(h.snippet_html.find("<mark>专项资金</mark>"), std::string::npos) << h.snippet_html;
  EXPECT_NE(h.snippet_html.find("&amp; 绩效"), std::string::npos) << h.snippet_html;
  EXPECT_EQ(h.snippet_html.find("<script"), std::string::npos);
  EXPECT_EQ(h.snippet_html.find("alert(2)"), std::string::npos);
}

TEST_F(SearchTest, ExactNumberJumps) {
  auto in = input(county_, "关于印发实施方案的通知", "<p>正文。</p>");
  in.doc_no = "云政发〔2024〕12号";
  const int64_t id = publish_new(in);
  in.doc_no = "云政发〔2024〕13号";
  publish_new(in);
  EXPECT_EQ(find("云政发〔2024〕12号").jump_to, id);
  EXPECT_EQ(find("云政发[2024]12号").jump_to, id);  // normalized like the editor does
  EXPECT_EQ(find("文号:云政发【2024】12号").jump_to, id);
  auto r = find("云政发〔2024〕12号");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].item_id, id);
  const std::string index_no = catalog::load(db(), id)->index_no;
  EXPECT_EQ(find(index_no).jump_to, id);
  EXPECT_FALSE(find("云政发").jump_to);
  EXPECT_FALSE(find("实施方案").jump_to);
  withdraw(id);
  EXPECT_FALSE(find("云政发〔2024〕12号").jump_to);
  EXPECT_EQ(find("云政发〔2024〕12号", staff()).jump_to, id);
}

TEST_F(SearchTest, StaffScopeIsLimitedToReadableAgencies) {
  publish_new(input(dept_, "财政局通知", "<p>预算。</p>"));
  publish_new(input(town_, "青石镇通知", "<p>预算。</p>"));
  const auto town_clerk = make_user("townclerk", town_, {"drafter"});
  SearchQuery q;
  q.staff_agencies = agencies::readable_agencies(db(), town_clerk);
  auto r = find("预算", q);
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].agency_id, town_);
  EXPECT_EQ(find("预算", staff()).total, 2);
  q.staff_agencies = std::vector<int64_t>{};
  EXPECT_EQ(find("预算", q).total, 0);
}

TEST_F(SearchTest, AgencyMoveUpdatesSubtreeFilter) {
  const int64_t town_item = publish_new(input(town_, "青石镇通知", "<p>预算。</p>"));
  SearchQuery under_dept;
  under_dept.agency_id = dept_;
  EXPECT_EQ(find("预算", under_dept).total, 0);
  auto town = agencies::get(db(), town_).value();
  agencies::AgencyInput in{
      dept_,        town.name,  town.short_name,   "township",      town.credit_code,   town.region_code,
      town.address, town.phone, town.office_hours, town.guide_html, town.index_pattern, town.sort_order};
  auto moved = agencies::update(db(), nullptr, system(), town_, in);
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(ids(find("预算", under_dept)), std::vector<int64_t>{town_item});
  check_integrity();
}

TEST_F(SearchTest, AttachmentTextIsSearchable) {
  const int64_t id = draft(input(county_, "附件测试", "<p>正文。</p>"));
  const std::string xml =
      "<?xml version=\"1.0\"?><w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>耕地保护</w:t></w:r><w:r>"
      "<w:t xml:space=\"preserve\">补偿&amp;标准</w:t></w:r></w:p></w:body></w:document>";
  const std::string docx = app::demo_files::make_zip(
      {{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", xml}, {"docProps/app.xml", "<Properties/>"}});
  auto att = catalog::add_attachment(db(), boss_, system(), id, "说明.docx", docx);
  ASSERT_TRUE(att.ok()) << att.error().message;
  publish(id);
  auto r = find("耕地保护");
  ASSERT_EQ(ids(r), std::vector<int64_t>{id});
  EXPECT_NE(r.hits[0].snippet_html.find("<mark>耕地保护</mark>"), std::string::npos) << r.hits[0].snippet_html;
  EXPECT_EQ(find("说明").total, 1);  // the file name too
  // Re-indexing without attachment changes keeps the extracted text.
  ASSERT_TRUE(catalog::set_validity(db(), boss_, system(), id, "expired", "2025-01-01", "").ok());
  EXPECT_EQ(find("补偿").total, 1);
  check_integrity();
}

TEST_F(SearchTest, PdfAttachmentText) {
  const int64_t id = draft(input(county_, "PDF附件", "<p>正文。</p>"));
  const std::string pdf = app::demo_files::make_pdf("宅基地审批", {"农村宅基地审批管理办法全文"});
  ASSERT_TRUE(catalog::add_attachment(db(), boss_, system(), id, "办法.pdf", pdf).ok());
  publish(id);
  EXPECT_EQ(ids(find("宅基地")), std::vector<int64_t>{id});
}

TEST_F(SearchTest, HostileQueriesNeverBreakTheSearch) {
  publish_new(input(county_, "关于政府信息公开的通知", "<p>公开。</p>"));
  std::string long_query;
  for (int k = 0; k < 5000; ++k) long_query += k % 7 ? "政" : " ";
  for (const std::string& in :
       {std::string("\""), std::string("*"), std::string("NEAR("), std::string("NEAR(公开 政府, 1)"),
        std::string("公开 OR 政府"), std::string("AND"), std::string(":"), std::string("{facets}:pub"),
        std::string("facets:pub"), std::string("pub"), std::string("<script>alert(1)</script>"),
        std::string("\x01\x02公开\x7f"), std::string("\xff\xfe公开"), std::string("公开*"), std::string("^公开"),
        std::string("标题:\"公开"), std::string("-公开 政府"), long_query}) {
    SearchQuery q;
    q.q = in;
    auto r = search::search(db(), q);
    if (!r.ok()) {
      EXPECT_EQ(r.error().code, "empty_query") << in;
    }
  }
  EXPECT_EQ(find("pub").total, 0);  // filter tokens are not text
  EXPECT_EQ(find("公开*").total, 1);
  auto one = find("公");
  ASSERT_EQ(one.hits.size(), 1u);
  EXPECT_NE(one.hits[0].title_html.find("政府信息<mark>公</mark>开"), std::string::npos) << one.hits[0].title_html;
}

TEST_F(SearchTest, DateOrderAndPaging) {
  std::vector<int64_t> made;
  for (int k = 0; k < 5; ++k)
    made.push_back(publish_new(input(county_, "第" + std::to_string(k) + "期公告", "<p>公告。</p>")));
  // Backdate so that publication dates run opposite to creation.
  for (int k = 0; k < 5; ++k) {
    db().exec("UPDATE items SET publish_date = ? WHERE id = ?",
              {"202" + std::to_string(4 - k) + "-05-01", made[static_cast<size_t>(k)]});
    search::index_item(db(), made[static_cast<size_t>(k)]);
  }
  SearchQuery q;
  q.sort = search::Sort::kDate;
  q.per_page = 2;
  auto p1 = find("公告", q);
  EXPECT_EQ(p1.total, 5);
  EXPECT_EQ(p1.pages(), 3);
  EXPECT_EQ(ids(p1), (std::vector<int64_t>{made[0], made[1]}));
  q.page = 3;
  EXPECT_EQ(ids(find("公告", q)), (std::vector<int64_t>{made[4]}));
  q.page = 4;
  EXPECT_TRUE(find("公告", q).hits.empty());
  q = {};
  q.year_from = 2021;
  q.year_to = 2022;
  EXPECT_EQ(find("公告", q).total, 2);
}

TEST_F(SearchTest, RebuildAndEnsureIndex) {
  const int64_t a = publish_new(input(county_, "第一份", "<p>垃圾分类。</p>"));
  const int64_t b = publish_new(input(town_, "第二份", "<p>垃圾分类。</p>"));
  withdraw(b);
  EXPECT_FALSE(search::ensure_index(db()));  // not empty: nothing to do
  db().exec("INSERT INTO search_fts(search_fts) VALUES ('delete-all')");
  db().exec("DELETE FROM search_text");
  db().exec("DELETE FROM search_docs");
  EXPECT_EQ(find("垃圾分类").total, 0);
  int64_t last_done = 0, last_total = 0;
  EXPECT_TRUE(search::ensure_index(db(), [&](int64_t done, int64_t total) {
    last_done = done;
    last_total = total;
  }));
  EXPECT_EQ(last_done, 2);
  EXPECT_EQ(last_total, 2);
  EXPECT_EQ(ids(find("垃圾分类")), std::vector<int64_t>{a});
  EXPECT_EQ(find("垃圾分类", staff()).total, 2);
  EXPECT_EQ(search::rebuild(db()), 2);
  check_integrity();
}

// A database that got later migrations before the search one (written in parallel, merged out of
// number order) still gets it, and the index is then built from its published items.
TEST_F(SearchTest, SearchMigrationAppliedAfterLaterOnes) {
  const int64_t id = publish_new(input(county_, "关于秸秆禁烧的通告", "<p>秸秆禁烧。</p>"));
  db().exec_script("DROP TABLE search_fts; DROP TABLE search_text; DROP TABLE search_docs;");
  db().exec("DELETE FROM schema_migrations WHERE name LIKE '%_search.sql'");
  const auto st = db::migrate(db());
  ASSERT_EQ(st.applied.size(), 1u);
  EXPECT_TRUE(st.applied[0].ends_with("_search.sql"));
  EXPECT_EQ(find("秸秆").total, 0);
  EXPECT_TRUE(search::ensure_index(db()));
  EXPECT_EQ(ids(find("秸秆")), std::vector<int64_t>{id});
}

// More matches than the candidate window: ranked among the newest, total and facets estimated.
TEST_F(SearchTest, BroadQueriesAreBoundedAndEstimated) {
  const int64_t n = search::kCandidateCap * 2 + 500;
  db().write([&] {
    for (int64_t k = 0; k < n; ++k) {
      const std::string date = std::to_string(2015 + k * 10 / n) + "-06-01";
      db().exec(
          "INSERT INTO items(agency_id, state, title, publisher, subject, genre, written_date, publish_date, keywords, "
          "summary, body_html, created_by, created_at, updated_at) VALUES (?, 'published', ?, 'x', '1002', ?, ?, ?, "
          "'', '', ?, ?, ?, ?)",
          {k % 3 == 0 ? town_ : county_, "关于政务公开工作的通知" + std::to_string(k), k % 2 ? "tongzhi" : "baogao",
           date, date, "<p>推进政务公开。编号" + std::to_string(k) + "</p>", boss_.user.id, now_iso(), now_iso()});
    }
    return 0;
  });
  EXPECT_EQ(search::rebuild(db()), n);
  SearchQuery unhurried;
  unhurried.scan_budget = std::chrono::seconds(60);  // the samples, not the budget, decide the estimates
  auto r = find("政务公开", unhurried);
  EXPECT_TRUE(r.broad);
  EXPECT_FALSE(r.total_exact);
  EXPECT_FALSE(r.facets_exact);
  EXPECT_EQ(r.pageable, search::kCandidateCap);
  EXPECT_EQ(r.hits.size(), 20u);
  EXPECT_NEAR(static_cast<double>(r.total), static_cast<double>(n), n * 0.05);
  // Year facet estimated over the whole range, not only the newest window.
  EXPECT_GE(r.facets.year.size(), 9u);
  int64_t sum = 0;
  for (const auto& y : r.facets.year) sum += y.count;
  EXPECT_NEAR(static_cast<double>(sum), static_cast<double>(n), n * 0.05);
  // With no time at all: the first chunk fills the window, the rest is extrapolated from it.
  SearchQuery hurried;
  hurried.scan_budget = std::chrono::milliseconds(0);
  auto h = find("政务公开", hurried);
  EXPECT_TRUE(h.broad);
  EXPECT_EQ(h.hits.size(), 20u);
  EXPECT_NEAR(static_cast<double>(h.total), static_cast<double>(n), n * 0.05);
  // Matches only among the oldest items and no time: the newest chunk holds few of them, and the
  // counts say they are lower bounds.
  hurried.year_from = 2015;
  hurried.year_to = 2015;
  auto old = find("政务公开", hurried);
  EXPECT_TRUE(old.total_lower_bound);
  EXPECT_LT(old.total, n / 10);
  EXPECT_FALSE(old.hits.empty());
  unhurried.year_from = 2015;
  unhurried.year_to = 2015;
  auto all_old = find("政务公开", unhurried);
  EXPECT_TRUE(all_old.total_exact);
  EXPECT_EQ(all_old.total, n / 10);
  // The newest publications come first by date.
  SearchQuery by_date;
  by_date.sort = search::Sort::kDate;
  auto d = find("政务公开", by_date);
  ASSERT_FALSE(d.hits.empty());
  EXPECT_EQ(d.hits.front().publish_date, "2024-06-01");
  // A narrow query in the same corpus is exact.
  auto one = find("编号1234");
  EXPECT_TRUE(one.total_exact);
  EXPECT_EQ(one.total, 1);
}

}  // namespace
}  // namespace gk::testing
