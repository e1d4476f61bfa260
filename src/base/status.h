// Status and Result<T>: how every fallible call in congvan reports failure.
//
// Errors are values, as in RE2 and LevelDB: a function that can fail returns a Status (or a
// Result<T> holding either a T or a Status). No exception crosses a module boundary; the CLI and
// the server turn a Status into a one-line message and an exit code or HTTP status.
#ifndef CONGVAN_BASE_STATUS_H_
#define CONGVAN_BASE_STATUS_H_

#include <string>
#include <utility>
#include <variant>

namespace congvan {

// What kind of failure a Status describes. Callers branch on the code, users read the message.
enum class Code {
  kOk = 0,
  kInvalidInput,    // the input is malformed: corrupt image, undecodable text, bad date, bad query
  kUnsupported,     // a type of input congvan does not read
  kTooLarge,        // over a configured limit (file size, page count)
  kNotFound,        // a path, record or resource that does not exist
  kAlreadyExists,   // e.g. a document already in the registry
  kIoError,         // the operating system refused a read or write
  kInternal,        // a library we call failed in a way the input does not explain
  kCancelled,       // work given up because the program is stopping: no fault of the input
};

// The outcome of an operation: ok, or a code with a human-readable one-line message. A Status
// that is dropped unread is a compile warning: an error nobody looked at is a lost file.
class [[nodiscard]] Status {
 public:
  Status() = default;  // ok
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidInput(std::string m) { return Status(Code::kInvalidInput, std::move(m)); }
  static Status Unsupported(std::string m) { return Status(Code::kUnsupported, std::move(m)); }
  static Status TooLarge(std::string m) { return Status(Code::kTooLarge, std::move(m)); }
  static Status NotFound(std::string m) { return Status(Code::kNotFound, std::move(m)); }
  static Status AlreadyExists(std::string m) { return Status(Code::kAlreadyExists, std::move(m)); }
  static Status IoError(std::string m) { return Status(Code::kIoError, std::move(m)); }
  static Status Internal(std::string m) { return Status(Code::kInternal, std::move(m)); }
  static Status Cancelled(std::string m) { return Status(Code::kCancelled, std::move(m)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // "invalid input: truncated PNG" — the form printed to users.
  std::string ToString() const;

  // Returns a copy whose message is prefixed with `context` ("scan.pdf: ...").
  Status WithContext(const std::string& context) const;

 private:
  Code code_ = Code::kOk;
  std::string message_;
};

namespace internal {
// Prints "Result::value() on an error: <status>" to stderr and aborts.
[[noreturn]] void DieOnErrorValue(const Status& status);
}  // namespace internal

// Either a value of type T or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}                        // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {}                 // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(v_); }
  // The error; Status::Ok() when the result holds a value.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(v_); }

  // Accessors: only valid when ok(). On an error they stop the program with the error's
  // message: reading a value that is not there is a bug in the caller, not a user's mistake.
  T& value() & {
    CheckOk();
    return std::get<T>(v_);
  }
  const T& value() const& {
    CheckOk();
    return std::get<T>(v_);
  }
  T&& value() && {
    CheckOk();
    return std::get<T>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  void CheckOk() const {
    if (!ok()) internal::DieOnErrorValue(std::get<Status>(v_));
  }

  std::variant<T, Status> v_;
};

// Returns early from the enclosing function when `expr` (a Status) is not ok.
#define CONGVAN_RETURN_IF_ERROR(expr)              \
  do {                                             \
    ::congvan::Status congvan_status_ = (expr);    \
    if (!congvan_status_.ok()) return congvan_status_; \
  } while (0)

}  // namespace congvan

#endif  // CONGVAN_BASE_STATUS_H_
