#include "cli/commands.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "cli/command_support.h"
#include "extract/letter.h"
#include "intake/document.h"
#include "registry/book.h"
#include "registry/originals.h"
#include "registry/pg_connection.h"
#include "registry/registry.h"
#include "repair/normalize.h"
#include "repair/restorer.h"
#include "web/json_views.h"

namespace congvan::cli {
namespace {

namespace fs = std::filesystem;

std::string DbPath(const Common& common) {
  return common.db.empty() ? registry::Registry::DefaultPath() : common.db;
}

Result<std::unique_ptr<pipeline::Pipeline>> MakePipeline(const Common& common) {
  return pipeline::Pipeline::Create(common.pipeline);
}

// "1532/UBND-VP · Công văn · 2023-11-14 · Ủy ban nhân dân huyện Tứ Kỳ"
std::string Headline(const std::string& ref, const std::string& type, const std::string& date,
                     const std::string& issuer) {
  std::string out;
  for (const std::string* part : {&ref, &type, &date, &issuer}) {
    if (part->empty()) continue;
    if (!out.empty()) out += " · ";
    out += *part;
  }
  return out.empty() ? "(no header fields found)" : out;
}

// A one-line progress bar on stderr, drawn only when stderr is a terminal.
class Progress {
 public:
  explicit Progress(std::size_t total) : total_(total), enabled_(isatty(STDERR_FILENO) == 1) {}
  void Update(std::size_t done) {
    if (!enabled_) return;
    constexpr int kWidth = 30;
    const int filled = total_ == 0 ? kWidth : static_cast<int>(kWidth * done / total_);
    std::fprintf(stderr, "\r[%s%s] %zu/%zu files", std::string(filled, '#').c_str(),
                 std::string(kWidth - filled, '.').c_str(), done, total_);
    std::fflush(stderr);
  }
  void Clear() {
    if (enabled_) std::fprintf(stderr, "\r\033[K");
  }

 private:
  std::size_t total_;
  bool enabled_;
};

}  // namespace

namespace {

// Whether the symbolic link `link` resolves to a file inside the folder `root` (canonical).
bool LeadsInside(const fs::path& link, const fs::path& root) {
  std::error_code ec;
  const fs::path target = fs::canonical(link, ec);
  if (ec || root.empty()) return false;
  const fs::path rel = target.lexically_relative(root);
  return !rel.empty() && *rel.begin() != "..";
}

}  // namespace

std::vector<std::string> ExpandPaths(const std::vector<std::string>& args) {
  std::vector<std::string> files;
  for (const std::string& arg : args) {
    std::error_code ec;
    if (!fs::is_directory(arg, ec)) {
      files.push_back(arg);  // intake explains what is wrong with it, if anything
      continue;
    }
    std::vector<std::string> found;
    const fs::path root = fs::canonical(arg, ec);
    auto it = fs::recursive_directory_iterator(arg, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      std::error_code type_ec;
      if (!it->is_regular_file(type_ec)) continue;
      // A link that leads out of the folder would register whatever it names (a password file,
      // another office's letters) as if it had been put in the folder.
      if (it->is_symlink(type_ec) && !LeadsInside(it->path(), root)) {
        std::fprintf(stderr, "skipped     %s: liên kết tượng trưng trỏ ra ngoài thư mục %s\n",
                     it->path().c_str(), arg.c_str());
        continue;
      }
      found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

namespace {

// Files read but not yet registered are registered together (pipeline::RegisterAll, one
// transaction) once this many wait or the oldest has waited kIngestBatchWait: a folder of text
// files registers in batches, while scans that take seconds each are still reported as read.
constexpr std::size_t kIngestBatch = 200;
constexpr auto kIngestBatchWait = std::chrono::seconds(1);

struct IngestCounts {
  std::size_t added = 0, duplicates = 0, failed = 0;
};

// Prints what became of one read file ("registered", "attached", "already" or "failed") and its
// warnings.
void ReportRegistration(const std::string& path, const pipeline::Processed& processed,
                        const Result<registry::AddOutcome>& outcome, IngestCounts& counts) {
  if (!outcome.ok()) {
    ++counts.failed;
    std::fprintf(stderr, "failed      %s: %s\n", path.c_str(), outcome.status().message().c_str());
  } else if (outcome->attached && !outcome->already_registered) {
    // Another file of a letter already registered (its TIFF after its PDF): one letter.
    ++counts.added;
    std::printf("attached    #%-4lld %s (another file of letter #%lld)\n",
                static_cast<long long>(outcome->id), path.c_str(),
                static_cast<long long>(outcome->id));
  } else if (outcome->already_registered) {
    ++counts.duplicates;
    std::printf("already     #%-4lld %s (registered before, nothing changed)\n",
                static_cast<long long>(outcome->id), path.c_str());
  } else {
    ++counts.added;
    const extract::Letter& l = processed.letter;
    const std::size_t n = processed.pages.size(), tasks = l.tasks.size();
    std::printf("registered  #%-4lld %s [%s, %zu page%s, %zu task%s]  %s\n",
                static_cast<long long>(outcome->id), path.c_str(),
                processed.SourceKind().c_str(), n, n == 1 ? "" : "s", tasks,
                tasks == 1 ? "" : "s",
                Headline(l.doc_ref.value_or(""), l.doc_type.value_or(""), l.date.value_or(""),
                         l.issuer.value_or("")).c_str());
  }
  for (const std::string& warning : processed.warnings) {
    std::fprintf(stderr, "warning     %s: %s\n", path.c_str(), warning.c_str());
  }
}

}  // namespace

int Ingest(const Common& common, const std::vector<std::string>& args) {
  const std::vector<std::string> paths = ExpandPaths(args);
  if (paths.empty()) return Fail(Status::NotFound("no files to ingest"));
  Result<std::unique_ptr<registry::Registry>> reg = registry::Registry::Open(DbPath(common));
  if (!reg.ok()) return Fail(reg.status());
  // What an earlier run left when the disk filled or it was killed; a failure here is harmless.
  (void)registry::Originals::ForRegistry(**reg).RemoveStaleTemporaries();
  Result<std::unique_ptr<pipeline::Pipeline>> pipe = MakePipeline(common);
  if (!pipe.ok()) return Fail(pipe.status());

  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  std::size_t done = 0, pages = 0;
  IngestCounts counts;
  std::vector<pipeline::Processed> pending;
  std::vector<std::size_t> pending_index;  // input index of each pending file
  Clock::time_point pending_since;
  auto register_pending = [&] {
    const std::vector<Result<registry::AddOutcome>> outcomes =
        pipeline::RegisterAll(**reg, pending);
    for (std::size_t k = 0; k < pending.size(); ++k) {
      ReportRegistration(paths[pending_index[k]], pending[k], outcomes[k], counts);
    }
    std::fflush(stdout);
    pending.clear();
    pending_index.clear();
  };
  Progress progress(paths.size());
  progress.Update(0);
  (*pipe)->ProcessAll(paths, [&](std::size_t index, Result<pipeline::Processed> result) {
    progress.Clear();
    ++done;
    if (!result.ok()) {
      ++counts.failed;
      std::fprintf(stderr, "failed      %s\n", result.status().message().c_str());
    } else {
      pages += result->pages.size();
      if (pending.empty()) pending_since = Clock::now();
      pending.push_back(std::move(result).value());
      pending_index.push_back(index);
      if (pending.size() >= kIngestBatch || Clock::now() - pending_since >= kIngestBatchWait) {
        register_pending();
      }
    }
    progress.Update(done);
  });
  if (!pending.empty()) {
    progress.Clear();
    register_pending();
  }
  progress.Clear();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("%zu file%s: %zu registered, %zu already registered, %zu failed; %zu pages in %.1f s "
              "(%.2f pages/s) -> %s\n",
              paths.size(), paths.size() == 1 ? "" : "s", counts.added, counts.duplicates,
              counts.failed, pages, seconds, seconds > 0 ? pages / seconds : 0.0,
              registry::RedactedUri(DbPath(common)).c_str());
  return counts.failed == 0 ? 0 : 1;
}

namespace {

void PrintField(const char* name, const std::optional<std::string>& value) {
  std::printf("%-14s %s\n", name, value ? value->c_str() : "-");
}

void PrintLetter(const extract::Letter& l) {
  PrintField("file", l.file);
  PrintField("number", l.doc_ref);
  PrintField("type", l.doc_type);
  PrintField("issuer", l.issuer);
  PrintField("parent", l.issuer_parent);
  PrintField("place", l.place);
  PrintField("date", l.date);
  PrintField("subject", l.subject);
  for (const std::string& a : l.addressees) PrintField("addressee", a);
  if (l.urgency) PrintField("urgency", l.urgency);
  if (l.received) {
    const extract::Received& r = *l.received;
    PrintField("received", r.date.value_or("-") + " | số " + r.number.value_or("-") + " | " +
                               r.office.value_or("-"));
  }
  for (const extract::Task& t : l.tasks) {
    PrintField("task", "[" + t.assignee + "] " + t.summary +
                           (t.deadline ? " (by " + *t.deadline + ")" : std::string()));
  }
  auto signature = [](const extract::DigitalSignature& s) {
    PrintField("signed by", s.signed_by + (s.signed_at.empty() ? "" : ", " + s.signed_at) +
                                (s.email.empty() ? "" : ", " + s.email));
  };
  if (l.digital_signature) signature(*l.digital_signature);
  for (const extract::DigitalSignature& s : l.countersignatures) signature(s);
  for (const std::string& r : l.review.reasons) PrintField("review", r);
}

}  // namespace

int Extract(const Common& common, const std::string& file, bool json) {
  Result<std::unique_ptr<pipeline::Pipeline>> pipe = MakePipeline(common);
  if (!pipe.ok()) return Fail(pipe.status());
  Result<pipeline::Processed> result = (*pipe)->Process(file);
  if (!result.ok()) return Fail(result.status());
  if (json) {
    std::printf("%s\n", extract::ToJson(result->letter, 2, /*with_flags=*/false,
                                         /*with_confidence=*/true).c_str());
  } else {
    PrintLetter(result->letter);
  }
  return 0;
}

int Ocr(const Common& common, const std::string& file, bool raw) {
  pipeline::Options options = common.pipeline;
  options.repair = !raw;
  options.extract = false;
  Result<std::unique_ptr<pipeline::Pipeline>> pipe = pipeline::Pipeline::Create(options);
  if (!pipe.ok()) return Fail(pipe.status());
  Result<pipeline::Processed> result = (*pipe)->Process(file);
  if (!result.ok()) return Fail(result.status());
  std::printf("%s\n", result->Text().c_str());
  return 0;
}

namespace {

// The text of a file congvan repair is given: decoded like any text input; scans are refused
// (they need OCR first).
Result<std::string> ReadTextInput(const std::string& file, const intake::Limits& limits,
                                  std::vector<std::string>* warnings) {
  if (file.empty()) {
    std::string bytes(std::istreambuf_iterator<char>(std::cin), {});
    return intake::DecodeText(bytes, warnings);
  }
  Result<std::unique_ptr<intake::Document>> doc = intake::Document::Open(file, limits);
  if (!doc.ok()) return doc.status();
  if ((*doc)->source().type != intake::FileType::kText) {
    return Status::InvalidInput(file + " is " + intake::FileTypeName((*doc)->source().type) +
                                ", not text: use congvan ocr for scans and PDFs");
  }
  *warnings = (*doc)->warnings();
  std::string text;
  for (int i = 0; i < (*doc)->page_count(); ++i) {
    Result<intake::Page> page = (*doc)->LoadPage(i);
    if (!page.ok()) return page.status();
    if (i > 0) text += "\f";
    text += page->text;
  }
  return text;
}

void PrintExplanation(const std::vector<repair::Restorer::Change>& changes) {
  for (const repair::Restorer::Change& c : changes) {
    std::printf("@%zu  %s -> %s\n", c.offset, c.original.c_str(), c.replacement.c_str());
    for (const repair::Restorer::Alternative& a : c.alternatives) {
      std::printf("      %-12s score %7.2f  channel %6.2f%s\n", a.text.c_str(), a.score, a.channel,
                  a.text == c.replacement ? "  <- chosen" : "");
    }
  }
  if (changes.empty()) std::printf("(nothing to change)\n");
}

}  // namespace

int Repair(const Common& common, const std::string& file, bool explain) {
  std::vector<std::string> warnings;
  Result<std::string> text = ReadTextInput(file, common.pipeline.limits, &warnings);
  if (!text.ok()) return Fail(file.empty() ? text.status().WithContext("standard input") : text.status());
  for (const std::string& w : warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
  Result<repair::Normalizer> normalizer = repair::Normalizer::Create();
  if (!normalizer.ok()) return Fail(normalizer.status());
  const std::string& dir = common.pipeline.models_dir;
  Result<repair::Restorer> restorer =
      repair::Restorer::Load(dir.empty() ? pipeline::DefaultModelsDir() : dir);
  if (!restorer.ok()) return Fail(restorer.status());
  const std::string normalized = normalizer->Normalize(*text);
  if (explain) {
    PrintExplanation(restorer->Explain(normalized));
    return 0;
  }
  const std::string out = restorer->Restore(normalized);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

namespace {

nlohmann::ordered_json RecordJson(const registry::DocumentRecord& r, bool text) {
  nlohmann::ordered_json j;
  j["id"] = r.id;
  j["sha256"] = r.sha256;
  j["path"] = r.path;
  j["file_type"] = r.file_type;
  j["source"] = r.source;
  j["pages"] = r.pages.size();
  j["created_at"] = r.created_at;
  j["updated_at"] = r.updated_at;
  j["fields"] = nlohmann::ordered_json::parse(r.fields_json, nullptr, /*allow_exceptions=*/false);
  if (text) j["text"] = r.text;
  return j;
}

// One line per verified digital signature: verdict, signer, time, trust.
void PrintVerifiedSignatures(const nlohmann::json& fields) {
  if (!fields.is_object() || !fields.contains("signatures") || !fields["signatures"].is_array()) {
    return;
  }
  for (const nlohmann::json& s : fields["signatures"]) {
    if (!s.is_object()) continue;
    const std::string at = s["signed_at"].is_string() ? s["signed_at"].get<std::string>() : "";
    std::string line = s.value("valid", false) ? "hợp lệ" : "KHÔNG HỢP LỆ (văn bản đã bị thay đổi)";
    line += " — " + s.value("signer", std::string()) + (at.empty() ? "" : ", " + at);
    line += " [" + s.value("trust", std::string()) + "]";
    if (s.value("valid", false) && !s.value("covers_whole_file", true)) {
      line += " (tệp có phần thêm sau chữ ký)";
    }
    std::printf("%-14s %s\n", "signature", line.c_str());
  }
}

// "signed by     Ủy ban nhân dân tỉnh Quảng Ngãi, 2025-01-07T10:09:57+07:00", one line per
// digital signature the letter's PDF carries (the letter's own, then later ones).
void PrintSignatures(const nlohmann::json& fields) {
  if (!fields.is_object()) return;
  const std::vector<nlohmann::json> signatures = web::StampedSignatures(fields);
  for (const nlohmann::json& s : signatures) {
    std::string line = s.value("signed_by", "");
    for (const char* key : {"signed_at", "email"}) {
      const std::string value = s.value(key, "");
      if (!value.empty()) line += ", " + value;
    }
    std::printf("%-14s %s\n", "signed by", line.c_str());
  }
}

}  // namespace

int Show(const Common& common, std::int64_t id, bool json, bool text) {
  Result<std::unique_ptr<registry::Registry>> reg = registry::Registry::Open(DbPath(common));
  if (!reg.ok()) return Fail(reg.status());
  Result<std::optional<registry::DocumentRecord>> found = (*reg)->Find(id);
  if (!found.ok()) return Fail(found.status());
  if (!found->has_value()) {
    return Fail(Status::NotFound("no document #" + std::to_string(id) + " in " +
                                 registry::RedactedUri(DbPath(common))));
  }
  const registry::DocumentRecord& r = **found;
  if (json) {
    std::printf("%s\n", RecordJson(r, text).dump(2).c_str());
    return 0;
  }
  std::printf("#%lld  %s\n", static_cast<long long>(r.id), r.path.c_str());
  std::printf("%-14s %s (%s, %zu page%s)\n", "read from", r.file_type.c_str(), r.source.c_str(),
              r.pages.size(), r.pages.size() == 1 ? "" : "s");
  std::printf("%-14s %s\n", "registered", r.created_at.c_str());
  std::printf("%-14s %s\n", "sha256", r.sha256.c_str());
  // Its line in the register of incoming letters (registry/book.h).
  Result<std::optional<registry::BookEntry>> arrival = registry::FindArrival(**reg, r.sha256);
  if (!arrival.ok()) return Fail(arrival.status());
  if (arrival->has_value()) {
    std::printf("%-14s %lld / %d, ngày đến %s\n", "arrival", static_cast<long long>((*arrival)->number),
                (*arrival)->year, registry::BookCells(**arrival)[0].c_str());
  }
  auto fields = nlohmann::json::parse(r.fields_json, nullptr, false);
  auto field = [&fields](const char* key) -> std::optional<std::string> {
    if (fields.is_discarded() || !fields.contains(key) || !fields[key].is_string()) return {};
    return fields[key].get<std::string>();
  };
  for (const char* key : {"doc_ref", "doc_type", "issuer", "issuer_parent", "place", "date",
                          "subject"}) {
    PrintField(key, field(key));
  }
  PrintSignatures(fields);
  PrintVerifiedSignatures(fields);
  // Why the letter must be checked, as the extraction said (older records: their flags).
  if (!fields.is_discarded()) {
    const nlohmann::json* reasons = nullptr;
    if (fields.contains("review") && fields["review"].is_object() && fields["review"].contains("reasons")) {
      reasons = &fields["review"]["reasons"];
    } else if (fields.contains("flags")) {
      reasons = &fields["flags"];
    }
    if (reasons != nullptr && reasons->is_array()) {
      for (const nlohmann::json& reason : *reasons) {
        if (reason.is_string()) PrintField("review", reason.get<std::string>());
      }
    }
  }
  if (text) std::printf("\n%s\n", r.text.c_str());
  return 0;
}

int List(const Common& common, int limit) {
  Result<std::unique_ptr<registry::Registry>> reg = registry::Registry::Open(DbPath(common));
  if (!reg.ok()) return Fail(reg.status());
  Result<std::vector<registry::DocumentRecord>> docs = (*reg)->List(limit);
  if (!docs.ok()) return Fail(docs.status());
  for (const registry::DocumentRecord& r : *docs) {
    std::printf("#%-4lld %-8s %s  %s\n", static_cast<long long>(r.id), r.source.c_str(),
                Headline(r.doc_ref, r.doc_type, r.date, r.issuer).c_str(), r.path.c_str());
  }
  if (docs->empty()) {
    std::printf("(the registry %s is empty)\n", registry::RedactedUri(DbPath(common)).c_str());
  }
  return 0;
}

}  // namespace congvan::cli
