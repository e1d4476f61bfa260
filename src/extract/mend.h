// Text layers that lost their shape before extraction: pages copied from a document viewer run
// the whole header on one line ("UBND TỈNH NINH THUẬN CỘNG HÒA XÃ HỘI … Số : 2917 /SGDĐT-VP
// Phan Rang-Tháp Chàm, ngày 05 tháng11 năm 2010 V/v … Kính gửi: - …; - … . Vừa qua, …"), and
// fonts without composed Vietnamese letters leave tone marks apart from their vowels ("thiêt
// hai ̀ ̣ ̣ do lũ lụt"). The header rules read one column part per line and whole words, so such
// text is mended first.
#ifndef CONGVAN_EXTRACT_MEND_H_
#define CONGVAN_EXTRACT_MEND_H_

#include <optional>
#include <vector>

#include "base/page_text.h"
#include "extract/rules.h"

namespace congvan::extract {

// The pages with every tone or vowel mark that follows a space or starts a line (a mark no
// letter carries) removed, and a header run on one line of a text without geometry broken at
// the places its parts begin: the national title, the motto, "Số", the place and date, "V/v",
// "Kính gửi" and each of its "- …" items, and the first sentence of the body. nullopt when
// nothing needed mending, so that the pages are not copied.
std::optional<std::vector<PageText>> MendTextLayer(const RuleSet& rules, const std::vector<PageText>& pages);

}  // namespace congvan::extract

#endif  // CONGVAN_EXTRACT_MEND_H_
