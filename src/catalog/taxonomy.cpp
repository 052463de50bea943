// Loading and lookup of the subject (主题分类) and genre (体裁) classifications.
#include "catalog/taxonomy.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "platform/embedded.h"

namespace gk::catalog {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& what) { throw std::runtime_error("taxonomy data: " + what); }

std::string string_field(const json& obj, const char* key) {
  if (!obj.is_object() || !obj.contains(key) || !obj[key].is_string() || obj[key].get<std::string>().empty()) {
    fail(std::string("missing or empty \"") + key + "\" in " + obj.dump());
  }
  return obj[key].get<std::string>();
}

bool is_digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

json parse(std::string_view text, const char* what) {
  try {
    json j = json::parse(text);
    if (!j.is_array()) fail(std::string(what) + " is not an array");
    return j;
  } catch (const json::parse_error& e) {
    fail(std::string(what) + ": " + e.what());
  }
}

}  // namespace

Taxonomy Taxonomy::load(std::string_view subjects_json, std::string_view genres_json) {
  Taxonomy t;
  for (const json& s : parse(subjects_json, "subjects")) {
    Subject parent{string_field(s, "code"), string_field(s, "name"), {}};
    if (parent.code.size() != 2 || !is_digits(parent.code)) fail("bad first-level code " + parent.code);
    if (s.contains("children")) {
      if (!s["children"].is_array()) fail("children of " + parent.code + " is not an array");
      for (const json& c : s["children"]) {
        Subject child{string_field(c, "code"), string_field(c, "name"), {}};
        if (child.code.size() != 4 || !is_digits(child.code) || !child.code.starts_with(parent.code)) {
          fail("bad second-level code " + child.code + " under " + parent.code);
        }
        parent.children.push_back(std::move(child));
      }
    }
    size_t i = t.subjects_.size();
    if (!t.subject_index_.emplace(parent.code, std::pair{i, kNoChild}).second) fail("duplicate code " + parent.code);
    for (size_t j = 0; j < parent.children.size(); ++j) {
      if (!t.subject_index_.emplace(parent.children[j].code, std::pair{i, j}).second) {
        fail("duplicate code " + parent.children[j].code);
      }
    }
    t.subjects_.push_back(std::move(parent));
  }
  for (const json& g : parse(genres_json, "genres")) {
    Genre genre{string_field(g, "code"), string_field(g, "name")};
    if (!t.genre_index_.emplace(genre.code, t.genres_.size()).second) fail("duplicate genre code " + genre.code);
    t.genres_.push_back(std::move(genre));
  }
  return t;
}

const Subject* Taxonomy::subject(std::string_view code) const {
  auto it = subject_index_.find(code);
  if (it == subject_index_.end()) return nullptr;
  const auto [i, j] = it->second;
  return j == kNoChild ? &subjects_[i] : &subjects_[i].children[j];
}

std::string Taxonomy::subject_path(std::string_view code) const {
  auto it = subject_index_.find(code);
  if (it == subject_index_.end()) return "";
  const auto [i, j] = it->second;
  if (j == kNoChild) return subjects_[i].name;
  return subjects_[i].name + "\\" + subjects_[i].children[j].name;
}

const Subject* Taxonomy::subject_by_path(std::string_view path) const {
  auto sep = path.find('\\');
  std::string_view first = path.substr(0, sep);
  for (const Subject& s : subjects_) {
    if (s.name != first) continue;
    if (sep == std::string_view::npos) return &s;
    std::string_view second = path.substr(sep + 1);
    for (const Subject& c : s.children) {
      if (c.name == second) return &c;
    }
    return nullptr;
  }
  return nullptr;
}

const Genre* Taxonomy::genre(std::string_view code) const {
  auto it = genre_index_.find(code);
  return it == genre_index_.end() ? nullptr : &genres_[it->second];
}

const Taxonomy& default_taxonomy() {
  static const Taxonomy taxonomy =
      Taxonomy::load(embedded::file("data/subjects.json"), embedded::file("data/genres.json"));
  return taxonomy;
}

}  // namespace gk::catalog
