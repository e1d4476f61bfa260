// SHA-256 of a file's bytes: the identity of a document in the registry.
#ifndef CONGVAN_BASE_SHA256_H_
#define CONGVAN_BASE_SHA256_H_

#include <string>
#include <string_view>

namespace congvan {

// Lower-case hex SHA-256 digest of `bytes`.
std::string Sha256Hex(std::string_view bytes);

}  // namespace congvan

#endif  // CONGVAN_BASE_SHA256_H_
