// The sign-in page (/dang-nhap), shown when the registry has accounts: login and password,
// posted as a plain form (it works without the page's script) with the CSRF token as a field.
#ifndef CONGVAN_WEB_SIGN_IN_H_
#define CONGVAN_WEB_SIGN_IN_H_

#include <string>

namespace congvan::web {

struct SignInPageData {
  std::string csrf_token;
  std::string next;   // where to go once signed in (a path of this server)
  std::string login;  // the login typed, shown again after a failure (never the password)
  std::string error;  // one Vietnamese line, "" for none
};

std::string RenderSignInPage(const SignInPageData& data);

// `next` when it is a path of this server ("/tasks?don-vi=…"), else "/": never another site
// ("//evil.example", "https://…", "/\\evil").
std::string SafeNextPath(const std::string& next);

}  // namespace congvan::web

#endif  // CONGVAN_WEB_SIGN_IN_H_
