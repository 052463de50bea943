// Catalog classifications: 主题分类 (the 22 gov.cn subject classes and their sub-classes, ogi-facts §4.3)
// and 体裁 / 公文种类 (the 15 kinds of 《党政机关公文处理工作条例》第八条 plus 规章, 行政规范性文件, 其他, §4.4).
// The lists live once, in data/subjects.json and data/genres.json, embedded in the binary.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gk::catalog {

// A 主题分类 class. First-level codes are two digits ("06"); second-level codes are the parent's code
// followed by two digits ("0601"). Second-level classes have no children.
struct Subject {
  std::string code;
  std::string name;
  std::vector<Subject> children;
};

// A 体裁 (document genre) with a stable pinyin code, e.g. {"tongzhi", "通知"}.
struct Genre {
  std::string code;
  std::string name;
};

// A Taxonomy is an immutable, ordered set of subject classes and genres with lookup by code.
// Safe for concurrent use by many threads once built (all methods are const).
class Taxonomy {
 public:
  // Builds a taxonomy from the JSON text of subjects.json ([{"code","name","children":[{"code","name"}]}])
  // and genres.json ([{"code","name"}]). Throws std::runtime_error when either is malformed (bad JSON,
  // missing fields, duplicate codes, a child code not starting with its parent's): the data ships with
  // the program, so that is a programmer error.
  static Taxonomy load(std::string_view subjects_json, std::string_view genres_json);

  // The first- or second-level class with this code, or nullptr. Points into this Taxonomy.
  const Subject* subject(std::string_view code) const;
  // The class path as gov.cn stores it: "一级\二级" for a second-level code (e.g. "农业、林业、水利\林业"),
  // just "一级" for a first-level code, "" for an unknown code.
  std::string subject_path(std::string_view code) const;
  // The class whose subject_path equals `path` (as found in imported gov.cn metadata), or nullptr.
  const Subject* subject_by_path(std::string_view path) const;
  // The first-level classes in order, each with its sub-classes.
  const std::vector<Subject>& subjects() const { return subjects_; }

  // The genre with this code, or nullptr. Points into this Taxonomy.
  const Genre* genre(std::string_view code) const;
  // All genres in order.
  const std::vector<Genre>& genres() const { return genres_; }

 private:
  static constexpr size_t kNoChild = static_cast<size_t>(-1);

  std::vector<Subject> subjects_;
  std::vector<Genre> genres_;
  // code → (index in subjects_, index in children or kNoChild). Indices keep copies valid.
  std::map<std::string, std::pair<size_t, size_t>, std::less<>> subject_index_;
  std::map<std::string, size_t, std::less<>> genre_index_;
};

// The taxonomy built from the embedded data/subjects.json and data/genres.json, loaded once.
const Taxonomy& default_taxonomy();

}  // namespace gk::catalog
