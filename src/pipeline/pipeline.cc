#include "pipeline/pipeline.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>
#include <tuple>
#include <thread>
#include <utility>

#include "base/blocking_queue.h"
#include "extract/confidence.h"
#include "extract/extractor.h"
#include "pipeline/signatures.h"
#include "pipeline/task_text.h"
#include "registry/corrections.h"
#include "registry/letter_files.h"
#include "text/tokens.h"
#include "registry/originals.h"
#include "registry/statement.h"
#include "repair/normalize.h"
#include "repair/restorer.h"
#include "signature/verify.h"

namespace congvan::pipeline {
namespace {

std::string EnvOr(const char* name, std::string fallback) {
  const char* value = std::getenv(name);
  return (value != nullptr && *value != '\0') ? value : fallback;
}

// One input file while its pages are being read. Shared by the workers reading its pages; the
// last worker to finish a page hands it back to the coordinating thread.
struct DocState {
  DocState(std::size_t index, std::unique_ptr<intake::Document> document)
      : input_index(index), doc(std::move(document)), pages(doc->page_count()),
        remaining(doc->page_count()) {}

  // Stores page `i`'s outcome; returns true when it was the last page outstanding.
  bool Complete(int i, Result<PageText> page) {
    std::lock_guard<std::mutex> lock(mu);
    if (page.ok()) {
      pages[i] = std::move(page).value();
    } else if (error.ok() || page.status().code() == Code::kCancelled) {
      // A stop outranks a page's own failure: the file is not at fault and is read again.
      error = page.status().WithContext("trang " + std::to_string(i + 1));
    }
    return --remaining == 0;
  }

  const std::size_t input_index;
  const std::unique_ptr<intake::Document> doc;
  std::mutex mu;
  std::vector<PageText> pages;
  int remaining;
  Status error;
};

// One page to read, and where to announce its document once every page is in.
struct PageJob {
  std::shared_ptr<DocState> doc;
  int page = 0;
  BlockingQueue<std::shared_ptr<DocState>>* finished = nullptr;
};

// What one worker thread owns: its Tesseract engine (made on first use, since text-only batches
// never need one) and its normaliser.
struct WorkerContext {
  std::unique_ptr<ocr::Engine> engine;
  std::optional<repair::Normalizer> normalizer;
};

}  // namespace

// An installed binary (PREFIX/bin/congvan, e.g. from the Debian package) carries its data in
// PREFIX/share/congvan/NAME; a binary run from its build tree has no such folder beside it and
// falls back to the source and build trees it was configured with.
std::string InstalledOr(const char* name, const char* fallback) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return fallback;
  const fs::path installed = exe.parent_path().parent_path() / "share" / "congvan" / name;
  return fs::is_directory(installed, ec) ? installed.string() : fallback;
}

std::string DefaultRulesDir() {
  return EnvOr("CONGVAN_RULES", InstalledOr("rules", CONGVAN_DEFAULT_RULES_DIR));
}
std::string DefaultModelsDir() {
  return EnvOr("CONGVAN_MODELS", InstalledOr("models", CONGVAN_DEFAULT_MODELS_DIR));
}

std::string Processed::Text() const {
  std::string out;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (i > 0) out += "\n\f\n";
    out += pages[i].Text();
  }
  return out;
}

std::string Processed::SourceKind() const {
  if (pages.empty()) return "text";
  for (const PageText& page : pages) {
    if (page.source != pages.front().source) return "mixed";
  }
  return pages.front().source;
}

class Pipeline::Impl {
 public:
  Impl(const Options& options, extract::Extractor extractor,
       std::optional<repair::Restorer> restorer, signature::TrustRoots trust)
      : options_(options), extractor_(std::move(extractor)), restorer_(std::move(restorer)),
        trust_(std::move(trust)) {
    int n = options.workers > 0 ? options.workers
                                : static_cast<int>(std::thread::hardware_concurrency());
    if (n <= 0) n = 1;
    for (int i = 0; i < n; ++i) threads_.emplace_back([this] { WorkerLoop(); });
  }

  ~Impl() {
    jobs_.Close();
    for (std::thread& t : threads_) t.join();
  }

  int workers() const { return static_cast<int>(threads_.size()); }

  void ProcessAll(const std::vector<std::string>& paths, const DoneCallback& on_done) {
    // Keep one more document open than there are workers, so a worker never waits for the
    // next file to be opened, while a long batch never holds every file in memory.
    const std::size_t max_open = static_cast<std::size_t>(workers()) + 1;
    BlockingQueue<std::shared_ptr<DocState>> finished;
    std::size_t next = 0, open = 0;
    while (next < paths.size() || open > 0) {
      while (next < paths.size() && open < max_open) {
        if (StartDocument(next, paths[next], finished, on_done)) ++open;
        ++next;
      }
      if (open == 0) continue;
      std::shared_ptr<DocState> done = *finished.Pop();
      --open;
      on_done(done->input_index, Finish(*done));
    }
  }

 private:
  // Opens one input and queues its pages; reports a failure to open at once.
  bool StartDocument(std::size_t index, const std::string& path,
                     BlockingQueue<std::shared_ptr<DocState>>& finished,
                     const DoneCallback& on_done) {
    Result<std::unique_ptr<intake::Document>> doc = intake::Document::Open(path, options_.limits);
    if (!doc.ok()) {
      on_done(index, doc.status());
      return false;
    }
    auto state = std::make_shared<DocState>(index, std::move(doc).value());
    const int pages = state->doc->page_count();
    for (int p = 0; p < pages; ++p) {
      jobs_.Push(PageJob{state, p, &finished});
    }
    return true;
  }

  Result<Processed> Finish(DocState& state) {
    const std::string& path = state.doc->source().path;
    if (!state.error.ok()) return state.error.WithContext(path);
    Processed out;
    out.source = state.doc->source();
    out.pages = std::move(state.pages);
    out.warnings = state.doc->warnings();
    if (options_.extract) {
      out.letter = extractor_.Read(out.pages, std::filesystem::path(path).filename().string());
      if (out.source.type == intake::FileType::kPdf) {
        ApplySignatures(signature::VerifyPdfSignatures(state.doc->raw_bytes(), trust_),
                        out.letter);
      }
    }
    return out;
  }

  void WorkerLoop() {
    WorkerContext context;
    while (std::optional<PageJob> job = jobs_.Pop()) {
      Result<PageText> page = ReadPage(*job->doc->doc, job->page, context);
      if (job->doc->Complete(job->page, std::move(page))) job->finished->Push(job->doc);
    }
  }

  Result<PageText> ReadPage(const intake::Document& doc, int index, WorkerContext& context) {
    if (options_.stop != nullptr && options_.stop->load()) {
      return Status::Cancelled("bỏ dở vì chương trình đang dừng");
    }
    Result<intake::Page> page = doc.LoadPage(index);
    if (!page.ok()) return page.status();
    // The digital signature's box travels beside the page's text, for extraction to read.
    Result<PageText> read = ReadPageText(*page, index, context);
    if (read.ok()) read->overlays = std::move(page->overlays);
    return read;
  }

  Result<PageText> ReadPageText(const intake::Page& page, int index, WorkerContext& context) {
    if (page.needs_ocr()) {
      if (context.engine == nullptr) {
        Result<std::unique_ptr<ocr::Engine>> engine = ocr::Engine::Create(options_.ocr);
        if (!engine.ok()) return engine.status();
        context.engine = std::move(engine).value();
      }
      Result<PageText> read = context.engine->Read(page.image.get(), page.dpi, index);
      if (!read.ok()) return read.status();
      if (!options_.repair) return read;
      CONGVAN_RETURN_IF_ERROR(EnsureNormalizer(context));
      // Tesseract's own confidences say which words the vie model was unsure of: only those
      // (and words outside the lexicon) are open to repair.
      return restorer_->RestoreOcr(context.normalizer->Normalize(std::move(read).value()));
    }
    const char* source = page.origin == intake::PageOrigin::kPdfTextLayer ? "text-layer" : "text";
    if (!options_.repair) return PageTextFromPlain(index, source, page.text);
    CONGVAN_RETURN_IF_ERROR(EnsureNormalizer(context));
    // Text from another OCR or a copier's layer: the restorer judges from the text itself how
    // damaged it is; good Vietnamese comes back unchanged.
    const std::string normalized = context.normalizer->Normalize(page.text);
    PageText out = PageTextFromPlain(index, source, restorer_->Restore(normalized));
    MarkRepairedWords(normalized, out);
    return out;
  }

  // Text that came without word confidences gets them from the repair: a word the restorer
  // changed was damaged and is less sure than one it left alone, so that extraction can tell a
  // field read from damaged words (confidence.h). Words carry no boxes: layout is unchanged.
  static void MarkRepairedWords(std::string_view before, PageText& page) {
    constexpr float kRepaired = 70.0f;
    size_t at = 0;
    for (Line& line : page.lines) {
      size_t nl = before.find('\n', at);
      if (nl == std::string_view::npos) nl = before.size();
      const std::string_view original = at <= before.size() ? before.substr(at, nl - at) : std::string_view();
      at = nl + 1;
      std::vector<std::string_view> old_words = SpaceSplit(original);
      for (std::string_view w : SpaceSplit(line.text)) {
        // A word is unchanged when the original line holds it (tokens split in two by the
        // restorer count as changed).
        const auto same = std::find(old_words.begin(), old_words.end(), w);
        const bool changed = same == old_words.end();
        if (!changed) old_words.erase(same);
        line.words.push_back(Word{std::string(w), Box{}, changed ? kRepaired : 100.0f});
      }
    }
  }

  static std::vector<std::string_view> SpaceSplit(std::string_view s) {
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i < s.size()) {
      while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r')) ++i;
      size_t j = i;
      while (j < s.size() && s[j] != ' ' && s[j] != '\t' && s[j] != '\r') ++j;
      if (j > i) out.push_back(s.substr(i, j - i));
      i = j;
    }
    return out;
  }

  static Status EnsureNormalizer(WorkerContext& context) {
    if (context.normalizer) return Status::Ok();
    Result<repair::Normalizer> normalizer = repair::Normalizer::Create();
    if (!normalizer.ok()) return normalizer.status();
    context.normalizer.emplace(std::move(normalizer).value());
    return Status::Ok();
  }

  const Options options_;
  const extract::Extractor extractor_;
  const std::optional<repair::Restorer> restorer_;  // loaded when options_.repair
  const signature::TrustRoots trust_;               // roots signers are checked against
  BlockingQueue<PageJob> jobs_;
  std::vector<std::thread> threads_;
};

Pipeline::Pipeline(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Pipeline::~Pipeline() = default;

Result<std::unique_ptr<Pipeline>> Pipeline::Create(const Options& given) {
  Options options = given;
  if (options.stop != nullptr) {
    options.limits.stop = options.stop;
    options.ocr.stop = options.stop;
  }
  // Must happen before the first Tesseract engine starts: its OpenMP threads make each page
  // several times slower on this kind of machine, and we run one engine per core instead.
  ocr::DisableOpenMpThreads();
  const std::string rules_dir = options.rules_dir.empty() ? DefaultRulesDir() : options.rules_dir;
  Result<extract::Extractor> extractor = extract::Extractor::Load(rules_dir);
  if (!extractor.ok()) return extractor.status();
  std::optional<repair::Restorer> restorer;
  if (options.repair) {
    const std::string models_dir =
        options.models_dir.empty() ? DefaultModelsDir() : options.models_dir;
    Result<repair::Restorer> loaded = repair::Restorer::Load(models_dir);
    if (!loaded.ok()) {
      return loaded.status().WithContext(
          "the repair model (build it with `cmake --build build --target repair_models`, or "
          "name its folder with --models)");
    }
    restorer.emplace(std::move(loaded).value());
  }
  signature::TrustRoots trust;
  if (!options.trust_dir.empty()) {
    Result<signature::TrustRoots> loaded = signature::TrustRoots::Load(options.trust_dir);
    if (!loaded.ok()) return loaded.status();
    trust = std::move(loaded).value();
  }
  return std::unique_ptr<Pipeline>(new Pipeline(std::make_unique<Impl>(
      options, std::move(extractor).value(), std::move(restorer), std::move(trust))));
}

void Pipeline::ProcessAll(const std::vector<std::string>& paths, const DoneCallback& on_done) {
  impl_->ProcessAll(paths, on_done);
}

Result<Processed> Pipeline::Process(const std::string& path) {
  std::optional<Result<Processed>> out;
  ProcessAll({path}, [&out](std::size_t, Result<Processed> r) { out.emplace(std::move(r)); });
  return std::move(*out);
}

int Pipeline::workers() const { return impl_->workers(); }

namespace {

registry::TaskRecord ToTaskRecord(const extract::Task& t, const std::string& letter_text) {
  registry::TaskRecord task;
  task.assignee = t.assignee;
  // The registry keeps the task's whole text; the summary is cut at 200 characters.
  task.action = FullTaskText(t.summary, letter_text);
  task.cooperating = t.cooperating;
  task.due_date = t.deadline.value_or("");
  task.deadline_text = t.deadline_text.value_or("");
  // The time of day extraction read with the date; a time without a date ("trước 9 giờ ngày
  // thứ Hai") belongs to the recurrence, not to a one-off deadline.
  if (!task.due_date.empty()) task.due_time = t.deadline_time.value_or("");
  task.recurrence = t.recurrence.value_or("");
  if (extract::IsDoubtful(t.confidence)) task.flags.push_back(extract::review_reason::TaskUnsure());
  return task;
}

// When `record` is a file already attached to a letter, or another file of a registered letter
// (same number, issuer and date), sets `outcome` (attaching the file in the second case) and
// returns true; false when the record is a letter of its own.
Result<bool> AttachToSameLetter(registry::Registry& registry, const registry::DocumentRecord& record,
                                std::chrono::system_clock::time_point now,
                                Result<registry::AddOutcome>& outcome) {
  Result<std::optional<std::int64_t>> owner = registry::LetterOfFile(registry, record.sha256);
  if (!owner.ok()) return owner.status();
  if (owner->has_value()) {
    outcome = registry::AddOutcome{**owner, /*already_registered=*/true, /*attached=*/true};
    return true;
  }
  Result<std::optional<std::int64_t>> same = registry::FindSameLetter(registry, record);
  if (!same.ok()) return same.status();
  if (!same->has_value()) return false;
  CONGVAN_RETURN_IF_ERROR(registry::AttachFile(registry, **same, record, now));
  outcome = registry::AddOutcome{**same, /*already_registered=*/false, /*attached=*/true};
  return true;
}

// True when a clerk corrected an earlier registration of this content. Asked first, on either
// backend, so that registering a letter nobody corrected (nearly all of them) costs no write
// transaction for its corrections.
Result<bool> WasCorrected(registry::Registry& registry, const std::string& sha256) {
  Result<registry::Statement> stmt = registry::Statement::Prepare(
      registry.db(), "SELECT 1 FROM corrections WHERE sha256 = ?1 LIMIT 1");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(1, sha256));
  return stmt->Step();
}

}  // namespace

registry::DocumentRecord ToRecord(const Processed& processed) {
  registry::DocumentRecord record;
  record.sha256 = processed.source.sha256;
  record.path = processed.recorded_path.empty() ? processed.source.path : processed.recorded_path;
  record.file_type = intake::FileTypeName(processed.source.type);
  record.source = processed.SourceKind();
  record.text = processed.Text();
  record.fields_json = extract::ToJson(processed.letter, -1, /*with_flags=*/true);
  const extract::Letter& l = processed.letter;
  record.doc_ref = l.doc_ref.value_or("");
  record.doc_type = l.doc_type.value_or("");
  record.issuer = l.issuer.value_or("");
  record.date = l.date.value_or("");
  record.subject = l.subject.value_or("");
  record.signature_status = SignatureVerdictName(JudgeSignatures(l.signatures));
  for (const extract::Task& t : l.tasks) record.tasks.push_back(ToTaskRecord(t, record.text));
  record.addressees = l.addressees;
  for (const extract::Reference& r : l.references) {
    registry::ReferenceRecord ref;
    ref.ref = r.ref;
    ref.date = r.date.value_or("");
    ref.type = r.type.value_or("");
    record.references.push_back(std::move(ref));
  }
  for (const PageText& page : processed.pages) {
    registry::PageRecord p;
    p.index = page.index;
    p.source = page.source;
    p.text = page.Text();
    p.confidence = page.MeanConfidence();
    record.pages.push_back(std::move(p));
  }
  return record;
}

Result<registry::AddOutcome> Register(registry::Registry& registry, const Processed& processed) {
  return std::move(RegisterAll(registry, std::span<const Processed>(&processed, 1)).front());
}

std::vector<Result<registry::AddOutcome>> RegisterAll(registry::Registry& registry,
                                                      std::span<const Processed> batch) {
  std::vector<Result<registry::AddOutcome>> outcomes(
      batch.size(), Status::Internal("not registered"));  // every slot is set below
  // The copies are kept first: a record whose original cannot be kept is not registered.
  registry::Originals originals = registry::Originals::ForRegistry(registry);
  std::vector<registry::DocumentRecord> records;
  std::vector<std::size_t> positions;  // batch index of each record
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const intake::Source& source = batch[i].source;
    Result<std::string> kept =
        originals.Keep(source.path, source.sha256, intake::FileTypeExtension(source.type));
    if (!kept.ok()) {
      outcomes[i] = kept.status();
      continue;
    }
    records.push_back(ToRecord(batch[i]));
    positions.push_back(i);
  }
  if (records.empty()) return outcomes;
  const auto now = std::chrono::system_clock::now();
  // Another file of a letter already registered (its TIFF after its PDF) joins that letter;
  // one that repeats a letter earlier in this batch waits until that letter is registered.
  std::vector<registry::DocumentRecord> letters;
  std::vector<std::size_t> letter_positions, later;
  std::set<std::tuple<std::string, std::string, std::string>> batch_letters;
  for (std::size_t k = 0; k < records.size(); ++k) {
    Result<bool> attached = AttachToSameLetter(registry, records[k], now, outcomes[positions[k]]);
    if (!attached.ok()) {
      outcomes[positions[k]] = attached.status();
      continue;
    }
    if (*attached) continue;
    const registry::DocumentRecord& r = records[k];
    const auto key = std::tuple{registry.folder().RefKey(r.doc_ref), registry.folder().Key(r.issuer), r.date};
    const bool keyed = !std::get<0>(key).empty() && !std::get<1>(key).empty() && !r.date.empty();
    if (keyed && !batch_letters.insert(key).second) {
      later.push_back(k);
      continue;
    }
    letters.push_back(records[k]);
    letter_positions.push_back(positions[k]);
  }
  if (!letters.empty()) {
    Result<std::vector<registry::AddOutcome>> added = registry.AddAll(letters);
    for (std::size_t k = 0; k < letters.size(); ++k) {
      // The batch kept nothing: each record alone, so only the one at fault fails.
      outcomes[letter_positions[k]] = added.ok() ? Result<registry::AddOutcome>((*added)[k])
                                                 : registry.Add(letters[k]);
    }
  }
  for (std::size_t k : later) {
    Result<bool> attached = AttachToSameLetter(registry, records[k], now, outcomes[positions[k]]);
    if (!attached.ok()) outcomes[positions[k]] = attached.status();
    else if (!*attached) outcomes[positions[k]] = registry.Add(records[k]);
  }
  // A clerk's corrections of an earlier registration of this content outlive re-extraction.
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    Result<registry::AddOutcome>& outcome = outcomes[i];
    if (!outcome.ok() || outcome->already_registered || outcome->attached) continue;
    Result<bool> corrected = WasCorrected(registry, batch[i].source.sha256);
    if (!corrected.ok()) {
      outcome = corrected.status();
      continue;
    }
    if (!*corrected) continue;
    Result<int> reapplied = registry::ReapplyCorrections(registry, outcome->id, now);
    if (!reapplied.ok()) outcome = reapplied.status();
  }
  return outcomes;
}

}  // namespace congvan::pipeline
