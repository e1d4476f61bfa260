// Test support: certificates and signed PDFs made at test time with the openssl command, so
// that trust and signing time can be tested on signatures whose every part is known.
#ifndef CONGVAN_SIGNATURE_TEST_SIGNING_H_
#define CONGVAN_SIGNATURE_TEST_SIGNING_H_

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "support/testing.h"

namespace congvan::signature::test {

namespace fs = std::filesystem;

using congvan::testing::ReadFile;
using congvan::testing::WriteFile;

inline int Run(const std::string& command) {
  return std::system((command + " >/dev/null 2>&1").c_str());
}

// Makes a root CA and a signer certificate it issued, with the openssl command.
inline void MakeCertificates(const fs::path& dir, const std::string& ca_name) {
  const std::string d = dir.string();
  ASSERT_EQ(Run("openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -keyout " + d + "/" +
                ca_name + ".key -out " + d + "/" + ca_name + ".pem -subj '/CN=" + ca_name +
                "' -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign"),
            0);
}

inline void MakeSigner(const fs::path& dir, const std::string& ca_name) {
  const std::string d = dir.string();
  ASSERT_EQ(Run("openssl req -newkey rsa:2048 -nodes -utf8 -keyout " + d + "/signer.key -out " +
                d + "/signer.csr -subj '/C=VN/O=Tỉnh Thử Nghiệm/CN=Ủy ban nhân dân tỉnh Thử'"),
            0);
  ASSERT_EQ(Run("openssl x509 -req -days 3650 -in " + d + "/signer.csr -CA " + d + "/" + ca_name +
                ".pem -CAkey " + d + "/" + ca_name + ".key -CAcreateserial -out " + d +
                "/signer.pem"),
            0);
}

// Appends a signature to `pdf` as an incremental update, the way signing software does: a
// signature dictionary whose /ByteRange leaves a hole for /Contents, the bytes around the hole
// signed (CMS, detached) by signer.pem, and the signature written into the hole.
// `signing_time` is the /M entry, "D:YYYYMMDDHHMMSS+07'00'".
inline std::string SignPdf(const std::string& pdf, const fs::path& dir,
                           const std::string& signing_time) {
  const std::string hole(2 * 8192, '0');
  std::string out = pdf + "\n4 0 obj\n<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/adbe.pkcs7."
                          "detached/M(" + signing_time + ")/ByteRange [0 0000000000 "
                          "0000000000 0000000000]/Contents <" + hole + ">>>\nendobj\n%%EOF\n";
  const std::size_t b = out.find("/Contents <") + std::string("/Contents ").size();
  const std::size_t c = b + hole.size() + 2;
  char range[64];
  std::snprintf(range, sizeof range, "%010zu %010zu %010zu", b, c, out.size() - c);
  out.replace(out.find("0000000000 0000000000 0000000000"), 32, range);
  WriteFile(dir / "signed-part", out.substr(0, b) + out.substr(c));
  const std::string d = dir.string();
  EXPECT_EQ(Run("openssl cms -sign -binary -md sha256 -in " + d + "/signed-part -signer " + d +
                "/signer.pem -inkey " + d + "/signer.key -outform DER -out " + d + "/sig.der"),
            0);
  const std::string der = ReadFile(dir / "sig.der");
  static const char kHex[] = "0123456789abcdef";
  for (std::size_t i = 0; i < der.size(); ++i) {
    out[b + 1 + 2 * i] = kHex[static_cast<unsigned char>(der[i]) >> 4];
    out[b + 2 + 2 * i] = kHex[static_cast<unsigned char>(der[i]) & 15];
  }
  return out;
}

}  // namespace congvan::signature::test

#endif  // CONGVAN_SIGNATURE_TEST_SIGNING_H_
