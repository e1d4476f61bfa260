// congvan's command line: parses arguments with CLI11 and hands them to the commands.
#include <leptonica/allheaders.h>

#include <poppler/cpp/poppler-global.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace {

using congvan::cli::Common;

void AddCommonOptions(CLI::App& app, Common& c) {
  auto& p = c.pipeline;
  app.add_option("--rules", p.rules_dir, "Folder of extraction rules (default: $CONGVAN_RULES or the built-in rules/)");
  app.add_option("--lang", p.ocr.language, "Tesseract model(s), e.g. vie or vie+eng")->capture_default_str();
  app.add_option("--tessdata", p.ocr.tessdata_dir, "Folder holding the Tesseract models");
  app.add_option("--workers", p.workers, "OCR threads (default: one per core)");
  app.add_option("--max-mb", c.max_mb, "Refuse files larger than this many megabytes")
      ->capture_default_str();
  app.add_option("--max-pages", p.limits.max_pages, "Refuse documents with more pages")
      ->capture_default_str();
}

int Run(int argc, char** argv) {
  CLI::App app{"congvan: turn scanned Vietnamese official letters into a registry of tasks and deadlines"};
  app.require_subcommand(1);
  app.fallthrough();
  Common common;
  AddCommonOptions(app, common);
  const std::string db_help = "Registry file (default: " +
                              congvan::registry::Registry::DefaultPath() + ")";

  std::vector<std::string> paths;
  CLI::App* ingest = app.add_subcommand("ingest", "Register scans, PDFs and text files (folders are searched)");
  ingest->add_option("--db", common.db, db_help);
  ingest->add_option("paths", paths, "Files or folders")->required();

  std::string file;
  bool json = false, raw = false, text = false;
  CLI::App* extract = app.add_subcommand("extract", "Read a letter's fields without registering it");
  extract->add_flag("--json", json, "Print the fields as JSON (devset/SCHEMA.md)");
  extract->add_option("file", file, "Scan, PDF or text file")->required();

  CLI::App* ocr = app.add_subcommand("ocr", "Print the text of a scan, PDF or text file");
  ocr->add_flag("--raw", raw, "Print the text as read, without repair");
  ocr->add_option("file", file, "Scan, PDF or text file")->required();

  CLI::App* repair = app.add_subcommand("repair", "Repair OCR text (from FILE, or standard input)");
  repair->add_option("file", file, "UTF-8 (or other, detected) text file");

  std::int64_t id = 0;
  CLI::App* show = app.add_subcommand("show", "Show one registered document");
  show->add_option("--db", common.db, db_help);
  show->add_flag("--json", json, "Print the record as JSON");
  show->add_flag("--text", text, "Print the document's text too");
  show->add_option("id", id, "Document number, as printed by ingest and list")->required();

  int limit = 50;
  CLI::App* list = app.add_subcommand("list", "List registered documents, newest first");
  list->add_option("--db", common.db, db_help);
  list->add_option("--limit", limit, "At most this many (0: all)")->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }

  common.pipeline.limits.max_bytes = common.max_mb * 1024 * 1024;
  if (*ingest) return congvan::cli::Ingest(common, paths);
  if (*extract) return congvan::cli::Extract(common, file, json);
  if (*ocr) return congvan::cli::Ocr(common, file, raw);
  if (*repair) return congvan::cli::Repair(common, file);
  if (*show) return congvan::cli::Show(common, id, json, text);
  if (*list) return congvan::cli::List(common, limit);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  // Leptonica and poppler report decoding failures on stderr by themselves; congvan prints its
  // own one-line explanation instead.
  setMsgSeverity(L_SEVERITY_NONE);
  poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "congvan: internal error: %s\n", e.what());
    return 1;
  }
}
