#include "base/status.h"

#include <cstdio>
#include <cstdlib>

namespace congvan {
namespace {

const char* CodeName(Code code) {
  switch (code) {
    case Code::kOk: return "ok";
    case Code::kInvalidInput: return "invalid input";
    case Code::kUnsupported: return "unsupported";
    case Code::kTooLarge: return "too large";
    case Code::kNotFound: return "not found";
    case Code::kAlreadyExists: return "already exists";
    case Code::kIoError: return "I/O error";
    case Code::kInternal: return "internal error";
    case Code::kCancelled: return "cancelled";
  }
  return "error";
}

}  // namespace

std::string Status::ToString() const {
  if (ok()) return "ok";
  return std::string(CodeName(code_)) + ": " + message_;
}

namespace internal {

void DieOnErrorValue(const Status& status) {
  std::fprintf(stderr, "Result::value() on an error: %s\n", status.ToString().c_str());
  std::abort();
}

}  // namespace internal

Status Status::WithContext(const std::string& context) const {
  if (ok()) return *this;
  return Status(code_, context + ": " + message_);
}

}  // namespace congvan
