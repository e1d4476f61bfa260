#include "cli/digest_command.h"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "cli/command_support.h"
#include "notify/digest.h"
#include "registry/registry.h"

namespace congvan::cli {
namespace {

struct DigestArgs {
  std::string config;
  int days = -1;  // -1: the configuration's, else 3
  bool dry_run = false;
};

// A message as it goes into an mbox file: a "From " separator line, then the message with LF
// line ends, so `--dry-run > FILE` opens in a mail reader.
void PrintMessage(const std::string& from, const std::string& mime) {
  std::string text;
  text.reserve(mime.size());
  for (char c : mime) {
    if (c != '\r') text += c;
  }
  std::printf("From %s Thu Jan  1 00:00:00 1970\n%s\n", from.c_str(), text.c_str());
}

int Digest(const Common& common, const DigestArgs& args) {
  notify::DigestConfig config;
  if (!args.config.empty()) {
    Result<notify::DigestConfig> loaded = notify::LoadDigestConfig(args.config);
    if (!loaded.ok()) return Fail(loaded.status());
    config = std::move(*loaded);
  } else if (!args.dry_run) {
    return Fail(Status::InvalidInput(
        "Cần tệp cấu hình (--config) có máy chủ SMTP và địa chỉ của các đơn vị; hoặc xem thử "
        "bằng --dry-run."));
  }
  if (args.days >= 0) config.days = args.days;
  if (!args.dry_run && (config.smtp.server.empty() || config.from.empty())) {
    return Fail(Status::InvalidInput(args.config + ": \"digest\" cần \"server\" và \"from\"."));
  }
  if (!common.db.empty()) config.db_path = common.db;
  if (config.db_path.empty()) config.db_path = registry::Registry::DefaultPath();
  auto reg = registry::Registry::Open(config.db_path);
  if (!reg.ok()) return Fail(reg.status());
  const registry::TimePoint now = std::chrono::system_clock::now();
  Result<std::vector<notify::UnitDigest>> digests = notify::CollectDigests(**reg, now, config.days);
  if (!digests.ok()) return Fail(digests.status());
  int sent = 0, skipped = 0;
  for (const notify::UnitDigest& d : *digests) {
    const std::vector<std::string> to = notify::AddressesFor(config, d.key);
    const notify::MailMessage message = notify::DigestMessage(d, config, to, now);
    const std::string mime = notify::ComposeMime(message, now);
    if (args.dry_run) {
      PrintMessage(message.from, mime);
      continue;
    }
    if (to.empty()) {
      std::printf("bỏ qua   %s: chưa có địa chỉ thư trong cấu hình\n", d.name.c_str());
      ++skipped;
      continue;
    }
    // The first failure stops the run: a wrong server or password fails every unit alike.
    Status s = notify::SendMail(config.smtp, message.from, to, mime);
    if (!s.ok()) return Fail(s);
    std::string list;
    for (const std::string& a : to) list += (list.empty() ? "" : ", ") + a;
    std::printf("đã gửi  %s → %s (%zu quá hạn, %zu sắp đến hạn)\n", d.name.c_str(), list.c_str(),
                d.overdue.size(), d.due_soon.size());
    ++sent;
  }
  if (!args.dry_run) {
    std::printf("%d thư đã gửi, %d đơn vị chưa có địa chỉ, %zu đơn vị có việc cần nhắc\n", sent,
                skipped, digests->size());
  }
  return 0;
}

}  // namespace

void AddDigestCommands(CLI::App& app, Common& common, CommandTable& table) {
  auto a = std::make_shared<DigestArgs>();
  Common* c = &common;
  CLI::App* digest = app.add_subcommand(
      "digest", "E-mail each unit its overdue tasks and those due within N days (SMTP)");
  AddDbOption(digest, common);
  digest->add_option("--config", a->config,
                     "JSON configuration (the one congvan serve reads) with a \"digest\" object: "
                     "server, port, starttls, user, password, from, days, to: {unit: address}");
  digest->add_option("--days", a->days, "Tasks due within this many days (default 3)")
      ->check(CLI::Range(0, 366));
  digest->add_flag("--dry-run", a->dry_run,
                   "Print the messages (MIME, mbox format) instead of sending them");
  table.push_back({digest, [a, c] { return Digest(*c, *a); }});
}

}  // namespace congvan::cli
