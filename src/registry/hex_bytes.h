// A file's bytes as hexadecimal text, the way they travel to and from PostgreSQL: the registry's
// statements send and read every value as text, and a file's bytes include NULs, so a bytea
// goes in as decode($N, 'hex') and comes back as encode(column, 'hex').
#ifndef CONGVAN_REGISTRY_HEX_BYTES_H_
#define CONGVAN_REGISTRY_HEX_BYTES_H_

#include <string>
#include <string_view>

#include "base/status.h"

namespace congvan::registry {

// Two lower-case hexadecimal digits per byte.
std::string BytesToHex(std::string_view bytes);

// The bytes back; an Internal error naming `what` when `hex` is not hexadecimal of even length.
Result<std::string> HexToBytes(std::string_view hex, std::string_view what);

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_HEX_BYTES_H_
