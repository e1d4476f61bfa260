#include "web/sign_in.h"

#include "web/html.h"

namespace congvan::web {

std::string SafeNextPath(const std::string& next) {
  const bool local = next.size() >= 1 && next.front() == '/' &&
                     (next.size() == 1 || (next[1] != '/' && next[1] != '\\')) &&
                     next.find_first_of("\r\n\t") == std::string::npos;
  return local ? next : "/";
}

std::string RenderSignInPage(const SignInPageData& data) {
  std::string h =
      "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>Đăng nhập · Sổ công văn</title>"
      "<link rel=\"icon\" href=\"/assets/icon.svg\" type=\"image/svg+xml\">"
      "<link rel=\"stylesheet\" href=\"/assets/app.css\"></head><body>"
      "<header class=\"top\"><span class=\"brand\">Sổ công văn</span></header><main>"
      "<h1>Đăng nhập</h1>";
  if (!data.error.empty()) h += "<p class=\"error\" role=\"alert\">" + Escape(data.error) + "</p>";
  h += "<form class=\"sign-in\" method=\"post\" action=\"/dang-nhap\">"
       "<input type=\"hidden\" name=\"csrf\" value=\"" + Escape(data.csrf_token) + "\">"
       "<input type=\"hidden\" name=\"tiep\" value=\"" + Escape(SafeNextPath(data.next)) + "\">"
       "<p><label>Tên đăng nhập <input name=\"login\" autocomplete=\"username\" required "
       "autofocus value=\"" + Escape(data.login) + "\"></label></p>"
       "<p><label>Mật khẩu <input type=\"password\" name=\"password\" "
       "autocomplete=\"current-password\" required></label></p>"
       "<p><button type=\"submit\">Đăng nhập</button></p></form>"
       "<p class=\"hint\">Chưa có tài khoản hoặc quên mật khẩu: hỏi quản trị viên "
       "(<code>congvan user add</code>, <code>congvan user passwd</code>).</p></main></body></html>\n";
  return h;
}

}  // namespace congvan::web
