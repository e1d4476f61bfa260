#include "notify/smtp.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace congvan::notify {
namespace {

struct EasyDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct ListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using Easy = std::unique_ptr<CURL, EasyDeleter>;
using List = std::unique_ptr<curl_slist, ListDeleter>;

// The message handed to libcurl a piece at a time.
struct Reader {
  const std::string* data;
  std::size_t offset = 0;
};

size_t ReadPiece(char* buffer, size_t size, size_t count, void* user) {
  auto* r = static_cast<Reader*>(user);
  const std::size_t n = std::min(size * count, r->data->size() - r->offset);
  std::memcpy(buffer, r->data->data() + r->offset, n);
  r->offset += n;
  return n;
}

// What went wrong, as a clerk or an administrator reads it.
std::string Reason(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST: return "không tìm thấy máy chủ (sai tên?)";
    case CURLE_COULDNT_CONNECT: return "không kết nối được (sai địa chỉ, cổng, hoặc máy chủ chưa chạy)";
    case CURLE_OPERATION_TIMEDOUT: return "máy chủ không trả lời kịp";
    case CURLE_LOGIN_DENIED: return "máy chủ từ chối tên đăng nhập hoặc mật khẩu";
    case CURLE_USE_SSL_FAILED: return "máy chủ không hỗ trợ STARTTLS";
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION: return "không lập được kết nối mã hóa TLS";
    // Also what a refused sender or recipient gives; the server's own words follow.
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING: return "máy chủ từ chối thư hoặc ngắt kết nối";
    case CURLE_URL_MALFORMAT: return "địa chỉ máy chủ không hợp lệ";
    default: return "lỗi khi gửi thư";
  }
}

}  // namespace

std::string ServerUrl(const SmtpSettings& s) {
  const bool v6 = s.server.find(':') != std::string::npos;
  return std::string(s.port == 465 ? "smtps://" : "smtp://") + (v6 ? "[" + s.server + "]" : s.server) +
         ":" + std::to_string(s.port);
}

Status SendMail(const SmtpSettings& s, const std::string& from, const std::vector<std::string>& to,
                const std::string& message) {
  const std::string url = ServerUrl(s);
  auto fail = [&](const std::string& why) {
    return Status::IoError("Không gửi được thư qua máy chủ SMTP " + url + ": " + why + ".");
  };
  if (s.server.empty() || s.server.find_first_of(" /\\@") != std::string::npos) {
    return fail("địa chỉ máy chủ không hợp lệ");
  }
  if (to.empty()) return fail("không có người nhận");
  Easy curl(curl_easy_init());
  if (!curl) return fail("không khởi tạo được libcurl");
  List recipients;
  for (const std::string& address : to) {
    curl_slist* grown = curl_slist_append(recipients.get(), ("<" + address + ">").c_str());
    if (grown == nullptr) return fail("hết bộ nhớ");
    (void)recipients.release();
    recipients.reset(grown);
  }
  Reader reader{&message};
  char detail[CURL_ERROR_SIZE] = "";
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, ("<" + from + ">").c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(c, CURLOPT_READFUNCTION, ReadPiece);
  curl_easy_setopt(c, CURLOPT_READDATA, &reader);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, detail);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(s.connect_seconds));
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(s.total_seconds));
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  if (s.starttls) curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!s.user.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, s.user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, s.password.c_str());
  }
  const CURLcode rc = curl_easy_perform(c);
  if (rc == CURLE_OK) return Status::Ok();
  std::string why = Reason(rc);
  const std::string said = detail[0] != '\0' ? detail : curl_easy_strerror(rc);
  return fail(why + " (" + said.substr(0, said.find('\n')) + ")");
}

}  // namespace congvan::notify
