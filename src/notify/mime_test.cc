// The reminder's MIME pieces and its content against a fixed clock, on the gold letters.
#include "notify/mime.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <algorithm>
#include <chrono>

#include "notify/digest.h"
#include "registry/gold_letters_for_test.h"
#include "support/testing.h"

namespace congvan::notify {
namespace {

registry::TimePoint At(const std::string& date, int hour = 12) {
  using namespace std::chrono;
  return registry::TimePoint(sys_days(days(registry::DaysFromIso(date)))) + hours(hour) -
         registry::kVietnamOffset;
}

std::string Unbase64(const std::string& text) {
  std::string out(text.size(), '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  EXPECT_GE(n, 0);
  out.resize(static_cast<std::size_t>(std::max(n, 0)));  // padding included: see DecodeWords
  return out;
}

// Decodes the encoded-words of a header value back to its text.
std::string DecodeWords(const std::string& header) {
  std::string out;
  std::size_t at = 0;
  while ((at = header.find("=?UTF-8?B?", at)) != std::string::npos) {
    const std::size_t end = header.find("?=", at + 10);
    std::string b64 = header.substr(at + 10, end - at - 10);
    std::string bytes = Unbase64(b64);
    const std::size_t pad = std::count(b64.begin(), b64.end(), '=');
    bytes.resize(b64.size() / 4 * 3 - pad);
    out += bytes;
    at = end + 2;
  }
  return out;
}

TEST(MimeTest, HeaderTextIsEncodedInWholeCharactersWithinTheLineLimit) {
  EXPECT_EQ(EncodeHeaderText("Daily digest"), "Daily digest");
  const std::string subject =
      "[Nhắc việc] Phòng Lao động, Thương binh và Xã hội huyện: 12 nhiệm vụ quá hạn, 3 sắp đến "
      "hạn (06/12/2026)";
  const std::string encoded = EncodeHeaderText(subject);
  EXPECT_EQ(DecodeWords(encoded), subject);
  std::size_t words = 0, start = 0;
  while (start < encoded.size()) {
    std::size_t end = encoded.find("\r\n ", start);
    if (end == std::string::npos) end = encoded.size();
    const std::string word = encoded.substr(start, end - start);
    EXPECT_LE(word.size(), 75u) << word;
    EXPECT_EQ(word.rfind("=?UTF-8?B?", 0), 0u);
    // Each word decodes to valid UTF-8 on its own (no character split across words).
    const std::string piece = DecodeWords(word);
    ASSERT_FALSE(piece.empty());
    EXPECT_NE(static_cast<unsigned char>(piece[0]) & 0xC0, 0x80) << word;
    ++words;
    start = end + 3;
  }
  EXPECT_GE(words, 3u);
  EXPECT_NE(EncodeHeaderText("a =?b?= c"), "a =?b?= c") << "text that looks encoded is encoded";
}

TEST(MimeTest, DateAndBody) {
  EXPECT_EQ(MailDate(At("2026-12-06", 15)), "Sun, 06 Dec 2026 15:00:00 +0700");
  const std::string lines = Base64Lines(std::string(200, 'x'));
  EXPECT_EQ(lines.substr(76, 2), "\r\n");
  EXPECT_EQ(lines.size(), 268u + 8u);  // 268 characters in 4 lines
  MailMessage m{"a@b.vn", "Sổ công văn", {"c@d.vn"}, "Chào", "Dòng 1\nDòng 2\n", "<p>x</p>", "<1@b.vn>"};
  const std::string mime = ComposeMime(m, At("2026-12-06"));
  EXPECT_NE(mime.find("From: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(mime.find("To: c@d.vn\r\n"), std::string::npos);
  EXPECT_NE(mime.find(Base64Lines("Dòng 1\r\nDòng 2\r\n")), std::string::npos) << "CRLF inside";
}

// On the gold letters at 22/11/2021: the overdue and soon-due tasks of each unit, no task of a
// unit without a name, and the message's Vietnamese text.
TEST(DigestTest, CollectsOverdueAndSoonDueTasksPerUnit) {
  congvan::testing::TempDir tmp;
  auto reg = std::move(registry::Registry::Open((tmp / "r.db").string())).value();
  for (const auto& d : registry::testdata::GoldRecords()) ASSERT_TRUE(reg->Add(d).ok());
  const registry::TimePoint now = At("2021-11-22");
  Result<std::vector<UnitDigest>> digests = CollectDigests(*reg, now, 3);
  ASSERT_TRUE(digests.ok()) << digests.status().message();
  ASSERT_FALSE(digests->empty());
  std::size_t soon = 0;
  for (const UnitDigest& d : *digests) {
    EXPECT_FALSE(d.key.empty());
    EXPECT_FALSE(d.overdue.empty() && d.due_soon.empty()) << d.name;
    for (const auto& v : d.overdue) {
      EXPECT_EQ(v.state, registry::TaskState::kOverdue);
      EXPECT_EQ(v.task.assignee_key, d.key);
    }
    for (const auto& v : d.due_soon) {
      EXPECT_EQ(v.state, registry::TaskState::kInProgress);
      EXPECT_GE(v.task.due_date, "2021-11-22");
      EXPECT_LE(v.task.due_date, "2021-11-25");
    }
    soon += d.due_soon.size();
  }
  EXPECT_GE(soon, 1u) << "letter 4 has a task due on 25/11/2021";
  const UnitDigest* with_soon = nullptr;
  for (const UnitDigest& d : *digests) {
    if (!d.due_soon.empty()) with_soon = &d;
  }
  DigestConfig config;
  config.days = 3;
  config.from = "congvan@so-noi-vu.vn";
  const MailMessage m = DigestMessage(*with_soon, config, {"x@y.vn"}, now);
  EXPECT_EQ(m.subject, "[Nhắc việc] " + with_soon->name + ": " +
                           std::to_string(with_soon->overdue.size()) + " nhiệm vụ quá hạn, " +
                           std::to_string(with_soon->due_soon.size()) + " sắp đến hạn (22/11/2021)");
  EXPECT_NE(m.text.find("NHIỆM VỤ ĐẾN HẠN TRONG 3 NGÀY TỚI"), std::string::npos);
  EXPECT_NE(m.text.find("Hạn: 25/11/2021"), std::string::npos) << m.text;
  EXPECT_NE(m.text.find("(còn 3 ngày)"), std::string::npos) << m.text;
  EXPECT_EQ(m.text.find("Xem: "), std::string::npos) << "no links without base_url";
  EXPECT_EQ(CollectDigests(*reg, now, 400).status().code(), Code::kInvalidInput);
}

}  // namespace
}  // namespace congvan::notify
