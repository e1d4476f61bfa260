// Letter: the fields a clerk needs from one official letter (../shared/devset/SCHEMA.md).
//
// Fields that are not found stay empty (std::nullopt or an empty list); ToJson() writes them as
// null or [].
#ifndef CONGVAN_EXTRACT_LETTER_H_
#define CONGVAN_EXTRACT_LETTER_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/pdf_signature.h"

namespace congvan::extract {

// One assignment in the body: who must do what, by when.
struct Task {
  std::string assignee;
  std::string summary;
  std::optional<std::string> deadline;        // ISO yyyy-mm-dd
  std::optional<std::string> deadline_text;   // as written
  std::optional<std::string> recurrence;      // "weekly:MO 09:00", "monthly", "yearly:11-30", ...
  std::vector<std::string> cooperating;       // bodies to work with ("phối hợp với Sở Y tế")
  double confidence = 1.0;                    // 0–1, how sure the reading is (confidence.h)
  // "HH:MM" when the dated deadline names a time of day ("trước 14 giờ 00 ngày 29/7/2020"), as
  // the deadline rule read it; not in SCHEMA.md, so ToJson() leaves it out. A time without a
  // date ("Trước 9 giờ ngày thứ Hai hằng tuần") is part of the recurrence instead.
  std::optional<std::string> deadline_time = std::nullopt;
};

// A dated deadline found in the body.
struct Deadline {
  std::string date;  // ISO
  std::string text;
};

// Another document the letter cites by number.
struct Reference {
  std::string ref;
  std::optional<std::string> date;  // ISO
  std::optional<std::string> type;
  double confidence = 1.0;  // 0–1 (confidence.h)
};

struct Signer {
  std::optional<std::string> name;
  std::optional<std::string> title;
  std::optional<std::string> authority;
};

struct DigitalSignature {
  std::string signed_by;
  std::string signed_at;  // ISO 8601 with offset
  std::string email;      // the signer's address when the signature shows one, else empty
};

// The received stamp ("ĐẾN") the receiving office put on the letter: what it wrote and printed.
struct Received {
  std::optional<std::string> number;  // "Số" written on the stamp
  std::optional<std::string> date;    // ISO yyyy-mm-dd written after "Ngày"
  std::optional<std::string> office;  // the receiving office printed on the stamp
};

// Whether a clerk must check the letter before relying on it, and why (in Vietnamese).
struct Review {
  bool needed = false;
  std::vector<std::string> reasons;
};

struct Letter {
  std::string file;                          // input file name (no directory)
  std::optional<std::string> doc_ref;        // "1532/UBND-VP"
  std::optional<std::string> doc_number;     // "1532"
  std::optional<std::string> doc_symbol;     // "UBND-VP"
  std::optional<std::string> doc_type;       // "Công văn"
  std::optional<std::string> issuer;         // "Ủy ban nhân dân huyện Tứ Kỳ"
  std::optional<std::string> issuer_parent;  // "UBND tỉnh Đồng Nai"
  std::optional<std::string> place;          // "Tứ Kỳ"
  std::optional<std::string> date;           // ISO yyyy-mm-dd
  std::optional<std::string> subject;        // trích yếu without "V/v", one line
  std::vector<std::string> addressees;
  std::vector<Task> tasks;
  std::vector<Deadline> deadlines;
  std::vector<Reference> references;
  std::vector<std::string> targets;
  std::optional<Signer> signer;
  std::vector<std::string> recipients;
  std::optional<DigitalSignature> digital_signature;
  std::vector<PdfSignature> signatures;      // the PDF's verified digital signatures, file order
  // Signatures the PDF carries beside the letter's own, signed later: the provincial gazette
  // centre's when it publishes the letter.
  std::vector<DigitalSignature> countersignatures;
  std::optional<std::string> urgency;        // "HỎA TỐC", "THƯỢNG KHẨN", "KHẨN" as printed
  std::optional<std::string> secrecy;        // "MẬT", "TỐI MẬT", "TUYỆT MẬT" as printed
  std::optional<Received> received;          // the received stamp, when the page carries one
  std::vector<std::string> flags;            // quality remarks for the clerk (not in SCHEMA.md)
  // 0–1 per field found, keyed by its SCHEMA.md name ("doc_ref", "date", "issuer", ...; lists
  // by the list's name): how sure the reading is. Fields not found have no entry.
  std::map<std::string, double> confidence;
  Review review;                             // set from the confidences (confidence.h)
};

// The SCHEMA.md JSON form, key for key, pretty-printed with `indent` spaces (-1: one line).
// `flags`, `urgency`, `secrecy`, `received` ({"number", "date", "office"} or null),
// `countersignatures` and each task's `cooperating` are written only when `with_flags` is true
// (the gold files have no such keys); `signatures` (not in SCHEMA.md either) whenever the file
// carries any. `confidence` (per field, and per task) and `review` ({needed, reasons}) are
// written when `with_confidence` or `with_flags` is true.
std::string ToJson(const Letter& letter, int indent = 2, bool with_flags = false,
                   bool with_confidence = false);

}  // namespace congvan::extract

#endif  // CONGVAN_EXTRACT_LETTER_H_
