// Digital signatures of PDF letters: find each one, verify it, say who signed and when.
//
// Letters sent through Vietnam's e-office systems are PDFs signed with PAdES
// (adbe.pkcs7.detached or ETSI.CAdES.detached), usually twice: by the issuing body, then by the
// gazette or office centre that published it. A signature covers the file's bytes except its own
// /Contents hole; the CMS SignedData in that hole is verified with OpenSSL over exactly those
// bytes, so any change inside a signed range is caught, and bytes added after the last signature
// (an incremental update) are reported as such.
//
// Why the signature dictionaries are found by their /ByteRange and not through a PDF parser:
// poppler-cpp exposes no signatures and poppler's core API is private and changes between
// releases, while a signature's /Contents must by definition sit literally in the file, in the
// gap its /ByteRange leaves — a gap that holds anything else is no signature and is skipped.
// The cryptography is OpenSSL's CMS (already linked for SHA-256), whose trust store takes a
// plain folder of CA certificates, which is how an office receives the Government CA chain.
#ifndef CONGVAN_SIGNATURE_VERIFY_H_
#define CONGVAN_SIGNATURE_VERIFY_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/pdf_signature.h"
#include "base/status.h"

typedef struct x509_store_st X509_STORE;

namespace congvan::signature {

// The root certificates an office trusts. Without any, every signer is "issuer unknown", never
// "invalid": validity of the signature itself does not depend on trust.
class TrustRoots {
 public:
  // No trusted roots.
  TrustRoots();
  ~TrustRoots();
  TrustRoots(TrustRoots&&) noexcept;
  TrustRoots& operator=(TrustRoots&&) noexcept;

  // Every certificate file in `dir` (PEM, possibly several per file, or DER; any name). Fails
  // when the folder cannot be read or a file in it holds no certificate.
  static Result<TrustRoots> Load(const std::string& dir);

  int count() const { return count_; }
  X509_STORE* store() const { return store_.get(); }

 private:
  struct StoreDeleter {
    void operator()(X509_STORE* store) const;
  };
  std::unique_ptr<X509_STORE, StoreDeleter> store_;
  int count_ = 0;
};

// Every signature of the PDF in `pdf`, in file order (empty for an unsigned file). A signature
// that cannot be read comes back with valid=false and the reason in `problem`; this never fails.
std::vector<PdfSignature> VerifyPdfSignatures(std::string_view pdf, const TrustRoots& roots);

}  // namespace congvan::signature

#endif  // CONGVAN_SIGNATURE_VERIFY_H_
