// Test support: the five real letters of tests/data/devset as DocumentRecords with their gold
// tasks (75), addressees and references, as the pipeline will register them once task
// extraction lands. Header-only, used by the registry and calendar tests.
#ifndef CONGVAN_REGISTRY_GOLD_LETTERS_FOR_TEST_H_
#define CONGVAN_REGISTRY_GOLD_LETTERS_FOR_TEST_H_

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/sha256.h"
#include "registry/registry.h"
#include "support/testing.h"

namespace congvan::registry::testdata {

inline std::string JsonText(const nlohmann::json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

// One gold letter (fields + restored text) as a record; `path` is the file's name.
inline DocumentRecord GoldRecord(const std::filesystem::path& fields_json,
                                 const std::filesystem::path& text_file) {
  const nlohmann::json j = nlohmann::json::parse(congvan::testing::ReadFile(fields_json));
  DocumentRecord doc;
  doc.text = congvan::testing::ReadFile(text_file);
  doc.sha256 = Sha256Hex(doc.text);
  doc.path = text_file.string();
  doc.file_type = "text";
  doc.source = "text";
  doc.fields_json = j.dump();
  doc.doc_ref = JsonText(j, "doc_ref");
  doc.doc_type = JsonText(j, "doc_type");
  doc.issuer = JsonText(j, "issuer");
  doc.date = JsonText(j, "date");
  doc.subject = JsonText(j, "subject");
  doc.pages = {PageRecord{0, "text", doc.text, 100}};
  for (const auto& a : j["addressees"]) doc.addressees.push_back(a.get<std::string>());
  for (const auto& r : j["references"]) {
    doc.references.push_back({JsonText(r, "ref"), JsonText(r, "date"), JsonText(r, "type")});
  }
  for (const auto& t : j["tasks"]) {
    TaskRecord task;
    task.assignee = JsonText(t, "assignee");
    task.action = JsonText(t, "summary");
    task.due_date = JsonText(t, "deadline");
    task.deadline_text = JsonText(t, "deadline_text");
    // due_time stays empty: the gold gives no time of day, and none of its dated deadlines
    // names one (the only hour, "Trước 9 giờ ngày thứ Hai hằng tuần", is a recurrence's).
    task.recurrence = JsonText(t, "recurrence");
    doc.tasks.push_back(std::move(task));
  }
  return doc;
}

// All five, in file order (000 … 004).
inline std::vector<DocumentRecord> GoldRecords() {
  const std::filesystem::path dir = congvan::testing::TestData("devset");
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir / "fields")) {
    files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<DocumentRecord> out;
  for (const auto& f : files) {
    out.push_back(GoldRecord(f, dir / "restored" / (f.stem().string() + ".txt")));
  }
  return out;
}

}  // namespace congvan::registry::testdata

#endif  // CONGVAN_REGISTRY_GOLD_LETTERS_FOR_TEST_H_
