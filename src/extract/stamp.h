// Stamps on the first page: the received stamp ("ĐẾN", with the number and date the receiving
// office wrote on it, under the office's name) and urgency stamps ("HỎA TỐC", "THƯỢNG KHẨN",
// "KHẨN"). Read from the stamp regions OCR'd on their own (PageText::stamps) and from the page's
// own lines, with the rules of rules/stamp.rules.
#ifndef CONGVAN_EXTRACT_STAMP_H_
#define CONGVAN_EXTRACT_STAMP_H_

#include <vector>

#include "base/page_text.h"
#include "extract/letter.h"

namespace congvan::extract {

class RuleSet;

// Fills letter.received (when a received stamp is found and something on it could be read) and letter.urgency (when none was read
// from the text and an urgency stamp is found). A written date is kept only when it is a real day
// and not before the letter's own date (letter.date, when known): a stamp cannot receive a
// letter before it was issued, and the handwriting is often misread.
void ReadStamps(const RuleSet& rules, const std::vector<PageText>& pages, Letter& letter);

}  // namespace congvan::extract

#endif  // CONGVAN_EXTRACT_STAMP_H_
