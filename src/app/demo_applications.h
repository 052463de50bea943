// The applications for disclosure (依申请公开) of the demo dataset: about 200 cases received by the
// 云溪县 agencies from January 2024 to November 2026, covering every channel, applicant category and
// reply outcome, with 补正, consultations, extensions, fees, Art. 35 delays, withdrawals, cases
// carried over a year end and cases still open. Every case is taken through the applications
// service step by step, so the transition table, the roles and the statutory clock check it.
// Used by `gongkai init --demo` (load_demo) on one connection; not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/model.h"
#include "platform/db/db.h"

namespace gk::app {

// The day the demo applications describe: every date in them is on or before it, and the open
// cases are 正常, 临期 or 超期 as of this day. On a machine whose date is earlier, steps after that
// date are left out (the service refuses future dates); later, the open cases simply age.
inline constexpr std::string_view kDemoApplicationsToday = "2026-11-22";

// Who handles applications at one demo agency.
struct DemoDesk {
  // The agency's key in the dataset: county, drc, finance, natres, hrss, market, qingshi, baisha,
  // chengguan (县政府, 发改局, 财政局, 自然资源局, 人社局, 市场监管局, 青石镇, 白沙乡, 城关街道).
  std::string key;
  int64_t agency_id = 0;
  accounts::Principal clerk;     // 信息员 or 机关管理员: intake, acceptance, drafting, delivery
  accounts::Principal reviewer;  // 审核; also approves extensions and Art. 35 delays
  accounts::Principal signer;    // 签发
};

// What load_demo_applications created.
struct DemoApplications {
  int created = 0;
  int open = 0;  // not closed on kDemoApplicationsToday
  int reviews = 0;  // 行政复议 / 行政诉讼 register records (表四)
  // One open case a tester can look up on the public status page (/apply/status). Empty when the
  // machine's date is before that case's receipt.
  std::string sample_code;
  std::string sample_password;
};

// Adds the demo applications to a database holding the demo agencies and their staff (`desks`,
// one per key above; all nine are required). Runs in one transaction. Throws std::runtime_error
// naming the case and step when the service refuses one: a bug in the dataset, nothing is kept.
//
// Demo-only shortcuts, since a real case is always recorded on the day it happens: after intake
// the tracking code (whose year is the submission year), submitted_at and the events' created_at
// are back-dated to the case's own dates; the sample case gets a fixed query password. Every
// other query password is random and discarded.
DemoApplications load_demo_applications(db::Db& db, const std::vector<DemoDesk>& desks);

}  // namespace gk::app
