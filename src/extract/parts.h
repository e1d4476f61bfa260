// The parts of a letter outside its tasks: references and targets in the text, the signature
// block, recipients, the digital-signature stamp and urgency/secrecy marks.
//
// Internal to extract/: the Extractor calls these. Rules come from rules/tail.rules.
#ifndef CONGVAN_EXTRACT_PARTS_H_
#define CONGVAN_EXTRACT_PARTS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/page_text.h"
#include "extract/letter.h"

namespace congvan::extract {

class RuleSet;

// The type a symbol's code gives: "QĐ-UBND" → Quyết định, "CV/HU" → Công văn; a state symbol
// whose first part is no type code ("UBND-VP") is a công văn.
std::optional<std::string> TypeFromSymbol(const RuleSet& rules, std::string_view symbol);

// A number and symbol without spaces, "Ð" (Icelandic eth, an OCR look-alike) read as "Đ":
// "1906 /SGDĐT- CTrTT" → "1906/SGDĐT-CTrTT".
std::string NormalizeRef(std::string_view ref);

// The codes of a symbol that lost their "Đ" to OCR or repair, restored from the codes of list
// `symbol_codes` (rules/words.rules): a code with no "Đ" whose "D" or "P" read as "Đ" spells
// exactly one listed code is that code ("167/2017/ND-CP" → "167/2017/NĐ-CP", "603/QP-UBND" →
// "603/QĐ-UBND"). Codes that are listed as they are, or spell none or several, are kept.
std::string RepairSymbolCodes(const RuleSet& rules, std::string_view ref);

// Every other document `text` cites by number, deduplicated, without the letter's own number.
void ReadReferences(const RuleSet& rules, std::string_view text, Letter& letter);

// Quantified targets ("tỷ lệ … tối thiểu 96%") of one paragraph, appended without duplicates.
void ReadTargets(const RuleSet& rules, std::string_view paragraph, Letter& letter);

// Signer, recipients and digital signature from the lines from "Nơi nhận" (`from`) to the end.
void ReadSignature(const RuleSet& rules, const std::vector<std::string_view>& lines, size_t from,
                   Letter& letter);

// The digital signatures shown over the pages (PageText::overlays): letter.digital_signature is
// the first made, later ones (a gazette centre's) are letter.countersignatures. Replaces what
// ReadSignature found in the text, since the overlay is the signature itself. No overlay: no
// change.
void ReadOverlaySignatures(const std::vector<PageText>& pages, Letter& letter);

// Whether `line` is the archive item that closes a Nơi nhận list: a bullet, then "Lưu: VT, …",
// "Lưu VT", "Lưu văn thư", "Lưu HS" (not "- Lưu ý …", a note).
bool IsArchiveItem(std::string_view line);

// Where the Nơi nhận list starts when OCR lost its heading: the run of "-" lines that ends with
// the archive item ("- Lưu: VT, …") in the lines [from, to); `to` when there is none.
size_t FindRecipientList(const std::vector<std::string_view>& lines, size_t from, size_t to);

// "HỎA TỐC", "KHẨN", "MẬT" … in the first lines: letter.urgency / letter.secrecy.
void ReadMarks(const RuleSet& rules, const std::vector<std::string_view>& lines, Letter& letter);

}  // namespace congvan::extract

#endif  // CONGVAN_EXTRACT_PARTS_H_
