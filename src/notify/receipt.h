// The applicant's receipt notice (issue 5 §1): when an application is submitted or registered, an
// e-mail to the applicant's address (when given) with the tracking code — never the query password —,
// the receipt-day rule of 条例 Art. 31 that applies, the reply period and where to check the status;
// and a short SMS with the tracking code to the applicant's mobile number (when it is one).
// Called by the applications code after the case is stored (in its transaction or after it).
#pragma once

#include <string_view>

#include "applications/model.h"
#include "platform/db/db.h"

namespace gk::notify {

// Queues the receipt e-mail and SMS of case `c` (dedupe keys "receipt:{id}:email" and
// "receipt:{id}:sms", so calling it twice queues nothing more). `password_hint` is a sentence telling
// the applicant where their query password is (e.g. "查询密码已在提交成功页面显示。"); it must never
// be the password itself; empty = that default sentence. Returns the number of messages queued
// (0 when the applicant gave neither an e-mail address nor a mobile number). Throws only on
// database failure.
int application_received(db::Db& db, const applications::Case& c, std::string_view password_hint);

}  // namespace gk::notify
