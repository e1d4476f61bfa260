// congvan's command line: parses arguments with CLI11 and runs the chosen command. Each group of
// commands declares itself (command_table.h); this file only assembles them.
#include <leptonica/allheaders.h>

#include <poppler/cpp/poppler-global.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "cli/command_support.h"
#include "cli/command_table.h"
#include "cli/digest_command.h"
#include "cli/deleted_commands.h"
#include "cli/serve_command.h"
#include "cli/unit_commands.h"
#include "cli/user_commands.h"
#include "cli/version.h"
#include "cli/watch_command.h"

namespace {

using congvan::cli::Common;

void AddCommonOptions(CLI::App& app, Common& c) {
  auto& p = c.pipeline;
  app.add_option("--rules", p.rules_dir,
                 "Folder of extraction rules (default: $CONGVAN_RULES, else PREFIX/share/congvan/rules "
                 "of an installed congvan, else the source tree's rules/)");
  app.add_option("--models", p.models_dir,
                 "Folder holding repair.bin (default: $CONGVAN_MODELS, else PREFIX/share/congvan/models "
                 "of an installed congvan, else the built model)");
  app.add_option("--lang", p.ocr.language, "Tesseract model(s), e.g. vie or vie+eng")->capture_default_str();
  app.add_option("--tessdata", p.ocr.tessdata_dir, "Folder holding the Tesseract models");
  app.add_option("--trust-dir", p.trust_dir,
                 "Folder of trusted root certificates (PEM or DER) for verifying digital "
                 "signatures (default: none; signers' issuers are shown as unknown)")
      ->check(CLI::ExistingDirectory);
  app.add_option("--workers", p.workers, "OCR threads (default: one per core)");
  app.add_option("--max-mb", c.max_mb, "Refuse files larger than this many megabytes")
      ->capture_default_str();
  app.add_option("--max-pages", p.limits.max_pages, "Refuse documents with more pages")
      ->capture_default_str();
  app.add_option("--page-seconds", p.limits.page_seconds,
                 "A PDF page not read (rendered) within this many seconds fails (0: no limit)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
}

// `congvan search -nang` means a query that excludes "nang", but a parser reads "-nang" as an
// option. After `search`, the first word that starts with '-' and is none of search's own
// options is taken as the query: moved to the end, after `--`.
std::vector<char*> WithSearchQueryMarked(int argc, char** argv) {
  static char kEndOfOptions[] = "--";
  std::vector<char*> out(argv, argv + argc);
  auto search = std::find_if(out.begin() + 1, out.end(),
                             [](const char* a) { return std::string_view(a) == "search"; });
  if (search == out.end()) return out;
  for (auto it = search + 1; it != out.end(); ++it) {
    const std::string_view a = *it;
    if (a == "--") break;
    if (a == "--json" || a == "-h" || a == "--help" || a.starts_with("--limit=") ||
        a.starts_with("--db=")) {
      continue;
    }
    if (a == "--limit" || a == "--db") {
      if (it + 1 == out.end()) break;
      ++it;
      continue;
    }
    if (a.size() > 1 && a[0] == '-') {
      char* query = *it;
      out.erase(it);
      out.push_back(kEndOfOptions);
      out.push_back(query);
      break;
    }
  }
  return out;
}

int Run(int argc, char** argv) {
  CLI::App app{"congvan: turn scanned Vietnamese official letters into a registry of tasks and deadlines"};
  app.require_subcommand(1);
  app.fallthrough();
  Common common;
  AddCommonOptions(app, common);
  // A callback, so that --lang, --tessdata, --rules and --models given before --version count.
  app.set_version_flag("--version", [&common] { return congvan::cli::VersionText(common.pipeline); });

  congvan::cli::CommandTable table;
  congvan::cli::AddDocumentCommands(app, common, table);
  congvan::cli::AddRegistryCommands(app, common, table);
  congvan::cli::AddServeCommands(app, common, table);
  congvan::cli::AddDigestCommands(app, common, table);
  congvan::cli::AddWatchCommands(app, common, table);
  congvan::cli::AddDeletionCommands(app, common, table);
  congvan::cli::AddUnitCommands(app, common, table);
  congvan::cli::AddUserCommands(app, common, table);

  std::vector<char*> args = WithSearchQueryMarked(argc, argv);
  try {
    app.parse(static_cast<int>(args.size()), args.data());
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  common.pipeline.limits.max_bytes = common.max_mb * 1024 * 1024;
  for (const congvan::cli::CommandEntry& entry : table) {
    if (!entry.app->parsed()) continue;
    return entry.run();
  }
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
