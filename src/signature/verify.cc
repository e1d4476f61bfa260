#include "signature/verify.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <cctype>
#include <cstdint>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

namespace congvan::signature {
namespace {

namespace fs = std::filesystem;

// OpenSSL handles, each freed by its own function.
struct CmsFree { void operator()(CMS_ContentInfo* p) const { CMS_ContentInfo_free(p); } };
struct BioFree { void operator()(BIO* p) const { BIO_free(p); } };
struct X509Free { void operator()(X509* p) const { X509_free(p); } };
struct CertsFree { void operator()(STACK_OF(X509)* p) const { sk_X509_pop_free(p, X509_free); } };
struct CtxFree { void operator()(X509_STORE_CTX* p) const { X509_STORE_CTX_free(p); } };
using CmsPtr = std::unique_ptr<CMS_ContentInfo, CmsFree>;
using BioPtr = std::unique_ptr<BIO, BioFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;
using CertsPtr = std::unique_ptr<STACK_OF(X509), CertsFree>;
using CtxPtr = std::unique_ptr<X509_STORE_CTX, CtxFree>;

// Vietnam keeps one offset all year (no daylight saving), so a fixed +07:00 is exact.
constexpr int kVietnamOffsetSeconds = 7 * 3600;
// How far from its /ByteRange a signature dictionary's other keys are looked for. Real
// dictionaries are a few hundred bytes; the /Contents hole between can be tens of kilobytes.
constexpr std::size_t kDictionaryReach = 4096;

// Where one signature sits: the two signed ranges [a, a+b) and [c, c+d), and the hex hole.
struct Slot {
  std::size_t key_pos = 0;  // offset of "/ByteRange"
  std::uint64_t a = 0, b = 0, c = 0, d = 0;
};

// The OpenSSL error queue as one line (and emptied, so the next call starts clean).
std::string OpenSslError(const char* what) {
  std::string out = what;
  unsigned long code = 0;
  bool first = true;
  while ((code = ERR_get_error()) != 0) {
    char buf[256];
    ERR_error_string_n(code, buf, sizeof buf);
    if (first) out += ": ";
    else out += "; ";
    out += buf;
    first = false;
  }
  return out;
}

void SkipSpace(std::string_view s, std::size_t& i) {
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
}

std::optional<std::uint64_t> ReadNumber(std::string_view s, std::size_t& i) {
  SkipSpace(s, i);
  const std::size_t start = i;
  std::uint64_t v = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && i - start < 15) {
    v = v * 10 + static_cast<std::uint64_t>(s[i] - '0');
    ++i;
  }
  if (i == start) return std::nullopt;
  return v;
}

// Reads "[a b c d]" after a "/ByteRange" at `pos` and checks that it describes a real signature
// of this file: the first range starts the file, the hole between the ranges is one hex string.
std::optional<Slot> ReadSlot(std::string_view pdf, std::size_t pos) {
  std::size_t i = pos + std::string_view("/ByteRange").size();
  SkipSpace(pdf, i);
  if (i >= pdf.size() || pdf[i] != '[') return std::nullopt;
  ++i;
  Slot slot;
  slot.key_pos = pos;
  std::uint64_t* fields[] = {&slot.a, &slot.b, &slot.c, &slot.d};
  for (std::uint64_t* f : fields) {
    std::optional<std::uint64_t> v = ReadNumber(pdf, i);
    if (!v) return std::nullopt;
    *f = *v;
  }
  SkipSpace(pdf, i);
  if (i >= pdf.size() || pdf[i] != ']') return std::nullopt;
  const std::uint64_t size = pdf.size();
  if (slot.a != 0 || slot.b == 0 || slot.c < slot.b + 2 || slot.c > size ||
      slot.d > size - slot.c) {
    return std::nullopt;
  }
  if (pdf[slot.b] != '<' || pdf[slot.c - 1] != '>') return std::nullopt;
  return slot;
}

std::vector<Slot> FindSlots(std::string_view pdf) {
  std::vector<Slot> slots;
  std::set<std::uint64_t> holes;  // a hole named twice (an object and its copy) is one signature
  constexpr std::string_view kKey = "/ByteRange";
  for (std::size_t pos = pdf.find(kKey); pos != std::string_view::npos;
       pos = pdf.find(kKey, pos + kKey.size())) {
    std::optional<Slot> slot = ReadSlot(pdf, pos);
    if (slot && holes.insert(slot->b).second) slots.push_back(*slot);
  }
  return slots;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The DER bytes of the hex string between '<' and '>' (white space allowed, as PDF permits).
std::optional<std::string> HexHole(std::string_view pdf, const Slot& slot) {
  std::string der;
  der.reserve((slot.c - slot.b) / 2);
  int high = -1;
  for (std::uint64_t i = slot.b + 1; i + 1 < slot.c; ++i) {
    const char ch = pdf[i];
    if (std::isspace(static_cast<unsigned char>(ch))) continue;
    const int v = HexValue(ch);
    if (v < 0) return std::nullopt;
    if (high < 0) {
      high = v;
    } else {
      der.push_back(static_cast<char>(high * 16 + v));
      high = -1;
    }
  }
  return der;
}

// The value of a name key ("/SubFilter /ETSI.CAdES.detached") of the dictionary around `slot`:
// the nearest occurrence before the /ByteRange or after the hole.
std::string NearbyName(std::string_view pdf, const Slot& slot, std::string_view key) {
  std::optional<std::size_t> best;
  std::size_t best_distance = 0;
  const std::size_t before_start = slot.key_pos > kDictionaryReach ? slot.key_pos - kDictionaryReach : 0;
  const std::size_t before = pdf.substr(0, slot.key_pos).rfind(key);
  if (before != std::string_view::npos && before >= before_start) {
    best = before;
    best_distance = slot.key_pos - before;
  }
  const std::size_t after = pdf.find(key, slot.c);
  if (after != std::string_view::npos && after - slot.c < kDictionaryReach &&
      (!best || after - slot.c < best_distance)) {
    best = after;
  }
  if (!best) return {};
  std::size_t i = *best + key.size();
  SkipSpace(pdf, i);
  if (i >= pdf.size() || pdf[i] != '/') return {};
  const std::size_t start = ++i;
  while (i < pdf.size() && !std::isspace(static_cast<unsigned char>(pdf[i])) &&
         std::string_view("/<>[]()").find(pdf[i]) == std::string_view::npos) {
    ++i;
  }
  return std::string(pdf.substr(start, i - start));
}

std::string Utf8(const ASN1_STRING* s) {
  unsigned char* out = nullptr;
  const int n = ASN1_STRING_to_UTF8(&out, s);
  if (n < 0) return {};
  std::string text(reinterpret_cast<char*>(out), static_cast<std::size_t>(n));
  OPENSSL_free(out);
  return text;
}

std::string NameEntry(const X509_NAME* name, int nid) {
  const int index = X509_NAME_get_index_by_NID(name, nid, -1);
  if (index < 0) return {};
  return Utf8(X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index)));
}

std::string DistinguishedName(const X509_NAME* name) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (bio == nullptr) return {};
  // RFC 2253 order (CN first) with UTF-8 kept as is, the way pdfsig and Windows show it.
  X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);
  return n > 0 ? std::string(data, static_cast<std::size_t>(n)) : std::string();
}

// "2025-02-07T10:12:11+07:00" for a UTC time.
std::string VietnamTime(std::time_t utc) {
  const std::time_t local = utc + kVietnamOffsetSeconds;
  std::tm tm{};
  gmtime_r(&local, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+07:00", &tm);
  return buf;
}

// The signingTime attribute the signer's software put in the signed attributes.
std::optional<std::time_t> SigningTime(CMS_SignerInfo* si) {
  const int index = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
  if (index < 0) return std::nullopt;
  X509_ATTRIBUTE* attr = CMS_signed_get_attr(si, index);
  ASN1_TYPE* value = attr != nullptr ? X509_ATTRIBUTE_get0_type(attr, 0) : nullptr;
  if (value == nullptr ||
      (value->type != V_ASN1_UTCTIME && value->type != V_ASN1_GENERALIZEDTIME)) {
    return std::nullopt;
  }
  std::tm tm{};
  if (ASN1_TIME_to_tm(value->value.utctime, &tm) != 1) return std::nullopt;
  return timegm(&tm);
}

// The /M entry ("D:20250207101211+07'00'"), for signatures without a signingTime attribute.
std::optional<std::time_t> DictionaryTime(std::string_view pdf, const Slot& slot) {
  const std::size_t start = slot.key_pos > kDictionaryReach ? slot.key_pos - kDictionaryReach : 0;
  std::size_t m = pdf.substr(0, slot.key_pos).rfind("/M");
  if (m == std::string_view::npos || m < start) {
    m = pdf.find("/M", slot.c);
    if (m == std::string_view::npos || m - slot.c > kDictionaryReach) return std::nullopt;
  }
  std::size_t i = m + 2;
  SkipSpace(pdf, i);
  if (pdf.substr(i, 3) != "(D:" || i + 17 > pdf.size()) return std::nullopt;
  const std::string_view digits = pdf.substr(i + 3, 14);
  for (char c : digits) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = std::stoi(std::string(digits.substr(0, 4))) - 1900;
  tm.tm_mon = std::stoi(std::string(digits.substr(4, 2))) - 1;
  tm.tm_mday = std::stoi(std::string(digits.substr(6, 2)));
  tm.tm_hour = std::stoi(std::string(digits.substr(8, 2)));
  tm.tm_min = std::stoi(std::string(digits.substr(10, 2)));
  tm.tm_sec = std::stoi(std::string(digits.substr(12, 2)));
  std::time_t t = timegm(&tm);
  // The offset after the digits: Z, or +HH'mm' / -HH'mm'.
  const std::size_t z = i + 17;
  if (z + 3 <= pdf.size() && (pdf[z] == '+' || pdf[z] == '-') &&
      std::isdigit(static_cast<unsigned char>(pdf[z + 1])) &&
      std::isdigit(static_cast<unsigned char>(pdf[z + 2]))) {
    const int hours = (pdf[z + 1] - '0') * 10 + (pdf[z + 2] - '0');
    int minutes = 0;
    if (z + 6 <= pdf.size() && pdf[z + 3] == '\'' &&
        std::isdigit(static_cast<unsigned char>(pdf[z + 4])) &&
        std::isdigit(static_cast<unsigned char>(pdf[z + 5]))) {
      minutes = (pdf[z + 4] - '0') * 10 + (pdf[z + 5] - '0');
    }
    const int offset = (hours * 60 + minutes) * 60;
    t += pdf[z] == '+' ? -offset : offset;
  }
  return t;
}

void DescribeSigner(X509* cert, PdfSignature& out) {
  const X509_NAME* subject = X509_get_subject_name(cert);
  out.signer_name = NameEntry(subject, NID_commonName);
  out.organization = NameEntry(subject, NID_organizationName);
  out.email = NameEntry(subject, NID_pkcs9_emailAddress);
  out.signer_dn = DistinguishedName(subject);
}

// Chain verification at the signing time: a certificate that expired since is still good for a
// letter signed while it was valid.
void JudgeTrust(X509* signer, CMS_ContentInfo* cms, std::optional<std::time_t> signed_at,
                const TrustRoots& roots, PdfSignature& out) {
  if (roots.count() == 0) {
    out.trust = SignatureTrust::kIssuerUnknown;
    return;
  }
  CertsPtr chain(CMS_get1_certs(cms));
  CtxPtr ctx(X509_STORE_CTX_new());
  if (ctx == nullptr || X509_STORE_CTX_init(ctx.get(), roots.store(), signer, chain.get()) != 1) {
    out.trust = SignatureTrust::kIssuerUnknown;
    ERR_clear_error();
    return;
  }
  if (signed_at) X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(ctx.get()), *signed_at);
  if (X509_verify_cert(ctx.get()) == 1) {
    out.trust = SignatureTrust::kTrusted;
    return;
  }
  const int error = X509_STORE_CTX_get_error(ctx.get());
  ERR_clear_error();
  switch (error) {
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
      out.trust = SignatureTrust::kIssuerUnknown;
      return;
    default:
      out.trust = SignatureTrust::kUntrusted;
      if (out.problem.empty()) out.problem = X509_verify_cert_error_string(error);
  }
}

PdfSignature VerifySlot(std::string_view pdf, const Slot& slot, const TrustRoots& roots) {
  PdfSignature out;
  out.sub_filter = NearbyName(pdf, slot, "/SubFilter");
  out.covers_whole_file = slot.c + slot.d == pdf.size();
  std::optional<std::string> der = HexHole(pdf, slot);
  if (!der || der->empty()) {
    out.problem = "chữ ký số không đọc được: /Contents không phải chuỗi hex";
    return out;
  }
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der->data());
  CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der->size())));
  if (cms == nullptr) {
    out.problem = OpenSslError("chữ ký số không đọc được (CMS hỏng)");
    return out;
  }
  STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms.get());
  if (infos == nullptr || sk_CMS_SignerInfo_num(infos) < 1) {
    out.problem = "chữ ký số không có thông tin người ký";
    ERR_clear_error();
    return out;
  }
  CMS_set1_signers_certs(cms.get(), nullptr, 0);  // pairs the embedded certificates with signers
  ERR_clear_error();
  CMS_SignerInfo* si = sk_CMS_SignerInfo_value(infos, 0);
  X509* signer = nullptr;
  X509_ALGOR* digest = nullptr;
  CMS_SignerInfo_get0_algs(si, nullptr, &signer, &digest, nullptr);
  if (digest != nullptr) {
    const ASN1_OBJECT* oid = nullptr;
    X509_ALGOR_get0(&oid, nullptr, nullptr, digest);
    const char* name = OBJ_nid2sn(OBJ_obj2nid(oid));
    out.hash_algorithm = name != nullptr ? name : "unknown";
  }
  if (signer != nullptr) DescribeSigner(signer, out);
  // /M first: it carries its own offset and matches the visible stamp, while some signing
  // software writes local time into the CMS signingTime marked as UTC (seen on real letters:
  // "/M(D:20250210072013+07'00')" beside a signingTime of 07:20:16Z).
  std::optional<std::time_t> signed_at = DictionaryTime(pdf, slot);
  if (!signed_at) signed_at = SigningTime(si);
  if (signed_at) out.signed_at = VietnamTime(*signed_at);

  std::string signed_bytes;
  signed_bytes.reserve(slot.b + slot.d);
  signed_bytes.append(pdf.substr(slot.a, slot.b));
  signed_bytes.append(pdf.substr(slot.c, slot.d));
  BioPtr data(BIO_new_mem_buf(signed_bytes.data(), static_cast<int>(signed_bytes.size())));
  // Validity of the signature over the bytes, independent of trust in its issuer (judged below).
  const unsigned int flags = CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY;
  if (data != nullptr && CMS_verify(cms.get(), nullptr, nullptr, data.get(), nullptr, flags) == 1) {
    out.valid = true;
  } else {
    out.problem = OpenSslError("chữ ký số không khớp với nội dung");
  }
  if (signer != nullptr) JudgeTrust(signer, cms.get(), signed_at, roots, out);
  return out;
}

// Every certificate in one file: PEM (one or more) or DER.
std::vector<X509Ptr> ReadCertificates(const std::string& bytes) {
  std::vector<X509Ptr> certs;
  BioPtr bio(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
  while (bio != nullptr) {
    X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
    if (cert == nullptr) break;
    certs.emplace_back(cert);
  }
  ERR_clear_error();
  if (certs.empty()) {
    const unsigned char* p = reinterpret_cast<const unsigned char*>(bytes.data());
    if (X509* cert = d2i_X509(nullptr, &p, static_cast<long>(bytes.size()))) {
      certs.emplace_back(cert);
    }
    ERR_clear_error();
  }
  return certs;
}

}  // namespace

void TrustRoots::StoreDeleter::operator()(X509_STORE* store) const { X509_STORE_free(store); }

TrustRoots::TrustRoots() = default;
TrustRoots::~TrustRoots() = default;
TrustRoots::TrustRoots(TrustRoots&&) noexcept = default;
TrustRoots& TrustRoots::operator=(TrustRoots&&) noexcept = default;

Result<TrustRoots> TrustRoots::Load(const std::string& dir) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) return Status::NotFound("thư mục chứng thư tin cậy không đọc được: " + dir);
  TrustRoots roots;
  roots.store_.reset(X509_STORE_new());
  if (roots.store_ == nullptr) return Status::Internal("OpenSSL could not create a trust store");
  for (const fs::directory_entry& entry : it) {
    if (!entry.is_regular_file(ec) || entry.path().filename().string().starts_with(".")) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) return Status::IoError("cannot read " + entry.path().string());
    std::vector<X509Ptr> certs = ReadCertificates(bytes.str());
    if (certs.empty()) {
      return Status::InvalidInput("tệp không chứa chứng thư số: " + entry.path().string());
    }
    for (X509Ptr& cert : certs) {
      if (X509_STORE_add_cert(roots.store_.get(), cert.get()) == 1) ++roots.count_;
      ERR_clear_error();  // the same root in two files is no error
    }
  }
  return roots;
}

std::vector<PdfSignature> VerifyPdfSignatures(std::string_view pdf, const TrustRoots& roots) {
  std::vector<PdfSignature> out;
  for (const Slot& slot : FindSlots(pdf)) out.push_back(VerifySlot(pdf, slot, roots));
  return out;
}

}  // namespace congvan::signature
