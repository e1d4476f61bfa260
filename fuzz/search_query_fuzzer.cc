// The search query language: whatever a clerk types is parsed and run over a registry holding
// one letter with a task. The query never reaches FTS5 or SQL as syntax, so any text gives
// results or a refusal of the query itself (InvalidInput), never another error or a crash.
#include <stdlib.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

#include "registry/registry.h"
#include "registry/search.h"

namespace {

congvan::registry::DocumentRecord OneLetter() {
  congvan::registry::DocumentRecord doc;
  doc.text =
      "ỦY BAN NHÂN DÂN HUYỆN HỚN QUẢN\nSố: 1138/UBND-NC\nV/v nâng cao chỉ số cải cách hành "
      "chính\nGiao Phòng Nội vụ chủ trì, báo cáo kết quả trước ngày 30/6/2023.";
  doc.sha256 = std::string(64, 'a');
  doc.path = "1138.txt";
  doc.file_type = "text";
  doc.source = "text";
  doc.fields_json = "{}";
  doc.doc_ref = "1138/UBND-NC";
  doc.doc_type = "Công văn";
  doc.issuer = "UBND huyện Hớn Quản";
  doc.date = "2023-06-01";
  doc.subject = "nâng cao chỉ số cải cách hành chính";
  doc.pages = {congvan::registry::PageRecord{0, "text", doc.text, 100}};
  congvan::registry::TaskRecord task;
  task.assignee = "Phòng Nội vụ";
  task.action = "báo cáo kết quả cải cách hành chính";
  task.due_date = "2023-06-30";
  task.deadline_text = "trước ngày 30/6/2023";
  doc.tasks = {task};
  return doc;
}

// The temporary folder of the registry, removed when the process exits normally.
char registry_dir[] = "/tmp/congvan-search-fuzz-XXXXXX";

void RemoveRegistryDir() {
  std::error_code ignored;
  std::filesystem::remove_all(registry_dir, ignored);
}

// A registry in a fresh temporary folder, filled once.
congvan::registry::Registry& Shared() {
  static congvan::registry::Registry* registry = [] {
    char* dir = ::mkdtemp(registry_dir);
    if (dir == nullptr) std::abort();
    std::atexit(RemoveRegistryDir);
    auto opened = congvan::registry::Registry::Open(std::string(dir) + "/registry.db");
    if (!opened.ok()) {
      std::fprintf(stderr, "%s\n", opened.status().ToString().c_str());
      std::abort();
    }
    auto added = (*opened)->Add(OneLetter());
    if (!added.ok()) {
      std::fprintf(stderr, "%s\n", added.status().ToString().c_str());
      std::abort();
    }
    return opened->release();
  }();
  return *registry;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string query(reinterpret_cast<const char*>(data), size);
  const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1688000000));
  auto results = congvan::registry::Search(Shared(), query, now);
  if (!results.ok() && results.status().code() != congvan::Code::kInvalidInput) {
    std::fprintf(stderr, "query %s: %s\n", query.c_str(), results.status().ToString().c_str());
    std::abort();
  }
  return 0;
}
