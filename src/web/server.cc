#include "web/server.h"

#include <httplib.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <utility>

#include "calendar/calendar.h"
#include "registry/book.h"
#include "registry/corrections.h"
#include "registry/deletions.h"
#include "registry/letter_files.h"
#include "registry/originals.h"
#include "registry/pg_connection.h"
#include "registry/review.h"
#include "registry/search.h"
#include "registry/tasks.h"
#include "registry/users.h"
#include "text/dates.h"
#include "web/access.h"
#include "web/assets.h"
#include "web/dashboard.h"
#include "web/documents.h"
#include "web/guarded_server.h"
#include "web/html.h"
#include "web/json_views.h"
#include "web/lists.h"
#include "web/page_image.h"
#include "web/pages.h"
#include "web/registry_pool.h"
#include "web/sessions.h"
#include "web/sign_in.h"
#include "web/unit_pages.h"

namespace congvan::web {
namespace {

namespace fs = std::filesystem;
using httplib::Request;
using httplib::Response;
using nlohmann::json;

// Rows the task list shows at most; a registry with more is filtered first.
constexpr int kMaxTaskRows = 2000;
// Search results per page, and the most pages of them (the ranking reads the best ones only).
constexpr int kResultsPerPage = 20;
constexpr std::int64_t kMaxResultPages = 25;
// Letters of the review queue shown on the start page.
constexpr int kReviewLetters = 20;
// Lines of the register per page (about 600 bytes each: a page stays near 120 KB).
constexpr int kBookLinesPerPage = 200;
// httplib refuses bodies above this many times the upload limit before reading them; bodies
// between the limit and this are read and refused by the handler with a clearer message.
constexpr std::uint64_t kPayloadSlack = 2;

registry::TimePoint Now() { return std::chrono::system_clock::now(); }

bool IsApi(const Request& req) { return req.path.rfind("/api/", 0) == 0; }

int HttpStatusFor(const Status& status) {
  switch (status.code()) {
    case Code::kOk: return 200;
    case Code::kInvalidInput: return 400;
    case Code::kUnsupported: return 415;
    case Code::kTooLarge: return 413;
    case Code::kNotFound: return 404;
    case Code::kAlreadyExists: return 409;
    case Code::kIoError:
    case Code::kInternal: return 500;
    case Code::kCancelled: return 503;
  }
  return 500;
}

RequestFacts FactsOf(const Request& req) {
  RequestFacts f;
  f.method = req.method;
  f.path = req.path;
  f.host = req.get_header_value("Host");
  f.host_headers = req.get_header_value_count("Host");
  f.origin = req.get_header_value("Origin");
  f.authorization = req.get_header_value("Authorization");
  f.cookie = req.get_header_value("Cookie");
  f.query_token = req.get_param_value("token");
  f.csrf_header = req.get_header_value("X-CSRF-Token");
  return f;
}

void SendJson(Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json; charset=utf-8");
}

// A positive number from a query parameter or path ("123"); nullopt otherwise.
std::optional<std::int64_t> ParseId(const std::string& text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

// The id in a path the route's pattern matched as digits; 0 (no such row) when it is 0 or does
// not fit, so the lookup answers 404.
std::int64_t PathId(const std::string& digits) { return ParseId(digits).value_or(0); }

// The body of a JSON request as an object, or an error message.
Result<json> JsonBody(const Request& req) {
  json body = json::parse(req.body.empty() ? std::string("{}") : req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return Status::InvalidInput("Nội dung yêu cầu phải là một đối tượng JSON.");
  }
  return body;
}

std::string StringField(const json& body, const char* key) {
  return body.contains(key) && body[key].is_string() ? body[key].get<std::string>() : "";
}

// The "value" of a correction: a string, or for a list field (addressees, references,
// cooperating) also an array of strings, its items, which become the one-item-per-line form the
// registry takes. An item holding a line break stays one string and is refused there.
Result<std::string> CorrectionValue(const json& body) {
  if (body.contains("value") && body["value"].is_string()) return body["value"].get<std::string>();
  const std::string field = StringField(body, "field");
  if (body.contains("value") && body["value"].is_array() && registry::IsListField(field)) {
    std::string lines;
    for (const json& item : body["value"]) {
      if (!item.is_string()) return Status::InvalidInput("\"value\" chỉ được chứa chuỗi.");
      const std::string text = item.get<std::string>();
      if (text.find_first_of("\r\n;") != std::string::npos) {
        return Status::InvalidInput("Một mục của \"value\" chứa dấu xuống dòng hoặc ';'.");
      }
      lines += text + "\n";
    }
    return lines;
  }
  if (registry::IsListField(field)) {
    return Status::InvalidInput(
        "Thiếu \"value\" (một chuỗi, mỗi dòng một mục, hoặc một mảng chuỗi).");
  }
  return Status::InvalidInput("Thiếu \"value\" (một chuỗi).");
}

// A file name safe to create in our own temporary folder: the last component of what the
// browser sent, with anything but letters, digits, '.', '-', '_' and non-ASCII bytes replaced.
std::string SafeFileName(const std::string& sent) {
  std::string base = sent.substr(sent.find_last_of("/\\") == std::string::npos
                                     ? 0
                                     : sent.find_last_of("/\\") + 1);
  std::string out;
  for (unsigned char c : base) {
    const bool keep = std::isalnum(c) || c == '.' || c == '-' || c == '_' || c >= 0x80;
    out += keep ? static_cast<char>(c) : '_';
  }
  if (out.size() > 120) {
    std::size_t from = out.size() - 120;
    while (from < out.size() && (static_cast<unsigned char>(out[from]) & 0xC0) == 0x80) ++from;
    out = out.substr(from);  // never starting inside a UTF-8 character
  }
  if (out.empty() || out.front() == '.') out = "upload" + out;
  return out;
}

// A private temporary folder, removed with its content when the object dies.
class TempFolder {
 public:
  static Result<TempFolder> Create() {
    std::string pattern = (fs::temp_directory_path() / "congvan-upload-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      return Status::IoError("Không tạo được thư mục tạm cho tệp tải lên.");
    }
    return TempFolder(pattern);
  }
  TempFolder(TempFolder&& other) noexcept : path_(std::exchange(other.path_, "")) {}
  TempFolder& operator=(TempFolder&&) = delete;
  ~TempFolder() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  explicit TempFolder(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

Status WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::IoError("Không ghi được tệp tải lên.");
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return Status::IoError("Ghi tệp tải lên thất bại (ổ đĩa đầy?).");
  return Status::Ok();
}

std::string MegabytesText(std::uint64_t bytes) {
  return std::to_string((bytes + 1024 * 1024 - 1) / (1024 * 1024)) + " MB";
}

// The id after `prefix` in `path` ("/api/tasks/12/done" after "/api/tasks/" is 12), or nullopt.
std::optional<std::int64_t> IdAfter(const std::string& path, std::string_view prefix) {
  if (path.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  const std::string rest = path.substr(prefix.size());
  return ParseId(rest.substr(0, rest.find('/')));
}

bool IsCanBo(const AccessDecision& caller) { return caller.role == registry::Role::kCanBo; }

ConnectionLimits LimitsFor(const ServerOptions& options) {
  ConnectionLimits limits;
  limits.max_per_client = options.max_connections_per_client;
  return limits;
}

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, pipeline::Options pipeline_options, std::string csrf,
       std::string session_key)
      : options_(std::move(options)),
        pipeline_options_(std::move(pipeline_options)),
        access_(options_.tokens, IsLoopback(options_.listen.host), std::move(csrf)),
        signer_(std::move(session_key)),
        pool_(options_.db_path),
        http_(LimitsFor(options_)) {}

  Status Bind();
  Status Run();
  void Stop();
  int port() const { return port_; }
  const ServerOptions& options() const { return options_; }

 private:
  void InstallHandlers();
  void InstallPages();
  void InstallApi();
  // The directory of units and assignments (web/unit_pages.h).
  void InstallUnits();
  // The directory's <datalist> for a page's unit inputs ("" when the directory cannot be read:
  // the inputs still work without completion).
  std::string UnitsDatalist(registry::Registry& reg) const;

  // Who is asking and whether they may: tokens or loopback without accounts; the session's
  // account, its role and, for a cán bộ, whether the letter or task in the path is its unit's,
  // with accounts. Read again wherever needed, so a disabled account stops at once.
  AccessDecision Decide(const Request& req) const;
  // Who is asking (the checks already passed in the pre-routing handler).
  AccessDecision Caller(const Request& req) const { return Decide(req); }
  PageFrame Frame(const Request& req, std::string title, std::string nav) const {
    const AccessDecision caller = Caller(req);
    PageFrame frame{std::move(title), std::move(nav), caller.csrf_token, caller.who};
    frame.signed_in = caller.role.has_value();
    return frame;
  }
  // The query parameters, with a cán bộ's unit as the unit filter ("don-vi"): its lists show
  // only its unit's tasks and the letters that have one.
  httplib::Params ScopedParams(const Request& req) const;
  // A search query limited, for a cán bộ, to its unit's tasks and letters.
  std::string ScopedQuery(const Request& req, const std::string& query) const;
  // For a cán bộ, drops from `results` every letter without a task of its unit and every task
  // that is not its unit's. ScopedQuery() already asks for those only; this holds even for a
  // query written to get around it (an unclosed quote swallowing the unit's filter).
  Status KeepUnitsResults(const Request& req, registry::Registry& reg,
                          registry::SearchResults& results) const;
  // The sign-in page and form, signing out (web/sign_in.h, web/sessions.h).
  void InstallSignIn();
  void SignInPost(const Request& req, Response& res);
  // An error as JSON for /api/, as a page otherwise.
  void SendError(const Request& req, Response& res, int status, const std::string& message) const;
  void SendStatus(const Request& req, Response& res, const Status& status) const {
    SendError(req, res, HttpStatusFor(status), status.message());
  }
  void SendPage(const Request& req, Response& res, const Result<RenderedPage>& page) const {
    if (!page.ok()) return SendStatus(req, res, page.status());
    res.status = page->http_status;
    res.set_content(page->html, "text/html; charset=utf-8");
  }
  // Runs `body` with a leased registry connection.
  template <typename F>
  void WithRegistry(const Request& req, Response& res, F body) {
    Result<RegistryPool::Lease> lease = pool_.Acquire();
    if (!lease.ok()) return SendStatus(req, res, lease.status());
    body(**lease);
  }

  calendar::Options CalendarOptions() const {
    calendar::Options o;
    o.letter_url_base = options_.base_url;
    return o;
  }
  void SearchPage(const Request& req, Response& res);
  void TasksPage(const Request& req, Response& res);
  void DocumentPage(const Request& req, Response& res);
  void PageImage(const Request& req, Response& res);
  void Calendar(const Request& req, Response& res);
  void BookPage(const Request& req, Response& res);
  void BookDownload(const Request& req, Response& res, registry::BookFormat format);
  void ApiReviewed(const Request& req, Response& res);
  // The letter's original files, its print view, and deleting it (web/documents.h).
  void Original(const Request& req, Response& res, const std::string& sha256);
  void PrintPage(const Request& req, Response& res);
  void ApiDelete(const Request& req, Response& res);
  void ApiSearch(const Request& req, Response& res);
  void ApiTasks(const Request& req, Response& res);
  void ApiTask(const Request& req, Response& res);
  void ApiTaskStatus(const Request& req, Response& res, bool done);
  void ApiDocuments(const Request& req, Response& res);
  void ApiDocument(const Request& req, Response& res);
  void ApiCorrect(const Request& req, Response& res);
  void ApiUpload(const Request& req, Response& res, const httplib::ContentReader& content);

  // The task filter of the list and the calendar from query parameters.
  Result<registry::TaskFilter> FilterFromForm(const TaskFilterForm& form) const;
  TaskFilterForm FormOf(const Request& req) const;
  // The document (corrections applied), or NotFound.
  Result<registry::DocumentRecord> LoadDocument(registry::Registry& reg, std::int64_t id) const;
  Result<json> TaskWithHistory(registry::Registry& reg, std::int64_t id) const;
  Result<pipeline::Pipeline*> UploadPipeline();

  ServerOptions options_;
  pipeline::Options pipeline_options_;
  AccessControl access_;
  SessionSigner signer_;
  // Mutable: deciding who asks reads the registry, from const member functions too.
  mutable RegistryPool pool_;
  // One password hash at a time: Argon2id takes 64 MB each, and 32 at once would take 2 GB.
  std::mutex sign_in_mu_;
  PageImages images_;
  std::mutex upload_mu_;  // one upload through the pipeline at a time; guards pipeline_
  std::unique_ptr<pipeline::Pipeline> pipeline_;
  GuardedHttpServer http_;
  int port_ = 0;
  std::atomic<bool> running_{false};
};

void Server::Impl::SendError(const Request& req, Response& res, int status,
                             const std::string& message) const {
  res.status = status;
  if (IsApi(req) || req.path == "/calendar.ics") {
    res.set_content(json{{"error", message}}.dump(), "application/json; charset=utf-8");
    return;
  }
  // No CSRF secret on error pages: they are also what unauthenticated requests get.
  PageFrame frame{"Lỗi", "", "", ""};
  res.set_content(RenderErrorPage(frame, status, message), "text/html; charset=utf-8");
}

AccessDecision Server::Impl::Decide(const Request& req) const {
  const RequestFacts facts = FactsOf(req);
  auto failed = [](const Status& status) {
    AccessDecision d;
    d.http_status = HttpStatusFor(status);
    d.message = status.message();
    return d;
  };
  Result<RegistryPool::Lease> lease = pool_.Acquire();
  if (!lease.ok()) return failed(lease.status());
  Result<bool> accounts = registry::HasEnabledUsers(**lease);
  if (!accounts.ok()) return failed(accounts.status());
  if (!*accounts) {
    // Listening beyond this machine without tokens was allowed because the registry had
    // accounts; with none enabled any more, nobody is let in.
    if (!IsLoopback(options_.listen.host) && options_.tokens.empty()) {
      AccessDecision d;
      d.http_status = 503;
      d.message = "Máy chủ này cần đăng nhập nhưng không còn tài khoản nào đang dùng; quản trị "
                  "viên hãy mở lại một tài khoản (congvan user enable).";
      return d;
    }
    return access_.Check(facts);
  }
  const std::string session = CookieValue(facts.cookie, kSessionCookie);
  Result<std::optional<registry::User>> account = SessionAccount(**lease, signer_, session, Now());
  if (!account.ok()) return failed(account.status());
  AccessDecision d = access_.CheckAccount(facts, account->has_value() ? &**account : nullptr,
                                          account->has_value() ? signer_.CsrfToken(session) : "");
  d.accounts = true;
  if (!d.allowed || !IsCanBo(d)) return d;
  // A cán bộ reaches a letter only when it has a task of the unit, and a task only when it is
  // one of the unit's.
  auto refuse = [&d](std::string message) {
    AccessDecision no = d;
    no.allowed = false;
    no.http_status = 403;
    no.message = std::move(message);
    return no;
  };
  if (!d.unit_id) return refuse("Tài khoản cán bộ này chưa gắn với đơn vị nào.");
  std::optional<std::int64_t> letter = IdAfter(req.path, "/documents/");
  if (!letter) letter = IdAfter(req.path, "/api/documents/");
  if (letter) {
    Result<bool> mine = registry::LetterHasTaskOfUnit(**lease, *letter, *d.unit_id);
    if (!mine.ok()) return failed(mine.status());
    if (!*mine) {
      return refuse("Văn bản này không có nhiệm vụ của " + d.unit_name +
                    ": tài khoản cán bộ chỉ xem văn bản và nhiệm vụ của đơn vị mình.");
    }
  }
  if (std::optional<std::int64_t> task = IdAfter(req.path, "/api/tasks/")) {
    Result<bool> mine = registry::TaskOfUnit(**lease, *task, *d.unit_id);
    if (!mine.ok()) return failed(mine.status());
    if (!*mine) {
      return refuse("Nhiệm vụ này không phải của " + d.unit_name +
                    ": tài khoản cán bộ chỉ xem và cập nhật nhiệm vụ của đơn vị mình.");
    }
  }
  return d;
}

httplib::Params Server::Impl::ScopedParams(const Request& req) const {
  httplib::Params params = req.params;
  const AccessDecision caller = Caller(req);
  if (IsCanBo(caller)) {
    params.erase("don-vi");
    params.emplace("don-vi", caller.unit_name);
  }
  return params;
}

std::string Server::Impl::ScopedQuery(const Request& req, const std::string& query) const {
  const AccessDecision caller = Caller(req);
  if (!IsCanBo(caller)) return query;
  // The last don-vi: of a query wins, so the unit's own filter goes last.
  return query + " don-vi:\"" + caller.unit_name + "\"";
}

Status Server::Impl::KeepUnitsResults(const Request& req, registry::Registry& reg,
                                      registry::SearchResults& results) const {
  const AccessDecision caller = Caller(req);
  if (!IsCanBo(caller)) return Status::Ok();
  const std::int64_t unit = caller.unit_id.value_or(0);
  std::vector<registry::DocumentHit> letters;
  for (registry::DocumentHit& d : results.documents) {
    Result<bool> mine = registry::LetterHasTaskOfUnit(reg, d.id, unit);
    if (!mine.ok()) return mine.status();
    if (*mine) letters.push_back(std::move(d));
  }
  results.documents = std::move(letters);
  std::vector<registry::TaskHit> tasks;
  for (registry::TaskHit& t : results.tasks) {
    Result<bool> mine = registry::TaskOfUnit(reg, t.view.task.id, unit);
    if (!mine.ok()) return mine.status();
    if (*mine) tasks.push_back(std::move(t));
  }
  results.tasks = std::move(tasks);
  return Status::Ok();
}

void Server::Impl::InstallSignIn() {
  http_.Get("/dang-nhap", [this](const Request& q, Response& r) {
    const AccessDecision caller = Caller(q);
    const std::string next = SafeNextPath(q.get_param_value("tiep"));
    // Nothing to sign in to without accounts; a signed-in account goes on.
    if (!caller.accounts || caller.role) return r.set_redirect(next, 303);
    SignInPageData data;
    data.csrf_token = signer_.SignInToken();
    data.next = next;
    r.set_content(RenderSignInPage(data), "text/html; charset=utf-8");
  });
  http_.Post("/dang-nhap", [this](const Request& q, Response& r) { SignInPost(q, r); });
  http_.Post("/dang-xuat", [this](const Request& q, Response& r) {
    const std::string session = CookieValue(q.get_header_value("Cookie"), kSessionCookie);
    if (!access_.FormCsrfOk(FactsOf(q), q.get_param_value("csrf"), signer_.CsrfToken(session))) {
      return SendError(q, r, 403, "Yêu cầu thiếu mã chống giả mạo; hãy tải lại trang.");
    }
    r.set_header("Set-Cookie", std::string(kSessionCookie) +
                                   "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
    r.set_redirect("/dang-nhap", 303);
  });
}

void Server::Impl::SignInPost(const Request& req, Response& res) {
  SignInPageData data;
  data.csrf_token = signer_.SignInToken();
  data.next = SafeNextPath(req.get_param_value("tiep"));
  const std::string login = req.get_param_value("login");
  if (registry::CheckLogin(login).ok()) data.login = login;
  if (!access_.FormCsrfOk(FactsOf(req), req.get_param_value("csrf"), signer_.SignInToken())) {
    return SendError(req, res, 403, "Yêu cầu thiếu mã chống giả mạo; hãy tải lại trang đăng nhập.");
  }
  WithRegistry(req, res, [&](registry::Registry& reg) {
    Result<bool> accounts = registry::HasEnabledUsers(reg);
    if (!accounts.ok()) return SendStatus(req, res, accounts.status());
    if (!*accounts) return res.set_redirect("/", 303);
    Result<registry::User> user = [&] {
      std::lock_guard<std::mutex> lock(sign_in_mu_);
      return registry::SignIn(reg, login, req.get_param_value("password"), Now());
    }();
    if (!user.ok()) {
      if (user.status().code() != Code::kInvalidInput) return SendStatus(req, res, user.status());
      // The log names an account only: what was typed as a login may be a password.
      const bool known = !data.login.empty() && registry::FindUser(reg, data.login).ok();
      std::fprintf(stderr, "congvan: đăng nhập không thành công: %s\n",
                   known ? data.login.c_str() : "(không phải tài khoản)");
      data.error = user.status().message();
      res.status = 401;
      res.set_content(RenderSignInPage(data), "text/html; charset=utf-8");
      return;
    }
    std::fprintf(stderr, "congvan: đăng nhập: %s\n", user->login.c_str());
    res.set_header("Set-Cookie",
                   std::string(kSessionCookie) + "=" + signer_.Issue(*user, Now() + kSessionLifetime) +
                       "; HttpOnly; SameSite=Strict; Path=/; Max-Age=" +
                       std::to_string(std::chrono::seconds(kSessionLifetime).count()));
    res.set_redirect(data.next, 303);
  });
}

Status Server::Impl::Bind() {
  InstallHandlers();
  InstallSignIn();
  InstallPages();
  InstallApi();
  InstallUnits();
  const std::string& host = options_.listen.host;
  if (options_.listen.port == 0) {
    port_ = http_.bind_to_any_port(host);
    if (port_ <= 0) return Status::IoError("cannot listen on " + host + " (no free port)");
  } else {
    if (!http_.bind_to_port(host, options_.listen.port)) {
      return Status::IoError("cannot listen on " + host + ":" +
                             std::to_string(options_.listen.port) +
                             " (address in use, or not an address of this machine)");
    }
    port_ = options_.listen.port;
  }
  if (!http_.WidenBacklog()) return Status::IoError("cannot set the listen backlog");
  return Status::Ok();
}

Status Server::Impl::Run() {
  running_ = true;
  const bool ok = http_.listen_after_bind();
  running_ = false;
  return ok ? Status::Ok() : Status::IoError("the server stopped accepting connections");
}

void Server::Impl::Stop() {
  // stop() before the loop has started would be lost; wait for it (Run() is starting).
  for (int i = 0; i < 500 && !http_.is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  http_.stop();
}

void Server::Impl::InstallHandlers() {
  // httplib's default also sets SO_REUSEPORT, which would let a second server bind the same
  // port and silently share the connections; keep only SO_REUSEADDR (restart without waiting).
  http_.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<const void*>(&yes), sizeof yes);
  });
  http_.set_payload_max_length(options_.max_upload_bytes * kPayloadSlack + 64 * 1024);
  http_.set_pre_routing_handler([this](const Request& req, Response& res) {
    const AccessDecision d = Decide(req);
    if (!d.allowed) {
      // A browser without a session is sent to sign in, and back here afterwards.
      if (d.accounts && d.http_status == 401 && req.method == "GET" && !IsApi(req) &&
          req.path != "/calendar.ics") {
        res.set_redirect("/dang-nhap?tiep=" + UrlEncode(req.path), 303);
        return httplib::Server::HandlerResponse::Handled;
      }
      SendError(req, res, d.http_status, d.message);
      return httplib::Server::HandlerResponse::Handled;
    }
    // httplib holds Content-Length bodies to the payload limit but reads a chunked body whole;
    // only the upload counts a chunked body as it arrives (ApiUpload), every other route takes
    // none.
    if (req.has_header("Transfer-Encoding") && req.path != "/api/upload") {
      SendError(req, res, 411, "Yêu cầu cần độ dài nội dung (Content-Length).");
      return httplib::Server::HandlerResponse::Handled;
    }
    // A browser that came with ?token= gets the cookie and the address without the token, so
    // the secret leaves the address bar and history.
    if (d.token_from_query && !IsApi(req) && req.path != "/calendar.ics") {
      res.set_header("Set-Cookie", std::string(kTokenCookie) + "=" + d.token +
                                       "; HttpOnly; SameSite=Strict; Path=/");
      res.set_redirect(req.path, 303);
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  http_.set_post_routing_handler([](const Request& req, Response& res) {
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
                   "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Referrer-Policy", "no-referrer");
    if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-store");
  });
  http_.set_error_handler(httplib::Server::HandlerWithResponse([this](const Request& req, Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    if (res.status == 413) {
      SendError(req, res, 413, "Tệp quá lớn: tối đa " + MegabytesText(options_.max_upload_bytes) + ".");
    } else if (res.status == 404) {
      SendError(req, res, 404, "Không tìm thấy trang này.");
    } else {
      SendError(req, res, res.status, "Yêu cầu không hợp lệ (HTTP " + std::to_string(res.status) + ").");
    }
    return httplib::Server::HandlerResponse::Handled;
  }));
  http_.set_exception_handler([this](const Request& req, Response& res, std::exception_ptr) {
    SendError(req, res, 500, "Lỗi nội bộ của máy chủ.");
  });
}

void Server::Impl::InstallPages() {
  http_.Get("/", [this](const Request& q, Response& r) { SearchPage(q, r); });
  http_.Get("/tasks", [this](const Request& q, Response& r) { TasksPage(q, r); });
  http_.Get(R"(/documents/(\d{1,18}))", [this](const Request& q, Response& r) { DocumentPage(q, r); });
  http_.Get(R"(/documents/(\d{1,18})/pages/(\d{1,6})\.png)",
            [this](const Request& q, Response& r) { PageImage(q, r); });
  http_.Get(R"(/documents/(\d{1,18})/ban-goc)",
            [this](const Request& q, Response& r) { Original(q, r, ""); });
  http_.Get(R"(/documents/(\d{1,18})/ban-goc/([0-9a-f]{64}))",
            [this](const Request& q, Response& r) { Original(q, r, q.matches[2].str()); });
  http_.Get(R"(/documents/(\d{1,18})/in)", [this](const Request& q, Response& r) { PrintPage(q, r); });
  http_.Get("/upload", [this](const Request& q, Response& r) {
    r.set_content(RenderUploadPage(Frame(q, "Tải lên", "upload"), options_.max_upload_bytes),
                  "text/html; charset=utf-8");
  });
  http_.Get("/calendar.ics", [this](const Request& q, Response& r) { Calendar(q, r); });
  http_.Get("/so-den", [this](const Request& q, Response& r) { BookPage(q, r); });
  http_.Get("/tong-quan", [this](const Request& q, Response& r) {
    WithRegistry(q, r, [&](registry::Registry& reg) {
      SendPage(q, r, DashboardPage(reg, Frame(q, "Tổng quan", "dashboard"), Now()));
    });
  });
  http_.Get("/bao-cao", [this](const Request& q, Response& r) {
    WithRegistry(q, r, [&](registry::Registry& reg) {
      auto param = [&q](const char* name) { return q.get_param_value(name); };
      SendPage(q, r, ReportPage(reg, Frame(q, "Báo cáo tiến độ", "dashboard"),
                                options_.report_heading, param, Now()));
    });
  });
  http_.Get("/so-den.csv", [this](const Request& q, Response& r) {
    BookDownload(q, r, registry::BookFormat::kCsv);
  });
  http_.Get("/so-den.xlsx", [this](const Request& q, Response& r) {
    BookDownload(q, r, registry::BookFormat::kXlsx);
  });
  http_.Get(R"(/assets/([A-Za-z0-9_.-]{1,64}))", [this](const Request& q, Response& r) {
    const Asset* asset = FindAsset(q.matches[1].str());
    if (asset == nullptr) return SendError(q, r, 404, "Không tìm thấy tệp này.");
    r.set_header("Cache-Control", "private, max-age=300");
    r.set_content(std::string(asset->bytes), std::string(asset->content_type).c_str());
  });
}

void Server::Impl::InstallApi() {
  http_.Get("/api/session", [this](const Request& q, Response& r) {
    const AccessDecision caller = Caller(q);
    json session{{"csrf_token", caller.csrf_token}, {"who", caller.who}};
    // With accounts, what the account is: the page's script and other clients adapt to it.
    if (caller.role) {
      session["role"] = registry::RoleName(*caller.role);
      session["unit"] = caller.unit_name;
    }
    SendJson(r, 200, session);
  });
  http_.Get("/api/search", [this](const Request& q, Response& r) { ApiSearch(q, r); });
  http_.Get("/api/tasks", [this](const Request& q, Response& r) { ApiTasks(q, r); });
  http_.Get(R"(/api/tasks/(\d{1,18}))", [this](const Request& q, Response& r) { ApiTask(q, r); });
  http_.Post(R"(/api/tasks/(\d{1,18})/done)",
             [this](const Request& q, Response& r) { ApiTaskStatus(q, r, true); });
  http_.Post(R"(/api/tasks/(\d{1,18})/reopen)",
             [this](const Request& q, Response& r) { ApiTaskStatus(q, r, false); });
  http_.Get("/api/documents", [this](const Request& q, Response& r) { ApiDocuments(q, r); });
  http_.Get(R"(/api/documents/(\d{1,18}))", [this](const Request& q, Response& r) { ApiDocument(q, r); });
  http_.Get(R"(/api/documents/(\d{1,18})/corrections)", [this](const Request& q, Response& r) {
    WithRegistry(q, r, [&](registry::Registry& reg) {
      Result<registry::DocumentRecord> doc = LoadDocument(reg, PathId(q.matches[1].str()));
      if (!doc.ok()) return SendStatus(q, r, doc.status());
      Result<std::vector<registry::Correction>> all = registry::ListCorrections(reg, doc->sha256);
      if (!all.ok()) return SendStatus(q, r, all.status());
      json out = json::array();
      for (const registry::Correction& c : *all) out.push_back(CorrectionJson(c));
      SendJson(r, 200, out);
    });
  });
  http_.Post(R"(/api/documents/(\d{1,18})/corrections)",
             [this](const Request& q, Response& r) { ApiCorrect(q, r); });
  http_.Post(R"(/api/documents/(\d{1,18})/delete)",
             [this](const Request& q, Response& r) { ApiDelete(q, r); });
  http_.Post(R"(/api/documents/(\d{1,18})/reviewed)",
             [this](const Request& q, Response& r) { ApiReviewed(q, r); });
  http_.Post("/api/upload", [this](const Request& q, Response& r, const httplib::ContentReader& c) {
    ApiUpload(q, r, c);
  });
  http_.Get("/api/calendar.ics", [this](const Request& q, Response& r) { Calendar(q, r); });
}

Result<registry::DocumentRecord> Server::Impl::LoadDocument(registry::Registry& reg,
                                                            std::int64_t id) const {
  Result<std::optional<registry::DocumentRecord>> found = reg.Find(id);
  if (!found.ok()) return found.status();
  if (!found->has_value()) return Status::NotFound("Không có văn bản số " + std::to_string(id) + ".");
  registry::DocumentRecord doc = std::move(**found);
  CONGVAN_RETURN_IF_ERROR(registry::ApplyCorrections(reg, doc));
  return doc;
}

TaskFilterForm Server::Impl::FormOf(const Request& req) const {
  const AccessDecision caller = Caller(req);
  return TaskFilterForm{IsCanBo(caller) ? caller.unit_name : req.get_param_value("don-vi"),
                        req.get_param_value("co-quan"),
                        req.get_param_value("so"),      req.get_param_value("han-tu"),
                        req.get_param_value("han-den"), req.get_param_value("trang-thai")};
}

Result<registry::TaskFilter> Server::Impl::FilterFromForm(const TaskFilterForm& form) const {
  registry::TaskFilter f;
  f.assignee = form.don_vi;
  f.issuer = form.co_quan;
  f.doc_ref = form.so;
  f.limit = kMaxTaskRows;
  for (const auto& [text, field, label] :
       {std::tuple{&form.han_tu, &f.due_min, "Hạn từ"}, std::tuple{&form.han_den, &f.due_max, "Hạn đến"}}) {
    if (text->empty()) continue;
    std::optional<std::string> d = text::ReadTypedDate(*text);
    if (!d) return Status::InvalidInput(std::string(label) + ": \"" + *text + "\" không phải ngày (dd/mm/yyyy).");
    *field = *d;
  }
  if (!form.trang_thai.empty()) {
    Result<std::vector<registry::TaskState>> states = registry::ParseStates(form.trang_thai);
    if (!states.ok()) return states.status();
    f.states = *states;
  }
  return f;
}

void Server::Impl::SearchPage(const Request& req, Response& res) {
  WithRegistry(req, res, [&](registry::Registry& reg) {
    SearchPageData data;
    data.query = req.get_param_value("q");
    // The review queue is the clerks' work and names letters of every unit.
    const bool office_wide = !IsCanBo(Caller(req));
    if (data.query.empty()) {
      Result<ListSection> letters = LetterListSection(reg, ScopedParams(req), Now());
      if (!letters.ok()) return SendStatus(req, res, letters.status());
      data.letters_html = std::move(letters->html);
      data.error = std::move(letters->error);
      if (office_wide) {
        Result<std::vector<registry::ReviewItem>> review =
            registry::ReviewQueue(reg, kReviewLetters);
        if (!review.ok()) return SendStatus(req, res, review.status());
        data.review = std::move(*review);
        Result<std::int64_t> count = registry::ReviewQueueCount(reg);
        if (!count.ok()) return SendStatus(req, res, count.status());
        data.review_count = *count;
      }
    } else {
      // Page N of the results reads the N * kResultsPerPage best and shows the last of them.
      Pager pager = MakePager(req.get_param_value("trang"), kResultsPerPage * kMaxResultPages,
                              kResultsPerPage);
      registry::SearchOptions options;
      options.limit = static_cast<int>(pager.page * kResultsPerPage + 1);
      Result<registry::SearchResults> r =
          registry::Search(reg, ScopedQuery(req, data.query), Now(), options);
      if (r.ok()) {
        if (Status kept = KeepUnitsResults(req, reg, *r); !kept.ok()) return SendStatus(req, res, kept);
        const bool more = static_cast<std::int64_t>(std::max(r->documents.size(), r->tasks.size())) >
                          pager.page * kResultsPerPage;
        for (auto* hits : {&r->documents}) {
          hits->erase(hits->begin(), hits->begin() + std::min<std::size_t>(hits->size(), pager.offset()));
          if (hits->size() > kResultsPerPage) hits->resize(kResultsPerPage);
        }
        r->tasks.erase(r->tasks.begin(), r->tasks.begin() + std::min<std::size_t>(r->tasks.size(), pager.offset()));
        if (r->tasks.size() > kResultsPerPage) r->tasks.resize(kResultsPerPage);
        data.results = std::move(*r);
        data.pager_html = PagerHtml("/", "q=" + UrlEncode(data.query), pager, false,
                                    more && pager.page < kMaxResultPages);
      } else {
        data.error = r.status().message();
      }
    }
    res.status = data.error.empty() ? 200 : 400;
    res.set_content(RenderSearchPage(Frame(req, data.query.empty() ? "Tìm kiếm" : data.query, "search"), data),
                    "text/html; charset=utf-8");
  });
}

void Server::Impl::TasksPage(const Request& req, Response& res) {
  WithRegistry(req, res, [&](registry::Registry& reg) {
    const httplib::Params params = ScopedParams(req);
    const auto unit = params.find("don-vi");
    const std::string don_vi = unit == params.end() ? "" : unit->second;
    const std::string calendar_url =
        "/calendar.ics" + (don_vi.empty() ? std::string() : "?don-vi=" + UrlEncode(don_vi));
    std::string feed_url = "http://" + req.get_header_value("Host") + calendar_url;
    const AccessDecision caller = Caller(req);
    if (!caller.token.empty()) {
      feed_url += (don_vi.empty() ? "?" : "&") + std::string("token=") + UrlEncode(caller.token);
    }
    Result<ListSection> section = TaskListSection(reg, params, calendar_url, feed_url, Now());
    if (!section.ok()) return SendStatus(req, res, section.status());
    res.status = section->error.empty() ? 200 : 400;
    PageFrame frame = Frame(req, "Nhiệm vụ", "tasks");
    frame.units_datalist_html = UnitsDatalist(reg);
    res.set_content(RenderLayout(frame, section->html), "text/html; charset=utf-8");
  });
}

void Server::Impl::DocumentPage(const Request& req, Response& res) {
  WithRegistry(req, res, [&](registry::Registry& reg) {
    std::optional<std::int64_t> id = ParseId(req.matches[1].str());
    if (!id) return SendError(req, res, 404, "Không có văn bản này.");
    Result<registry::DocumentRecord> doc = LoadDocument(reg, *id);
    if (!doc.ok()) return SendStatus(req, res, doc.status());
    DocumentPageData data;
    data.now = Now();
    data.page_images = HasPageImages(*doc);
    Result<std::vector<registry::Correction>> corrections = registry::ListCorrections(reg, doc->sha256);
    if (!corrections.ok()) return SendStatus(req, res, corrections.status());
    data.corrections = std::move(*corrections);
    for (const registry::TaskRecord& t : doc->tasks) {
      Result<std::vector<registry::TaskEvent>> h = registry::History(reg, t.id);
      if (!h.ok()) return SendStatus(req, res, h.status());
      data.history[t.id] = std::move(*h);
    }
    Result<std::optional<registry::BookEntry>> arrival = registry::FindArrival(reg, doc->sha256);
    if (!arrival.ok()) return SendStatus(req, res, arrival.status());
    data.arrival = std::move(*arrival);
    Result<bool> reviewed = registry::IsReviewed(reg, doc->sha256);
    if (!reviewed.ok()) return SendStatus(req, res, reviewed.status());
    data.reviewed = *reviewed;
    Result<std::vector<registry::LetterFile>> files = registry::FilesOf(reg, *doc);
    if (!files.ok()) return SendStatus(req, res, files.status());
    data.files = std::move(*files);
    data.doc = std::move(*doc);
    data.assign_task = ParseId(req.get_param_value("giao")).value_or(0);
    const std::string title = data.doc.doc_ref.empty() ? "Văn bản " + std::to_string(*id) : data.doc.doc_ref;
    PageFrame frame = Frame(req, title, "");
    frame.units_datalist_html = UnitsDatalist(reg);
    res.set_content(RenderDocumentPage(frame, data), "text/html; charset=utf-8");
  });
}

void Server::Impl::PageImage(const Request& req, Response& res) {
  WithRegistry(req, res, [&](registry::Registry& reg) {
    std::optional<std::int64_t> id = ParseId(req.matches[1].str());
    std::optional<std::int64_t> page = ParseId(req.matches[2].str());
    if (!id || !page) return SendError(req, res, 404, "Không có trang này.");
    Result<std::optional<registry::DocumentRecord>> doc = reg.Find(*id);
    if (!doc.ok()) return SendStatus(req, res, doc.status());
    if (!doc->has_value()) return SendError(req, res, 404, "Không có văn bản này.");
    // The file is the registry's own copy, named by the SHA-256 the registry holds (beside an
    // SQLite file, or read from a PostgreSQL registry into this machine's cache).
    Result<std::string> stored = registry::Originals::ForRegistry(reg).Find((*doc)->sha256);
    if (!stored.ok()) return SendError(req, res, 404, "Không còn bản gốc của văn bản này.");
    Result<std::string> png = images_.RenderPng(*stored, static_cast<int>(*page - 1));
    if (!png.ok()) return SendStatus(req, res, png.status());
    res.set_header("Cache-Control", "private, max-age=3600");
    res.set_content(std::move(*png), "image/png");
  });
}

void Server::Impl::Calendar(const Request& req, Response& res) {
  WithRegistry(req, res, [&](registry::Registry& reg) {
    const registry::TimePoint now = Now();
    registry::TaskFilter filter;
    const AccessDecision caller = Caller(req);
    filter.assignee = IsCanBo(caller) ? caller.unit_name : req.get_param_value("don-vi");
    filter.with_deadline = true;
    Result<std::vector<registry::TaskView>> tasks = registry::ListTasks(reg, filter, now);
    if (!tasks.ok()) return SendStatus(req, res, tasks.status());
    Status applied = registry::ApplyCorrections(reg, *tasks);
    if (!applied.ok()) return SendStatus(req, res, applied);
    Result<std::string> ics = calendar::ToICalendar(*tasks, CalendarOptions(), now);
    if (!ics.ok()) return SendStatus(req, res, ics.status());
    res.set_header("Content-Disposition", "attachment; filename=\"congvan.ics\"");
    res.set_content(std::move(*ics), "text/calendar; charset=utf-8");
  });
}

// The register of incoming letters, filtered by the query parameters nam (year), tu and den
// (arrival days); without any, the current year's.
void Server::Impl::BookPage(const Request& req, Response& res) {
  WithRegistry(req, res, [&](registry::Registry& reg) {
    BookPageData data;
    data.year = req.get_param_value("nam");
    data.from = req.get_param_value("tu");
    data.to = req.get_param_value("den");
    if (data.year.empty() && data.from.empty() && data.to.empty()) {
      data.year = registry::LocalMinute(Now()).substr(0, 4);
    }
    Result<registry::BookFilter> filter = BookFilterFromQuery(data.year, data.from, data.to);
    if (!filter.ok()) {
      data.error = filter.status().message();
    } else {
      data.filter = *filter;
      data.query = BookQueryString(data.year, data.from, data.to);
      Result<std::int64_t> total = registry::CountBook(reg, data.filter);
      if (!total.ok()) return SendStatus(req, res, total.status());
      data.total = *total;
      data.all = req.get_param_value("tat-ca") == "1";
      data.pages = std::max<std::int64_t>(1, (data.total + kBookLinesPerPage - 1) / kBookLinesPerPage);
      data.page = std::min(ParseId(req.get_param_value("trang")).value_or(1), data.pages);
      Result<std::vector<registry::BookEntry>> entries =
          data.all ? registry::ListBook(reg, data.filter)
                   : registry::ListBook(reg, data.filter, kBookLinesPerPage,
                                        (data.page - 1) * kBookLinesPerPage);
      if (!entries.ok()) return SendStatus(req, res, entries.status());
      data.entries = std::move(*entries);
    }
    res.status = data.error.empty() ? 200 : 400;
    res.set_content(RenderBookPage(Frame(req, "Sổ văn bản đến", "book"), data),
                    "text/html; charset=utf-8");
  });
}

void Server::Impl::BookDownload(const Request& req, Response& res, registry::BookFormat format) {
  Result<registry::BookFilter> filter = BookFilterFromQuery(
      req.get_param_value("nam"), req.get_param_value("tu"), req.get_param_value("den"));
  if (!filter.ok()) return SendStatus(req, res, filter.status());
  WithRegistry(req, res, [&](registry::Registry& reg) {
    Result<std::vector<registry::BookEntry>> entries = registry::ListBook(reg, *filter);
    if (!entries.ok()) return SendStatus(req, res, entries.status());
    const bool xlsx = format == registry::BookFormat::kXlsx;
    Result<std::string> bytes = xlsx ? registry::BookXlsxBytes(*entries, *filter)
                                     : registry::RenderBook(*entries, *filter, format);
    if (!bytes.ok()) return SendStatus(req, res, bytes.status());
    res.set_header("Content-Disposition", std::string("attachment; filename=\"so-den.") +
                                              (xlsx ? "xlsx" : "csv") + "\"");
    res.set_content(std::move(*bytes),
                    xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                         : "text/csv; charset=utf-8");
  });
}

void Server::Impl::Original(const Request& req, Response& res, const std::string& sha256) {
  WithRegistry(req, res, [&](registry::Registry& reg) {
    Result<OriginalDownload> file = FindOriginal(reg, PathId(req.matches[1].str()), sha256);
    if (!file.ok()) return SendStatus(req, res, file.status());
    std::ifstream in(file->stored_path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) return SendError(req, res, 500, "Không đọc được bản gốc.");
    // Saved under the letter's Vietnamese name, not the hash the store knows it by.
    res.set_header("Content-Disposition", ContentDisposition("attachment", file->file_name));
    res.set_header("Cache-Control", "private, max-age=3600");
    res.set_content(std::move(bytes), file->content_type);
  });
}

void Server::Impl::PrintPage(const Request& req, Response& res) {
  WithRegistry(req, res, [&](registry::Registry& reg) {
    Result<registry::DocumentRecord> doc = LoadDocument(reg, PathId(req.matches[1].str()));
    if (!doc.ok()) return SendStatus(req, res, doc.status());
    const std::string title = doc->doc_ref.empty() ? "Văn bản " + std::to_string(doc->id) : doc->doc_ref;
    res.set_content(RenderPrintPage(Frame(req, title, ""), *doc, HasPageImages(*doc)),
                    "text/html; charset=utf-8");
  });
}

void Server::Impl::ApiDelete(const Request& req, Response& res) {
  WithRegistry(req, res, [&](registry::Registry& reg) {
    Result<registry::Deletion> done =
        registry::DeleteLetter(reg, PathId(req.matches[1].str()), Caller(req).who, Now());
    if (!done.ok()) return SendStatus(req, res, done.status());
    SendJson(res, 200, {{"deleted", done->former_id},
                        {"doc_ref", done->doc_ref},
                        {"who", done->deleted_by},
                        {"at", done->deleted_at}});
  });
}

std::string Server::Impl::UnitsDatalist(registry::Registry& reg) const {
  Result<std::vector<registry::Unit>> units = registry::ListUnits(reg, false);
  return units.ok() ? UnitDatalistHtml(*units) : "";
}

void Server::Impl::InstallUnits() {
  http_.Get("/don-vi", [this](const Request& q, Response& r) {
    WithRegistry(q, r, [&](registry::Registry& reg) {
      UnitsPageData data;
      Result<std::vector<registry::Unit>> units = registry::ListUnits(reg, true);
      if (!units.ok()) return SendStatus(q, r, units.status());
      data.units = std::move(*units);
      Result<std::vector<registry::AliasSuggestion>> suggestions = registry::SuggestAliases(reg);
      if (!suggestions.ok()) return SendStatus(q, r, suggestions.status());
      data.suggestions = std::move(*suggestions);
      r.set_content(RenderUnitsPage(Frame(q, "Đơn vị", "units"), data), "text/html; charset=utf-8");
    });
  });
  http_.Get("/api/units", [this](const Request& q, Response& r) {
    WithRegistry(q, r, [&](registry::Registry& reg) {
      Result<std::vector<registry::Unit>> units = registry::ListUnits(reg, true);
      if (!units.ok()) return SendStatus(q, r, units.status());
      json out = json::array();
      for (const registry::Unit& u : *units) out.push_back(UnitJson(u));
      SendJson(r, 200, out);
    });
  });
  http_.Post("/api/units", [this](const Request& q, Response& r) {
    Result<json> body = JsonBody(q);
    if (!body.ok()) return SendStatus(q, r, body.status());
    WithRegistry(q, r, [&](registry::Registry& reg) {
      Result<registry::Unit> unit = registry::AddUnit(reg, StringField(*body, "name"), Now());
      if (!unit.ok()) return SendStatus(q, r, unit.status());
      SendJson(r, 201, UnitJson(*unit));
    });
  });
  http_.Post(R"(/api/units/(\d{1,18})/aliases)", [this](const Request& q, Response& r) {
    Result<json> body = JsonBody(q);
    if (!body.ok()) return SendStatus(q, r, body.status());
    WithRegistry(q, r, [&](registry::Registry& reg) {
      const std::int64_t id = PathId(q.matches[1].str());
      Status added = registry::AddAlias(reg, id, StringField(*body, "alias"), Caller(q).who, Now());
      if (!added.ok()) return SendStatus(q, r, added);
      Result<registry::Unit> unit = registry::GetUnit(reg, id);
      if (!unit.ok()) return SendStatus(q, r, unit.status());
      SendJson(r, 201, UnitJson(*unit));
    });
  });
  http_.Post(R"(/api/units/(\d{1,18})/active)", [this](const Request& q, Response& r) {
    Result<json> body = JsonBody(q);
    if (!body.ok()) return SendStatus(q, r, body.status());
    // true/false from a script, "1"/"0" from the page's form.
    const json& v = body->contains("active") ? (*body)["active"] : json();
    std::optional<bool> active;
    if (v.is_boolean()) active = v.get<bool>();
    if (v.is_string() && (v == "1" || v == "0")) active = v == "1";
    if (!active) return SendError(q, r, 400, "\"active\" phải là true hoặc false.");
    WithRegistry(q, r, [&](registry::Registry& reg) {
      const std::int64_t id = PathId(q.matches[1].str());
      Status set = registry::SetUnitActive(reg, id, *active);
      if (!set.ok()) return SendStatus(q, r, set);
      Result<registry::Unit> unit = registry::GetUnit(reg, id);
      if (!unit.ok()) return SendStatus(q, r, unit.status());
      SendJson(r, 200, UnitJson(*unit));
    });
  });
  http_.Post(R"(/api/documents/(\d{1,18})/assignments)", [this](const Request& q, Response& r) {
    Result<json> body = JsonBody(q);
    if (!body.ok()) return SendStatus(q, r, body.status());
    Result<registry::AssignmentRequest> request =
        AssignmentFromJson(*body, PathId(q.matches[1].str()));
    if (!request.ok()) return SendStatus(q, r, request.status());
    request->who = Caller(q).who;
    WithRegistry(q, r, [&](registry::Registry& reg) {
      Result<registry::AssignmentOutcome> made = registry::Assign(reg, *request, Now());
      if (!made.ok()) return SendStatus(q, r, made.status());
      json out = TaskJson(made->task);
      out["guesses"] = made->guesses;
      SendJson(r, 201, out);
    });
  });
}

void Server::Impl::ApiReviewed(const Request& req, Response& res) {
  WithRegistry(req, res, [&](registry::Registry& reg) {
    Result<registry::Correction> done =
        registry::MarkReviewed(reg, PathId(req.matches[1].str()), Caller(req).who, Now());
    if (!done.ok()) return SendStatus(req, res, done.status());
    SendJson(res, 201, CorrectionJson(*done));
  });
}

void Server::Impl::ApiSearch(const Request& req, Response& res) {
  WithRegistry(req, res, [&](registry::Registry& reg) {
    registry::SearchOptions options;
    if (std::optional<std::int64_t> limit = ParseId(req.get_param_value("limit"))) {
      options.limit = static_cast<int>(std::min<std::int64_t>(*limit, 500));
    }
    Result<registry::SearchResults> r =
        registry::Search(reg, ScopedQuery(req, req.get_param_value("q")), Now(), options);
    if (!r.ok()) return SendStatus(req, res, r.status());
    if (Status kept = KeepUnitsResults(req, reg, *r); !kept.ok()) return SendStatus(req, res, kept);
    SendJson(res, 200, SearchJson(*r));
  });
}

void Server::Impl::ApiTasks(const Request& req, Response& res) {
  WithRegistry(req, res, [&](registry::Registry& reg) {
    Result<registry::TaskFilter> filter = FilterFromForm(FormOf(req));
    if (!filter.ok()) return SendStatus(req, res, filter.status());
    if (std::optional<std::int64_t> limit = ParseId(req.get_param_value("limit"))) {
      filter->limit = static_cast<int>(std::min<std::int64_t>(*limit, kMaxTaskRows));
    }
    Result<std::vector<registry::TaskView>> tasks = registry::ListTasks(reg, *filter, Now());
    if (!tasks.ok()) return SendStatus(req, res, tasks.status());
    Status applied = registry::ApplyCorrections(reg, *tasks);
    if (!applied.ok()) return SendStatus(req, res, applied);
    json out = json::array();
    for (const registry::TaskView& v : *tasks) out.push_back(TaskJson(v));
    SendJson(res, 200, out);
  });
}

Result<json> Server::Impl::TaskWithHistory(registry::Registry& reg, std::int64_t id) const {
  Result<registry::TaskView> v = registry::GetTask(reg, id, Now());
  if (!v.ok()) return v.status();
  std::vector<registry::TaskView> one{std::move(*v)};
  CONGVAN_RETURN_IF_ERROR(registry::ApplyCorrections(reg, one));
  Result<std::vector<registry::TaskEvent>> history = registry::History(reg, id);
  if (!history.ok()) return history.status();
  json j = TaskJson(one.front());
  j["history"] = json::array();
  for (const registry::TaskEvent& e : *history) j["history"].push_back(EventJson(e));
  return j;
}

void Server::Impl::ApiTask(const Request& req, Response& res) {
  WithRegistry(req, res, [&](registry::Registry& reg) {
    Result<json> j = TaskWithHistory(reg, PathId(req.matches[1].str()));
    if (!j.ok()) return SendStatus(req, res, j.status());
    SendJson(res, 200, *j);
  });
}

void Server::Impl::ApiTaskStatus(const Request& req, Response& res, bool done) {
  Result<json> body = JsonBody(req);
  if (!body.ok()) return SendStatus(req, res, body.status());
  WithRegistry(req, res, [&](registry::Registry& reg) {
    const std::int64_t id = PathId(req.matches[1].str());
    const std::string note = StringField(*body, "note");
    const std::string who = Caller(req).who;
    Status s = done ? registry::MarkDone(reg, id, who, note, Now())
                    : registry::Reopen(reg, id, who, note, Now());
    if (!s.ok()) return SendStatus(req, res, s);
    Result<json> j = TaskWithHistory(reg, id);
    if (!j.ok()) return SendStatus(req, res, j.status());
    SendJson(res, 200, *j);
  });
}

void Server::Impl::ApiDocuments(const Request& req, Response& res) {
  WithRegistry(req, res, [&](registry::Registry& reg) {
    int limit = 50;
    if (std::optional<std::int64_t> l = ParseId(req.get_param_value("limit"))) {
      limit = static_cast<int>(std::min<std::int64_t>(*l, 1000));
    }
    Result<std::vector<registry::DocumentRecord>> docs = reg.List(limit);
    if (!docs.ok()) return SendStatus(req, res, docs.status());
    json out = json::array();
    for (const registry::DocumentRecord& d : *docs) out.push_back(DocumentSummaryJson(d));
    SendJson(res, 200, out);
  });
}

void Server::Impl::ApiDocument(const Request& req, Response& res) {
  WithRegistry(req, res, [&](registry::Registry& reg) {
    Result<registry::DocumentRecord> doc = LoadDocument(reg, PathId(req.matches[1].str()));
    if (!doc.ok()) return SendStatus(req, res, doc.status());
    Result<std::vector<registry::Correction>> all = registry::ListCorrections(reg, doc->sha256);
    if (!all.ok()) return SendStatus(req, res, all.status());
    json j = DocumentJson(*doc, *all, Now());
    if (req.get_param_value("text") == "1") j["text"] = doc->text;
    SendJson(res, 200, j);
  });
}

void Server::Impl::ApiCorrect(const Request& req, Response& res) {
  Result<json> body = JsonBody(req);
  if (!body.ok()) return SendStatus(req, res, body.status());
  registry::CorrectionRequest c;
  c.document_id = PathId(req.matches[1].str());
  c.field = StringField(*body, "field");
  Result<std::string> value = CorrectionValue(*body);
  if (!value.ok()) return SendStatus(req, res, value.status());
  c.value = std::move(*value);
  if (body->contains("task_id") && !(*body)["task_id"].is_null()) {
    if (!(*body)["task_id"].is_number_integer()) return SendError(req, res, 400, "\"task_id\" phải là một số.");
    c.task_id = (*body)["task_id"].get<std::int64_t>();
  }
  // A recurrence the calendar cannot write would break every calendar export.
  if (c.task_id && c.field == "recurrence" && !c.value.empty()) {
    Result<std::string> rrule = calendar::RRuleFor(c.value);
    if (!rrule.ok()) return SendStatus(req, res, rrule.status());
  }
  c.who = Caller(req).who;
  WithRegistry(req, res, [&](registry::Registry& reg) {
    Result<registry::Correction> done = registry::Correct(reg, c, Now());
    if (!done.ok()) return SendStatus(req, res, done.status());
    SendJson(res, 201, CorrectionJson(*done));
  });
}

Result<pipeline::Pipeline*> Server::Impl::UploadPipeline() {
  if (pipeline_ == nullptr) {
    Result<std::unique_ptr<pipeline::Pipeline>> created = pipeline::Pipeline::Create(pipeline_options_);
    if (!created.ok()) return created.status();
    pipeline_ = std::move(*created);
  }
  return pipeline_.get();
}

void Server::Impl::ApiUpload(const Request& req, Response& res,
                             const httplib::ContentReader& content) {
  const std::string choose = "Chọn một tệp để tải lên (trường \"file\" của biểu mẫu).";
  if (!req.is_multipart_form_data()) return SendError(req, res, 400, choose);
  // The body is counted as it arrives, whether sent with Content-Length or chunked. A file over
  // the limit is dropped. The rest of a Content-Length body (at most kPayloadSlack times the
  // limit: httplib refuses larger ones unread) is read and thrown away, so the client gets its
  // 413 on a connection in order; a chunked body, whose size nobody knows, is read no further
  // than the limit, and the connection is closed after the 413.
  const bool chunked = req.has_header("Transfer-Encoding");
  const std::uint64_t drain_limit =
      options_.max_upload_bytes * (chunked ? 1 : kPayloadSlack) + 64 * 1024;
  std::uint64_t received = 0;
  bool in_file = false, have_file = false, too_large = false;
  httplib::MultipartFormData file;
  const bool read = content(
      [&](const httplib::MultipartFormData& part) {
        in_file = part.name == "file" && !have_file;
        if (in_file) {
          have_file = true;
          file.name = part.name;
          file.filename = part.filename;
          file.content_type = part.content_type;
        }
        return true;
      },
      [&](const char* data, size_t n) {
        received += n;
        if (in_file && !too_large && file.content.size() + n > options_.max_upload_bytes) {
          too_large = true;
          file.content = std::string();
        }
        if (in_file && !too_large) file.content.append(data, n);
        return received <= drain_limit;
      });
  // httplib refuses a Content-Length over the payload limit itself, before reading (413).
  if (too_large || received > drain_limit || (!read && res.status == 413)) {
    // Reading stopped part way: the rest of the body must not be taken for the next request.
    if (received > drain_limit || !read) res.set_header("Connection", "close");
    return SendError(req, res, 413, "Tệp quá lớn: tối đa " +
                                        MegabytesText(options_.max_upload_bytes) + ".");
  }
  if (!read) {
    res.set_header("Connection", "close");
    return SendError(req, res, 400, "Tải lên bị gián đoạn; hãy gửi lại tệp.");
  }
  if (!have_file) return SendError(req, res, 400, choose);
  if (file.content.empty()) return SendError(req, res, 400, "Tệp rỗng.");
  Result<TempFolder> folder = TempFolder::Create();
  if (!folder.ok()) return SendStatus(req, res, folder.status());
  const std::string path = folder->path() + "/" + SafeFileName(file.filename);
  if (Status s = WriteBytes(path, file.content); !s.ok()) return SendStatus(req, res, s);

  std::lock_guard<std::mutex> lock(upload_mu_);
  Result<pipeline::Pipeline*> pipeline = UploadPipeline();
  if (!pipeline.ok()) return SendStatus(req, res, pipeline.status());
  Result<pipeline::Processed> processed = (*pipeline)->Process(path);
  if (!processed.ok()) {
    // The pipeline names the file by our temporary path; the clerk knows it by its own name,
    // and reads the reason in Vietnamese.
    std::string reason = processed.status().message();
    if (reason.rfind(path + ": ", 0) == 0) reason = reason.substr(path.size() + 2);
    else if (reason.rfind(path, 0) == 0) reason = reason.substr(path.size());
    return SendError(req, res, HttpStatusFor(processed.status()),
                     file.filename + ": " + UploadErrorText(processed.status().code(), reason));
  }
  processed->recorded_path = "(tải lên) " + SafeFileName(file.filename);
  WithRegistry(req, res, [&](registry::Registry& reg) {
    Result<registry::AddOutcome> added = pipeline::Register(reg, *processed);
    // Register() also gives a letter registered again its clerks' corrections back.
    if (!added.ok()) return SendStatus(req, res, added.status());
    Result<registry::DocumentRecord> doc = LoadDocument(reg, added->id);
    if (!doc.ok()) return SendStatus(req, res, doc.status());
    SendJson(res, added->already_registered ? 200 : 201,
             {{"id", added->id},
              {"already_registered", added->already_registered},
              {"attached", added->attached},
              {"doc_ref", doc->doc_ref},
              {"doc_type", doc->doc_type},
              {"subject", doc->subject},
              {"tasks", doc->tasks.size()},
              {"warnings", processed->warnings},
              {"url", "/documents/" + std::to_string(added->id)}});
  });
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() = default;

Result<std::unique_ptr<Server>> Server::Create(const ServerOptions& options,
                                               const pipeline::Options& pipeline) {
  // Opened once now: a missing folder, a file that is not a registry or one from a newer
  // congvan is reported before the server starts.
  Result<std::unique_ptr<registry::Registry>> reg = registry::Registry::Open(options.db_path);
  if (!reg.ok()) return reg.status();
  Result<bool> accounts = registry::HasEnabledUsers(**reg);
  if (!accounts.ok()) return accounts.status();
  CONGVAN_RETURN_IF_ERROR(Validate(options, *accounts));
  Result<std::string> csrf = RandomSecret();
  if (!csrf.ok()) return csrf.status();
  // The session key is the registry's, made by whichever server starts first.
  Result<std::string> candidate = RandomSecret();
  if (!candidate.ok()) return candidate.status();
  Result<std::string> session_key =
      registry::RegistryKey(**reg, kSessionKeyName, *candidate, Now());
  if (!session_key.ok()) return session_key.status();
  auto impl = std::make_unique<Impl>(options, pipeline, std::move(*csrf), std::move(*session_key));
  CONGVAN_RETURN_IF_ERROR(impl->Bind());
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

int Server::port() const { return impl_->port(); }

std::string Server::url() const {
  const std::string& host = impl_->options().listen.host;
  const bool v6 = host.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port());
}

Status Server::Run() { return impl_->Run(); }

void Server::Stop() { impl_->Stop(); }

}  // namespace congvan::web
