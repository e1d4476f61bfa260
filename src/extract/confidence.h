// How sure a reading is: a confidence (0–1) for every field and task of a Letter, from the
// evidence the reading leaves — which rule found the field and how cleanly, the OCR's word
// confidences on the lines it came from, how much of its text is still no Vietnamese after
// repair, and whether the fields agree with one another (the symbol's code and the issuer, a
// deadline and the letter's date). A letter whose number, date, issuer or tasks are doubtful is
// marked for review with the reasons in Vietnamese, so that it is never stored as if certain.
//
// The reasons a clerk reads are all defined here (ReviewReason), whoever finds them.
#ifndef CONGVAN_EXTRACT_CONFIDENCE_H_
#define CONGVAN_EXTRACT_CONFIDENCE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/page_text.h"
#include "extract/letter.h"

namespace congvan::extract {

class RuleSet;

// A field or task whose confidence is below this is doubtful: the clerk is asked to check it.
// Calibrated on the annotated sets (README.md, "Knowing when it is unsure").
inline constexpr double kDoubtfulBelow = 0.6;

// Whether `confidence` marks a field as doubtful.
inline bool IsDoubtful(double confidence) { return confidence < kDoubtfulBelow; }

// A field whose confidence is below this was guessed rather than read: the OCR gave one of its
// words less than 30 (a day written by pen that the digit readers disagree on). What else is
// known of the letter (the day it was signed) may overrule it.
inline constexpr double kGuessedBelow = 0.25;

// Whether `folded` (a name, folded) opens with a kind of issuing body of rules/confidence.rules
// ([list issuer_heads]: "ủy ban nhân dân", "bộ", "báo" …), within its first four words.
bool StartsWithIssuerHead(const RuleSet& rules, std::string_view folded);

// The remarks a clerk reads, in Vietnamese. Dates are given as ISO and shown as dd/mm/yyyy.
namespace review_reason {
std::string NoNumber();                                    // no "Số" line was found
std::string NumberUnsure();                                // found, but damaged
std::string NumberBlank();                                 // a scan's number not read
std::string NoDate();                                      // no date line
std::string DateIncomplete();                              // a date line with blanks
std::string DateUnsure();                                  // a date read from a damaged line
std::string DateInFuture(std::string_view date, std::string_view today);
std::string DateYearDisagrees(std::string_view date, std::string_view symbol_year);
std::string DateAfterSigning(std::string_view date, std::string_view signing_day);  // the signing day stands in
std::string DateLongBeforeSigning(std::string_view date, std::string_view signing_day, int days);
std::string DateUnsureBeforeSigning(std::string_view date, std::string_view signing_day);  // a doubtful date days before signing
std::string DateFromSigning(std::string_view signing_day);  // the date line unread: the signing day stands in
std::string NoIssuer();
std::string IssuerUnsure();                                // "Cơ quan ban hành có thể sai"
std::string SymbolDisagrees(std::string_view symbol, std::string_view issuer);
std::string DeadlineBeforeDate(std::string_view deadline, std::string_view text,
                               std::string_view letter_date);
std::string DeadlinePassed(std::string_view deadline, std::string_view text,
                           std::string_view today);
std::string ImpossibleDeadline(std::string_view text);
std::string TasksUnsure(int doubtful, int total);
std::string TasksFromProse();  // tasks of a text with neither number nor date (a news item)
std::string TaskUnsure();  // one task's remark, without commas (the registry joins them so)
}  // namespace review_reason

// What the confidences may depend on besides the letter and its pages.
struct ConfidenceInput {
  // The day the letter arrived (ISO): a letter dated after it is doubtful, a deadline before
  // it had passed on arrival.
  std::optional<std::string> today;
};

// Fills letter.confidence, every task's confidence, and letter.review (reasons include the
// remarks already in letter.flags, which stay as they are). `pages` are the pages the letter
// was read from (their word confidences, when the text came from an OCR).
void AssessConfidence(const RuleSet& rules, const std::vector<PageText>& pages,
                      const ConfidenceInput& input, Letter& letter);

// Exposed for tests: the share (0–1) of the word tokens of `text` that read as Vietnamese —
// a syllable, a number, an abbreviation in capitals or a code with digits. 1 for no words.
double VietnameseShare(const RuleSet& rules, std::string_view text);

// Exposed for tests: whether a symbol's issuer code fits the issuer's name ("UBND-VP" and "Ủy
// ban nhân dân huyện Tứ Kỳ", "SYT-VP" and "Sở Y tế", "CV/HU" and "Huyện ủy Bình Sơn"): true,
// false, or nullopt when the symbol holds no code that could name a body. The codes of types
// (rules/words.rules `doc_types`) are no body's.
std::optional<bool> SymbolFitsIssuer(const RuleSet& rules, std::string_view symbol,
                                     std::string_view issuer, std::string_view issuer_parent);

}  // namespace congvan::extract

#endif  // CONGVAN_EXTRACT_CONFIDENCE_H_
