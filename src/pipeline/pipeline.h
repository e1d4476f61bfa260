// Pipeline: one file's way through intake → OCR → repair → extract, with the pages of a batch
// spread over every core.
//
// `congvan ingest`, the watched folder and the web upload all call this; none of them knows
// about threads or Tesseract. A Pipeline owns a pool of worker threads, each with its own
// Tesseract engine (created on first use) and normaliser; pages, not files, are the unit of work,
// so a batch of one-page scans and one long PDF both keep every core busy. Pages are decoded
// only when a worker takes them, so memory stays bounded by the number of workers.
#ifndef CONGVAN_PIPELINE_PIPELINE_H_
#define CONGVAN_PIPELINE_PIPELINE_H_

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "base/page_text.h"
#include "base/status.h"
#include "extract/letter.h"
#include "intake/document.h"
#include "ocr/engine.h"
#include "registry/registry.h"

namespace congvan::pipeline {

// Where rules/ and models/ are looked for when no option names them: $CONGVAN_RULES /
// $CONGVAN_MODELS, else PREFIX/share/congvan/{rules,models} beside an installed PREFIX/bin/congvan,
// else the source and build trees this binary was built from.
std::string DefaultRulesDir();
std::string DefaultModelsDir();

struct Options {
  intake::Limits limits;
  ocr::Options ocr;
  int workers = 0;          // OCR threads; 0: one per core
  std::string rules_dir;    // empty: DefaultRulesDir()
  std::string models_dir;   // empty: DefaultModelsDir() (holds repair.bin)
  bool repair = true;       // false: pages as read (congvan ocr --raw)
  bool extract = true;      // false: skip field extraction (congvan ocr)
  std::string trust_dir;    // folder of trusted root certificates for digital signatures; empty:
                            // none, every signer's issuer is "unknown" (never "invalid")
  // When set and true, pages in progress are given up and those not started are not read: the
  // file fails with Code::kCancelled (not the file's fault). Set by a stop signal; owned by the
  // caller, must outlive the Pipeline. Copied into limits.stop and ocr.stop.
  const std::atomic<bool>* stop = nullptr;
};

// One file taken through every stage.
struct Processed {
  intake::Source source;
  std::vector<PageText> pages;        // in page order; PageText::source tells how each was read
  extract::Letter letter;
  std::vector<std::string> warnings;  // non-fatal remarks (encoding converted, ...)
  // What the registry records as the file's path when not source.path: a web upload is known
  // by the name the clerk gave it, not by the temporary copy that was read.
  std::string recorded_path;

  // All pages' text, pages separated by a form feed line ("\f").
  std::string Text() const;
  // "ocr", "text-layer", "text", or "mixed" when the pages differ.
  std::string SourceKind() const;
};

class Pipeline {
 public:
  ~Pipeline();
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  // Loads the rules and starts the workers. Fails when the rules do not load.
  static Result<std::unique_ptr<Pipeline>> Create(const Options& options);

  // Called once per input, on the thread that called ProcessAll, as each file completes (not
  // necessarily in input order). `index` is the input's position in `paths`.
  using DoneCallback = std::function<void(std::size_t index, Result<Processed> result)>;

  // Processes every path; a failure of one file (its Status names the file) does not stop
  // the others. Returns when all are done.
  void ProcessAll(const std::vector<std::string>& paths, const DoneCallback& on_done);

  // One file.
  Result<Processed> Process(const std::string& path);

  int workers() const;

 private:
  class Impl;
  explicit Pipeline(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The registry row for a processed file (fields as JSON, key fields copied out for listing,
// tasks, addressees and references).
registry::DocumentRecord ToRecord(const Processed& processed);

// Registers a processed file: keeps a copy of the original in the registry's store
// (registry/originals.h: "<db>.originals/" beside an SQLite file, the table `originals` of a
// PostgreSQL registry) and adds its record. A file whose content is
// already registered changes nothing and says so (AddOutcome::already_registered). Used by
// `congvan ingest`, the watched folder and the web upload alike.
Result<registry::AddOutcome> Register(registry::Registry& registry, const Processed& processed);

// Registers several processed files as Register() does each, with their records written in one
// transaction (Registry::AddAll): a folder of text files registers several times faster than
// file by file. Returns one outcome per file, in order, so each file is still reported alone:
// a file whose original cannot be kept fails by itself, and when the batch's transaction fails
// the files are registered one by one, so a record the registry refuses costs the others
// nothing. A file given twice, or already registered, reports already_registered.
std::vector<Result<registry::AddOutcome>> RegisterAll(registry::Registry& registry,
                                                      std::span<const Processed> batch);

}  // namespace congvan::pipeline

#endif  // CONGVAN_PIPELINE_PIPELINE_H_
