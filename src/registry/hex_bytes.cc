#include "registry/hex_bytes.h"

namespace congvan::registry {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string BytesToHex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

Result<std::string> HexToBytes(std::string_view hex, std::string_view what) {
  if (hex.size() % 2 != 0) return Status::Internal(std::string(what) + ": odd hexadecimal length");
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int high = HexValue(hex[i]), low = HexValue(hex[i + 1]);
    if (high < 0 || low < 0) return Status::Internal(std::string(what) + ": not hexadecimal");
    out.push_back(static_cast<char>(high * 16 + low));
  }
  return out;
}

}  // namespace congvan::registry
