// Header layout: the first lines of a letter as rows with a left and a right column.
//
// Three inputs give the same rows: plain text whose two header columns were merged on one line
// by the OCR ("HUYỆN ỦY BÌNH SƠN Bình Sơn, ngày 13 …" is split where the motto or the
// place/date starts), markdown tables whose cells are the columns, and OCR pages whose lines carry
// boxes (a line in the left half near the top is in the left column).
#ifndef CONGVAN_EXTRACT_LAYOUT_H_
#define CONGVAN_EXTRACT_LAYOUT_H_

#include <string_view>
#include <vector>

#include "base/page_text.h"
#include "extract/rules.h"
#include "text/fold.h"

namespace congvan::extract {

// One row of the header. Views point into the PageText lines, which must outlive the rows.
struct Row {
  std::string_view left;   // left column, or the whole line outside the two-column header
  std::string_view right;  // right column: motto or place/date
  Folded left_folded;      // Fold(left), computed once
  bool blank = false;      // an empty line (kept: runs of empty lines end the subject)
};

// The rows of the header zone of `page` (at most `max_lines` lines; text without geometry stops
// splitting merged lines at "Kính gửi").
std::vector<Row> HeaderRows(const PageText& page, const RuleSet& rules, size_t max_lines);

// Where the place before "ngày" begins in `text` (`ngay` = byte offset of "ngày"): the run of
// capitalised words just before it ("các Tứ Kỳ, ngày" → at "Tứ"). Returns `ngay` when none.
size_t PlaceStart(std::string_view text, size_t ngay, const RuleSet& rules);

}  // namespace congvan::extract

#endif  // CONGVAN_EXTRACT_LAYOUT_H_
