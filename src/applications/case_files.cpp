// Files of a case for download: staff and applicant access rules, bytes from the blob store.
#include "applications/case_files.h"

#include "applications/service.h"

namespace gk::applications {
namespace {

// The case's own file `file_id` with its bytes; the lookup goes through the case, never by id alone.
Result<FileContent> read(db::Db& db, const Case& c, int64_t file_id) {
  for (const auto& f : c.files) {
    if (f.id != file_id) continue;
    auto r = db.query_one("SELECT data FROM blobs WHERE sha256 = ?", {f.sha256});
    if (!r) break;
    return FileContent{f, r->s(0)};
  }
  return Error::not_found("该文件不存在");
}

}  // namespace

Result<FileContent> file_for_staff(db::Db& db, const accounts::Principal& p, int64_t case_id, int64_t file_id) {
  auto c = get_for_staff(db, p, case_id);
  if (!c) return c.error();
  auto f = read(db, *c, file_id);
  if (!f) return f;
  if (f->file.kind == "id_proof" && !sees_personal_data(db, p, *c)) {
    return Error::forbidden("申请人的身份证明材料仅承办机关经办人员可以查看");
  }
  return f;
}

Result<FileContent> file_for_applicant(db::Db& db, const Case& opened, int64_t file_id) {
  for (const auto& f : opened.files) {
    if (f.id == file_id && f.kind == "letter" && f.visible_to_applicant) return read(db, opened, file_id);
  }
  return Error::not_found("该文件不存在");
}

}  // namespace gk::applications
