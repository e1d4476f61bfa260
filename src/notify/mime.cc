#include "notify/mime.h"

#include <openssl/evp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>

namespace congvan::notify {
namespace {

std::string Base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

bool PrintableAscii(std::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  // "=?" would be read as the start of an encoded-word.
  return text.find("=?") == std::string_view::npos;
}

// Bytes of the UTF-8 character starting with `lead`.
std::size_t CharLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;  // a stray byte: passed through alone
}

// LF (or CRLF) line ends as CRLF.
std::string Crlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 40);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') continue;
    if (text[i] == '\n') out += "\r\n";
    else out += text[i];
  }
  return out;
}

// A boundary no base64 line can contain ("=_" never occurs in base64), unique to the message.
std::string Boundary(const MailMessage& m) {
  std::size_t h = std::hash<std::string>{}(m.message_id + m.subject);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016zx", h);
  return std::string("=_congvan_") + hex;
}

}  // namespace

std::string EncodeHeaderText(std::string_view text) {
  if (PrintableAscii(text)) return std::string(text);
  // 75 characters per word, 12 of them "=?UTF-8?B?" and "?=": 63 left, so at most 45 bytes
  // (60 base64 characters) of text per word.
  constexpr std::size_t kBytesPerWord = 45;
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = i;
    while (end < text.size()) {
      const std::size_t next = end + CharLength(static_cast<unsigned char>(text[end]));
      if (next - i > kBytesPerWord) break;
      end = std::min(next, text.size());
    }
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(text.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string Base64Lines(std::string_view bytes) {
  const std::string all = Base64(bytes);
  std::string out;
  for (std::size_t i = 0; i < all.size(); i += 76) out += all.substr(i, 76) + "\r\n";
  return out;
}

std::string MailDate(registry::TimePoint now) {
  using namespace std::chrono;
  const auto local = floor<seconds>(now) + registry::kVietnamOffset;
  const auto day = floor<days>(local);
  const year_month_day ymd{sys_days(day)};
  const hh_mm_ss<seconds> time{local - day};
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %d %02d:%02d:%02d +0700",
                kDays[weekday(sys_days(day)).c_encoding()], static_cast<unsigned>(ymd.day()),
                kMonths[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return buf;
}

std::string ComposeMime(const MailMessage& m, registry::TimePoint now) {
  const std::string boundary = Boundary(m);
  std::string out;
  out += "From: " + (m.from_name.empty() ? "" : EncodeHeaderText(m.from_name) + " ") + "<" +
         m.from + ">\r\n";
  if (!m.to.empty()) {
    out += "To: ";
    for (std::size_t i = 0; i < m.to.size(); ++i) out += (i ? ",\r\n " : "") + m.to[i];
    out += "\r\n";
  }
  out += "Subject: " + EncodeHeaderText(m.subject) + "\r\n";
  out += "Date: " + MailDate(now) + "\r\n";
  out += "Message-ID: " + m.message_id + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
  out += "--" + boundary + "\r\nContent-Type: text/plain; charset=UTF-8\r\n"
         "Content-Transfer-Encoding: base64\r\n\r\n" + Base64Lines(Crlf(m.text));
  out += "--" + boundary + "\r\nContent-Type: text/html; charset=UTF-8\r\n"
         "Content-Transfer-Encoding: base64\r\n\r\n" + Base64Lines(Crlf(m.html));
  out += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace congvan::notify
