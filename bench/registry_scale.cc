// Scale benchmark for the task registry: builds a registry of N letters (default
// 100,000) with 10 tasks each by varying the five real gold letters of tests/data/devset
// (numbers, dates, assignees, issuers), then measures bulk registration, search latency (p50,
// p95), the task list by deadline with filters, and the database size per letter.
//
// Letters are registered with Registry::AddAll in batches (--batch, default 500), then 1,000 more
// one Add() each. Wall and CPU time are both printed: on a shared machine the wall time also
// measures the neighbours.
//
//   nice build/registry_scale [--letters N] [--batch N] [--db FILE] [--data DIR] [--queries N]
//                             [--sql STATEMENT]   (run on the registry before the import: to try
//                                                  FTS5 settings such as 'automerge')
//                             [--query Q]...      (these queries instead of the built-in mix)
//   /usr/bin/time -v build/registry_scale --search-only --db FILE   (peak memory of search)
// --db also takes a postgresql:// URI of an empty database (--sql is SQLite's only).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sqlite3.h>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "base/sha256.h"
#include "registry/registry.h"
#include "registry/search.h"
#include "registry/tasks.h"

namespace fs = std::filesystem;
using namespace congvan;
using Clock = std::chrono::steady_clock;

namespace {

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Base {
  nlohmann::json fields;
  std::string text;
};

std::vector<Base> LoadGold(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir / "fields")) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<Base> out;
  for (const auto& f : files) {
    out.push_back({nlohmann::json::parse(Slurp(f)),
                   Slurp(dir / "restored" / (f.stem().string() + ".txt"))});
  }
  return out;
}

std::string S(const nlohmann::json& j, const char* k) {
  return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : "";
}

const char* kPlaces[] = {"Hớn Quản", "Tứ Kỳ", "Bình Sơn", "Đồng Hỷ", "Yên Thế", "Đắk Mil",
                         "Quỳnh Lưu", "Cẩm Xuyên", "Hải Hậu", "Krông Pắc", "Lộc Ninh",
                         "Thạch Hà", "Ứng Hòa", "Đông Anh", "Sóc Sơn", "Châu Thành"};
const char* kOffices[] = {"Phòng Nội vụ", "Phòng Tài chính - Kế hoạch", "Phòng Giáo dục và Đào tạo",
                          "Phòng Y tế", "Văn phòng HĐND và UBND", "Phòng Tư pháp",
                          "Phòng Văn hóa và Thông tin", "Phòng Tài nguyên và Môi trường",
                          "Công an", "Ban Chỉ huy Quân sự", "Phòng Kinh tế và Hạ tầng",
                          "Phòng Lao động - Thương binh và Xã hội"};

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); !from.empty() && at != std::string::npos;
       at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

// Letter i: gold letter i % 5 with its number, date, place and assignees varied.
registry::DocumentRecord Vary(const Base& b, int i, std::mt19937& rng) {
  const nlohmann::json& j = b.fields;
  registry::DocumentRecord d;
  const std::string place = kPlaces[rng() % std::size(kPlaces)];
  const std::string number = std::to_string(1 + i / 5 % 9000 + (i % 97) * 10000);
  const std::string symbol = S(j, "doc_symbol");
  const int year = 2019 + static_cast<int>(rng() % 6);
  const int day_of_year = static_cast<int>(rng() % 360);
  const std::string date = registry::IsoFromDays(registry::DaysFromIso(std::to_string(year) +
                                                                       "-01-01") + day_of_year);
  d.doc_ref = number + "/" + symbol;
  d.text = Replace(b.text, S(j, "doc_number"), number);
  d.text = Replace(d.text, S(j, "place"), place);
  d.sha256 = Sha256Hex(d.text + std::to_string(i));
  d.path = "/srv/congvan/" + std::to_string(year) + "/" + std::to_string(i) + ".pdf";
  d.file_type = "pdf";
  d.source = "ocr";
  d.doc_type = S(j, "doc_type");
  d.issuer = Replace(S(j, "issuer"), S(j, "place"), place);
  d.date = date;
  d.subject = S(j, "subject");
  d.pages = {registry::PageRecord{0, "ocr", d.text, 90}};
  for (const auto& a : j["addressees"]) d.addressees.push_back(a.get<std::string>());
  for (const auto& r : j["references"]) d.references.push_back({S(r, "ref"), S(r, "date"), S(r, "type")});
  const auto& tasks = j["tasks"];
  for (int k = 0; k < 10; ++k) {
    const auto& t = tasks[static_cast<std::size_t>(k) % tasks.size()];
    registry::TaskRecord task;
    task.assignee = (rng() % 3 == 0) ? std::string(kOffices[rng() % std::size(kOffices)]) + " huyện " + place
                                     : S(t, "assignee");
    task.action = S(t, "summary");
    if (rng() % 2 == 0) {
      task.due_date = registry::IsoFromDays(registry::DaysFromIso(date) + 5 + static_cast<int>(rng() % 60));
      task.deadline_text = "trước ngày " + task.due_date;
    }
    task.recurrence = S(t, "recurrence");
    d.tasks.push_back(std::move(task));
  }
  return d;
}

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// CPU time of this process: on a shared machine wall time also measures the neighbours.
double CpuMs() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

struct Stats { double p50, p95, max; };
Stats Percentiles(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  auto at = [&](double q) { return v[std::min(v.size() - 1, static_cast<std::size_t>(q * v.size()))]; };
  return {at(0.5), at(0.95), v.back()};
}

}  // namespace

int main(int argc, char** argv) {
  int letters = 100000, queries = 200, batch_size = 500;
  bool search_only = false;
  std::vector<std::string> setup_sql, only_queries;
  std::string db = "/tmp/congvan-registry-scale.db";
  fs::path data = fs::path(__FILE__).parent_path().parent_path() / "tests/data/devset";
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--letters" && i + 1 < argc) letters = std::atoi(argv[++i]);
    else if (a == "--queries" && i + 1 < argc) queries = std::atoi(argv[++i]);
    else if (a == "--batch" && i + 1 < argc) batch_size = std::max(1, std::atoi(argv[++i]));
    else if (a == "--db" && i + 1 < argc) db = argv[++i];
    else if (a == "--data" && i + 1 < argc) data = argv[++i];
    else if (a == "--sql" && i + 1 < argc) setup_sql.push_back(argv[++i]);
    else if (a == "--query" && i + 1 < argc) only_queries.push_back(argv[++i]);
    else if (a == "--search-only") search_only = true;
    else {
      std::fprintf(stderr, "usage: %s [--letters N] [--batch N] [--queries N] [--db F] [--data DIR] [--sql S] [--query Q] [--search-only]\n", argv[0]);
      return 2;
    }
  }
  if (!search_only && db.find("://") == std::string::npos) {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db + suffix);
  }
  const auto open_start = Clock::now();
  auto reg = registry::Registry::Open(db);
  // On an existing registry this includes the migrations it still needs.
  if (search_only) std::printf("opened in %.1f s\n", Ms(Clock::now() - open_start) / 1000);
  if (!reg.ok()) {
    std::fprintf(stderr, "%s\n", reg.status().ToString().c_str());
    return 1;
  }
  for (const std::string& sql : setup_sql) {
    char* error = nullptr;
    if (sqlite3_exec((*reg)->connection(), sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      std::fprintf(stderr, "%s: %s\n", sql.c_str(), error != nullptr ? error : "error");
      sqlite3_free(error);
      return 1;
    }
  }
  std::mt19937 rng(42);
  if (!search_only) {
    const std::vector<Base> gold = LoadGold(data);
    // Registry::AddAll in batches, as a bulk import does; varying the letters is not timed.
    double secs = 0, cpu_secs = 0;
    std::vector<registry::DocumentRecord> batch;
    for (int i = 0; i < letters;) {
      batch.clear();
      for (; i < letters && static_cast<int>(batch.size()) < batch_size; ++i) {
        batch.push_back(Vary(gold[i % gold.size()], i, rng));
      }
      const auto start = Clock::now();
      const double cpu_start = CpuMs();
      auto out = (*reg)->AddAll(batch);
      secs += Ms(Clock::now() - start) / 1000;
      cpu_secs += (CpuMs() - cpu_start) / 1000;
      if (!out.ok()) {
        std::fprintf(stderr, "letters before %d: %s\n", i, out.status().ToString().c_str());
        return 1;
      }
      if (i % 10000 == 0) std::fprintf(stderr, "  %d letters\n", i);
    }
    std::printf("bulk registration (AddAll, batches of %d): %d letters, %d tasks in %.1f s = "
                "%.0f letters/s (CPU %.1f s = %.0f letters/CPU-s)\n",
                batch_size, letters, letters * 10, secs, letters / secs, cpu_secs,
                letters / cpu_secs);
    // One letter per Add(), as the pipeline registers a scanned file, on the full registry.
    const int singles = std::min(letters, 1000);
    const auto start = Clock::now();
    const double cpu_start = CpuMs();
    for (int i = letters; i < letters + singles; ++i) {
      auto out = (*reg)->Add(Vary(gold[i % gold.size()], i, rng));
      if (!out.ok()) {
        std::fprintf(stderr, "letter %d: %s\n", i, out.status().ToString().c_str());
        return 1;
      }
    }
    const double single_secs = Ms(Clock::now() - start) / 1000;
    std::printf("single registration (Add, one transaction each): %d letters in %.1f s = %.0f "
                "letters/s (CPU %.1f s)\n", singles, single_secs, singles / single_secs,
                (CpuMs() - cpu_start) / 1000);
    if (!(*reg)->is_postgres()) {  // a PostgreSQL URI names no file
      (*reg).reset();  // checkpoint the WAL so the file size is the database's
      reg = registry::Registry::Open(db);
      const auto size = fs::file_size(db);
      std::printf("database: %.1f MB, %.1f KB per letter\n", size / 1e6,
                  size / 1e3 / (letters + singles));
    }
  }
  std::vector<std::string> qs = {
      "nâng cao chỉ số", "nang cao chi so", "\"cải cách hành chính\"", "Sipa*", "số hóa hồ sơ",
      "don-vi:\"Phòng Nội vụ\" trang-thai:qua-han", "co-quan:\"Hớn Quản\" cải cách",
      "so:1138", "han<2021-06-01", "một cửa liên thông co-quan:\"Tứ Kỳ\"", "Papi Sipas",
      "tuyên truyền đ*", "chính quyền số", "đẩy mạnh", "trang-thai:qua-han han>2024-01-01"};
  if (!only_queries.empty()) qs = only_queries;  // to profile a few
  const auto now = std::chrono::system_clock::now();
  std::vector<double> search_ms, search_cpu_ms;
  for (int i = 0; i < queries; ++i) {
    const auto t0 = Clock::now();
    const double c0 = CpuMs();
    auto r = registry::Search(**reg, qs[i % qs.size()], now);
    search_ms.push_back(Ms(Clock::now() - t0));
    search_cpu_ms.push_back(CpuMs() - c0);
    if (!r.ok()) std::fprintf(stderr, "%s: %s\n", qs[i % qs.size()].c_str(), r.status().ToString().c_str());
  }
  Stats s = Percentiles(search_ms);
  std::printf("search (%d queries, 20 letters + 20 tasks each): p50 %.1f ms, p95 %.1f ms, max %.1f ms\n",
              queries, s.p50, s.p95, s.max);
  s = Percentiles(search_cpu_ms);
  std::printf("search CPU time: p50 %.1f ms, p95 %.1f ms, max %.1f ms\n", s.p50, s.p95, s.max);
  for (const std::string& q : qs) {
    const auto t0 = Clock::now();
    const double c0 = CpuMs();
    auto r = registry::Search(**reg, q, now);
    std::printf("    %-45s %7.1f ms (CPU %6.1f ms)  %zu letters %zu tasks\n", q.c_str(),
                Ms(Clock::now() - t0), CpuMs() - c0, r.ok() ? r->documents.size() : 0,
                r.ok() ? r->tasks.size() : 0);
  }
  std::vector<registry::TaskFilter> filters(6);
  filters[1].assignee = "Phòng Nội vụ";
  filters[2].issuer = "Hớn Quản";
  filters[3].due_max = "2021-06-30";
  filters[4].states = {registry::TaskState::kOverdue};
  filters[5].assignee = "Phòng Y tế";
  filters[5].states = {registry::TaskState::kOverdue};
  const char* names[] = {"all", "assignee", "issuer", "due-before", "overdue", "assignee+overdue"};
  std::vector<double> list_ms, list_cpu_ms;
  for (int round = 0; round < 10; ++round) {
    for (std::size_t k = 0; k < filters.size(); ++k) {
      filters[k].limit = 100;
      const auto t0 = Clock::now();
      const double c0 = CpuMs();
      auto r = registry::ListTasks(**reg, filters[k], now);
      const double ms = Ms(Clock::now() - t0);
      list_ms.push_back(ms);
      list_cpu_ms.push_back(CpuMs() - c0);
      if (round == 0) {
        std::printf("    tasks %-18s first 100 by deadline: %7.1f ms (CPU %5.1f ms) (%zu)\n",
                    names[k], ms, list_cpu_ms.back(), r.ok() ? r->size() : 0);
      }
    }
  }
  s = Percentiles(list_ms);
  std::printf("task list (limit 100): p50 %.1f ms, p95 %.1f ms, max %.1f ms\n", s.p50, s.p95, s.max);
  s = Percentiles(list_cpu_ms);
  std::printf("task list CPU time: p50 %.1f ms, p95 %.1f ms, max %.1f ms\n", s.p50, s.p95, s.max);
  return 0;
}
