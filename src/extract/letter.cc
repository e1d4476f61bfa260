#include "extract/letter.h"

#include <nlohmann/json.hpp>

namespace congvan::extract {
namespace {

using Json = nlohmann::ordered_json;

template <typename T>
Json OrNull(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

Json StringList(const std::vector<std::string>& items) {
  Json out = Json::array();
  for (const std::string& s : items) out.push_back(s);
  return out;
}

// Two decimals are all a clerk or a threshold needs, and they keep the JSON short.
double Rounded(double x) { return static_cast<double>(static_cast<long>(x * 100 + 0.5)) / 100; }

Json TaskJson(const Task& t, bool with_flags, bool with_confidence) {
  Json j;
  j["assignee"] = t.assignee;
  j["summary"] = t.summary;
  j["deadline"] = OrNull(t.deadline);
  j["deadline_text"] = OrNull(t.deadline_text);
  j["recurrence"] = OrNull(t.recurrence);
  if (with_flags) j["cooperating"] = StringList(t.cooperating);
  if (with_confidence) j["confidence"] = Rounded(t.confidence);
  return j;
}

Json SignerJson(const std::optional<Signer>& s) {
  if (!s) return nullptr;
  Json j;
  j["name"] = OrNull(s->name);
  j["title"] = OrNull(s->title);
  j["authority"] = OrNull(s->authority);
  return j;
}

Json VerifiedSignatureJson(const PdfSignature& s) {
  Json j;
  j["signer"] = s.signer_name;
  j["signer_dn"] = s.signer_dn;
  j["organization"] = s.organization;
  j["email"] = s.email;
  j["signed_at"] = s.signed_at.empty() ? Json(nullptr) : Json(s.signed_at);
  j["hash"] = s.hash_algorithm;
  j["sub_filter"] = s.sub_filter;
  j["covers_whole_file"] = s.covers_whole_file;
  j["valid"] = s.valid;
  j["trust"] = SignatureTrustName(s.trust);
  j["problem"] = s.problem.empty() ? Json(nullptr) : Json(s.problem);
  return j;
}

// SCHEMA.md's two keys, and the signer's e-mail when the signature shows one.
Json SignatureJson(const DigitalSignature& s) {
  Json j;
  j["signed_by"] = s.signed_by;
  j["signed_at"] = s.signed_at;
  if (!s.email.empty()) j["email"] = s.email;
  return j;
}

}  // namespace

std::string ToJson(const Letter& letter, int indent, bool with_flags, bool with_confidence) {
  with_confidence = with_confidence || with_flags;
  Json j;  // keys in SCHEMA.md order: ordered_json keeps insertion order
  j["file"] = letter.file;
  j["doc_ref"] = OrNull(letter.doc_ref);
  j["doc_number"] = OrNull(letter.doc_number);
  j["doc_symbol"] = OrNull(letter.doc_symbol);
  j["doc_type"] = OrNull(letter.doc_type);
  j["issuer"] = OrNull(letter.issuer);
  j["issuer_parent"] = OrNull(letter.issuer_parent);
  j["place"] = OrNull(letter.place);
  j["date"] = OrNull(letter.date);
  j["subject"] = OrNull(letter.subject);
  j["addressees"] = StringList(letter.addressees);
  j["tasks"] = Json::array();
  for (const Task& t : letter.tasks) j["tasks"].push_back(TaskJson(t, with_flags, with_confidence));
  j["deadlines"] = Json::array();
  for (const Deadline& d : letter.deadlines) j["deadlines"].push_back({{"date", d.date}, {"text", d.text}});
  j["references"] = Json::array();
  for (const Reference& r : letter.references) {
    Json ref = {{"ref", r.ref}, {"date", OrNull(r.date)}, {"type", OrNull(r.type)}};
    if (with_confidence) ref["confidence"] = Rounded(r.confidence);
    j["references"].push_back(std::move(ref));
  }
  j["targets"] = StringList(letter.targets);
  j["signer"] = SignerJson(letter.signer);
  j["recipients"] = StringList(letter.recipients);
  j["digital_signature"] =
      letter.digital_signature ? SignatureJson(*letter.digital_signature) : Json(nullptr);
  if (!letter.signatures.empty()) {
    j["signatures"] = Json::array();
    for (const PdfSignature& s : letter.signatures) {
      j["signatures"].push_back(VerifiedSignatureJson(s));
    }
  }
  if (with_flags) {
    j["countersignatures"] = Json::array();
    for (const DigitalSignature& s : letter.countersignatures) {
      j["countersignatures"].push_back(SignatureJson(s));
    }
    j["urgency"] = OrNull(letter.urgency);
    j["secrecy"] = OrNull(letter.secrecy);
    if (letter.received) {
      j["received"] = {{"number", OrNull(letter.received->number)},
                       {"date", OrNull(letter.received->date)},
                       {"office", OrNull(letter.received->office)}};
    } else {
      j["received"] = nullptr;
    }
    j["flags"] = StringList(letter.flags);
  }
  if (with_confidence) {
    Json c = Json::object();
    for (const auto& [field, value] : letter.confidence) c[field] = Rounded(value);
    j["confidence"] = std::move(c);
    j["review"] = {{"needed", letter.review.needed}, {"reasons", StringList(letter.review.reasons)}};
  }
  // `replace` keeps invalid UTF-8 from OCR from throwing out of dump(): no exception escapes.
  return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace congvan::extract
