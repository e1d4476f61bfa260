#include "registry/book.h"

#include <sqlite3.h>
#include <xlsxwriter.h>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <utility>

#include "registry/dates.h"
#include "registry/statement.h"
#include "text/dates.h"

namespace congvan::registry {
namespace {

// The register's lines joined to their letters; a letter deleted since keeps its line (LEFT
// JOIN), so the numbers run without gaps. ?1: year (0: any), ?2 / ?3: arrival days ('' open);
// ?4 / ?5: LIMIT (-1: none) and OFFSET.
constexpr const char kBookWhere[] =
    " WHERE (?1 = 0 OR a.year = ?1) AND (?2 = '' OR a.arrival_date >= ?2) "
    "AND (?3 = '' OR a.arrival_date <= ?3)";
constexpr const char kSelectBook[] =
    "SELECT a.year, a.number, a.arrival_date, coalesce(d.id, 0), coalesce(d.issuer, ''), "
    "coalesce(d.doc_ref, ''), coalesce(d.date, ''), coalesce(d.doc_type, ''), "
    "coalesce(d.subject, ''), coalesce(d.fields_json, '') "
    "FROM arrivals AS a LEFT JOIN documents AS d ON d.sha256 = a.sha256";
constexpr const char kBookOrder[] = " ORDER BY a.year, a.number LIMIT ?4 OFFSET ?5";
constexpr const char kSelectOne[] =
    "SELECT a.year, a.number, a.arrival_date, coalesce(d.id, 0), coalesce(d.issuer, ''), "
    "coalesce(d.doc_ref, ''), coalesce(d.date, ''), coalesce(d.doc_type, ''), "
    "coalesce(d.subject, ''), coalesce(d.fields_json, '') "
    "FROM arrivals AS a LEFT JOIN documents AS d ON d.sha256 = a.sha256 WHERE a.sha256 = ?1";

std::string JsonText(const nlohmann::json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

BookEntry ReadEntry(const Statement& row) {
  BookEntry e;
  e.year = static_cast<int>(row.ColumnInt64(0));
  e.number = row.ColumnInt64(1);
  e.arrival_date = row.ColumnText(2);
  e.document_id = row.ColumnInt64(3);
  e.issuer = row.ColumnText(4);
  e.doc_ref = row.ColumnText(5);
  e.date = row.ColumnText(6);
  e.doc_type = row.ColumnText(7);
  e.subject = row.ColumnText(8);
  const nlohmann::json fields = nlohmann::json::parse(row.ColumnText(9), nullptr, false);
  if (fields.is_object()) {
    e.urgency = JsonText(fields, "urgency");
    if (fields.contains("received")) e.stamp_number = JsonText(fields["received"], "number");
  }
  return e;
}

std::string Dmy(const std::string& iso) {
  if (!text::IsIsoDate(iso)) return iso;
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

std::string CsvCell(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string HtmlText(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// A table cell of Markdown stays one cell: pipes escaped, line breaks as spaces.
std::string MarkdownCell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out;
}

std::string Markdown(const std::vector<BookEntry>& entries, const BookFilter& filter) {
  std::string out = "# " + BookTitle(filter) + "\n\n|";
  std::string rule = "|";
  for (const std::string& h : BookColumns()) {
    out += " " + h + " |";
    rule += " --- |";
  }
  out += "\n" + rule + "\n";
  for (const BookEntry& e : entries) {
    out += "|";
    for (const std::string& cell : BookCells(e)) out += " " + MarkdownCell(cell) + " |";
    out += "\n";
  }
  if (entries.empty()) out += "\nKhông có văn bản đến nào.\n";
  return out;
}

std::string Csv(const std::vector<BookEntry>& entries) {
  std::string out = kUtf8Bom;
  auto line = [&out](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + CsvCell(cells[i]);
    out += "\r\n";
  };
  line(BookColumns());
  for (const BookEntry& e : entries) line(BookCells(e));
  return out;
}

std::string Html(const std::vector<BookEntry>& entries, const BookFilter& filter) {
  const std::string title = BookTitle(filter);
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>" +
      HtmlText(title) +
      "</title><style>@page{size:A4 landscape;margin:12mm}body{font-family:\"Times New "
      "Roman\",serif}h1{text-align:center;font-size:16pt}table{border-collapse:collapse;"
      "width:100%}td,th{border:1px solid #000;padding:2px 4px;vertical-align:top;font-size:"
      "11pt}thead{display:table-header-group}tr{page-break-inside:avoid}</style></head><body>\n"
      "<h1>" + HtmlText(title) + "</h1>\n<table><thead><tr>";
  for (const std::string& h : BookColumns()) out += "<th>" + HtmlText(h) + "</th>";
  out += "</tr></thead><tbody>\n";
  for (const BookEntry& e : entries) {
    out += "<tr>";
    for (const std::string& cell : BookCells(e)) out += "<td>" + HtmlText(cell) + "</td>";
    out += "</tr>\n";
  }
  return out + "</tbody></table>\n</body></html>\n";
}

// A workbook that is always closed (libxlsxwriter writes the file and frees everything in
// workbook_close), whether the sheet was finished or an error returned early.
class Workbook {
 public:
  explicit Workbook(const std::string& path) : book_(workbook_new(path.c_str())) {}
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;
  ~Workbook() {
    if (book_ != nullptr) workbook_close(book_);
  }
  lxw_workbook* get() const { return book_; }
  // Writes the file; the error libxlsxwriter reports, if any.
  Status Close(const std::string& path) {
    const lxw_error error = workbook_close(std::exchange(book_, nullptr));
    if (error == LXW_NO_ERROR) return Status::Ok();
    return Status::IoError("cannot write " + path + ": " + lxw_strerror(error));
  }

 private:
  lxw_workbook* book_;
};

Status Check(lxw_error error, const char* what) {
  if (error == LXW_NO_ERROR) return Status::Ok();
  return Status::Internal(std::string("writing the workbook (") + what + "): " +
                          lxw_strerror(error));
}

}  // namespace

std::string TypeAndSubject(const BookEntry& e) {
  if (e.doc_type.empty()) return e.subject;
  if (e.subject.empty()) return e.doc_type;
  // A công văn's trích yếu is written "V/v …" after its type; other types run on.
  return e.doc_type + (e.doc_type == "Công văn" ? " V/v " : " ") + e.subject;
}

std::string BookNote(const BookEntry& e) {
  if (e.document_id == 0) return "Văn bản đã bị xóa khỏi sổ";
  std::string note;
  if (!e.urgency.empty()) note = "Độ khẩn: " + e.urgency;
  if (!e.stamp_number.empty() && e.stamp_number != std::to_string(e.number)) {
    note += (note.empty() ? "" : "; ") + std::string("Số trên dấu đến: ") + e.stamp_number;
  }
  return note;
}

Result<BookFilter> MakeBookFilter(int year, const std::string& from, const std::string& to) {
  BookFilter f;
  if (year != 0 && (year < 1900 || year > 9999)) {
    return Status::InvalidInput("Năm \"" + std::to_string(year) + "\" không hợp lệ.");
  }
  f.year = year;
  for (const auto& [text, out, label] :
       {std::tuple{&from, &f.from, "Từ ngày"}, std::tuple{&to, &f.to, "Đến ngày"}}) {
    if (text->empty()) continue;
    std::optional<std::string> d = text::ReadTypedDate(*text);
    if (!d) {
      return Status::InvalidInput(std::string(label) + ": \"" + *text +
                                  "\" không phải ngày (dd/mm/yyyy).");
    }
    *out = *d;
  }
  if (!f.from.empty() && !f.to.empty() && f.from > f.to) {
    return Status::InvalidInput("Từ ngày " + Dmy(f.from) + " sau đến ngày " + Dmy(f.to) + ".");
  }
  return f;
}

Result<std::vector<BookEntry>> ListBook(const Registry& registry, const BookFilter& filter,
                                        int limit, std::int64_t offset) {
  if (limit < 0 || offset < 0) return Status::InvalidInput("register limit and offset must be >= 0");
  Result<Statement> stmt = Statement::Prepare(
      registry.db(), std::string(kSelectBook) + kBookWhere + kBookOrder);
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(1, filter.year));
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(2, filter.from));
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(3, filter.to));
  if (limit == 0 && registry.is_postgres()) {
    CONGVAN_RETURN_IF_ERROR(stmt->BindNull(4));  // LIMIT NULL: no limit (-1 is an error there)
  } else {
    CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(4, limit == 0 ? -1 : limit));
  }
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(5, offset));
  std::vector<BookEntry> entries;
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return entries;
    entries.push_back(ReadEntry(*stmt));
  }
}

Result<std::int64_t> CountBook(const Registry& registry, const BookFilter& filter) {
  Result<Statement> stmt = Statement::Prepare(
      registry.db(), std::string("SELECT count(*) FROM arrivals AS a") + kBookWhere);
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(1, filter.year));
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(2, filter.from));
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(3, filter.to));
  Result<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  return *row ? stmt->ColumnInt64(0) : 0;
}

Result<std::optional<BookEntry>> FindArrival(const Registry& registry, const std::string& sha256) {
  Result<Statement> stmt = Statement::Prepare(registry.db(), kSelectOne);
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(1, sha256));
  Result<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<BookEntry>();
  return std::optional<BookEntry>(ReadEntry(*stmt));
}

Result<BookFormat> ParseBookFormat(const std::string& name) {
  if (name == "md" || name == "markdown") return BookFormat::kMarkdown;
  if (name == "csv") return BookFormat::kCsv;
  if (name == "html") return BookFormat::kHtml;
  if (name == "xlsx") return BookFormat::kXlsx;
  return Status::InvalidInput("unknown register format \"" + name + "\"; use md, csv, html or xlsx");
}

const std::vector<std::string>& BookColumns() {
  static const std::vector<std::string> kColumns = {
      "Ngày đến",   "Số đến",          "Tác giả",
      "Số, ký hiệu", "Ngày tháng",      "Tên loại và trích yếu nội dung",
      "Đơn vị hoặc người nhận", "Ký nhận", "Ghi chú"};
  return kColumns;
}

std::vector<std::string> BookCells(const BookEntry& e) {
  return {Dmy(e.arrival_date), std::to_string(e.number), e.issuer, e.doc_ref, Dmy(e.date),
          TypeAndSubject(e),   "",                       "",       BookNote(e)};
}

std::string BookTitle(const BookFilter& f) {
  std::string title = "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN";
  if (f.year != 0) title += " NĂM " + std::to_string(f.year);
  if (!f.from.empty()) title += " TỪ NGÀY " + Dmy(f.from);
  if (!f.to.empty()) title += " ĐẾN NGÀY " + Dmy(f.to);
  return title;
}

Result<std::string> RenderBook(const std::vector<BookEntry>& entries, const BookFilter& filter,
                               BookFormat format) {
  switch (format) {
    case BookFormat::kMarkdown: return Markdown(entries, filter);
    case BookFormat::kCsv: return Csv(entries);
    case BookFormat::kHtml: return Html(entries, filter);
    case BookFormat::kXlsx:
      return Status::InvalidInput("the .xlsx register is a file: give -o FILE.xlsx");
  }
  return Status::Internal("unknown register format");
}

Status WriteBookXlsx(const std::vector<BookEntry>& entries, const BookFilter& filter,
                     const std::string& path) {
  Workbook book(path);
  if (book.get() == nullptr) return Status::IoError("cannot create the workbook " + path);
  lxw_worksheet* sheet = workbook_add_worksheet(book.get(), "Sổ văn bản đến");
  if (sheet == nullptr) return Status::Internal("cannot add a worksheet to " + path);
  lxw_format* title = workbook_add_format(book.get());
  format_set_bold(title);
  format_set_font_size(title, 14);
  format_set_align(title, LXW_ALIGN_CENTER);
  lxw_format* head = workbook_add_format(book.get());
  format_set_bold(head);
  format_set_text_wrap(head);
  format_set_border(head, LXW_BORDER_THIN);
  format_set_align(head, LXW_ALIGN_CENTER);
  format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
  lxw_format* cell = workbook_add_format(book.get());
  format_set_text_wrap(cell);
  format_set_border(cell, LXW_BORDER_THIN);
  format_set_align(cell, LXW_ALIGN_VERTICAL_TOP);

  // Widths in characters, as a clerk's printed register spaces them.
  static constexpr double kWidths[] = {11, 7, 28, 16, 11, 50, 18, 10, 20};
  const std::vector<std::string>& columns = BookColumns();
  const lxw_col_t last = static_cast<lxw_col_t>(columns.size() - 1);
  for (lxw_col_t c = 0; c <= last; ++c) {
    CONGVAN_RETURN_IF_ERROR(Check(worksheet_set_column(sheet, c, c, kWidths[c], nullptr), "column"));
  }
  worksheet_set_landscape(sheet);
  worksheet_set_paper(sheet, 9);  // A4
  worksheet_fit_to_pages(sheet, 1, 0);  // all columns on the page's width, as many pages as needed
  CONGVAN_RETURN_IF_ERROR(Check(worksheet_repeat_rows(sheet, 2, 2), "repeated heading"));
  CONGVAN_RETURN_IF_ERROR(Check(
      worksheet_merge_range(sheet, 0, 0, 0, last, BookTitle(filter).c_str(), title), "title"));
  for (lxw_col_t c = 0; c <= last; ++c) {
    CONGVAN_RETURN_IF_ERROR(Check(worksheet_write_string(sheet, 2, c, columns[c].c_str(), head), "heading"));
  }
  worksheet_freeze_panes(sheet, 3, 0);
  lxw_row_t r = 3;
  for (const BookEntry& e : entries) {
    const std::vector<std::string> cells = BookCells(e);
    for (lxw_col_t c = 0; c <= last; ++c) {
      // The arrival number is a number, so the sheet sorts and sums it as one.
      const lxw_error error =
          c == 1 ? worksheet_write_number(sheet, r, c, static_cast<double>(e.number), cell)
                 : worksheet_write_string(sheet, r, c, cells[c].c_str(), cell);
      CONGVAN_RETURN_IF_ERROR(Check(error, "a line"));
    }
    ++r;
  }
  return book.Close(path);
}

Result<std::string> BookXlsxBytes(const std::vector<BookEntry>& entries, const BookFilter& filter) {
  namespace fs = std::filesystem;
  std::string folder = (fs::temp_directory_path() / "congvan-book-XXXXXX").string();
  if (mkdtemp(folder.data()) == nullptr) {
    return Status::IoError("cannot create a temporary folder for the workbook");
  }
  // Removes the folder and the workbook in it on every return.
  struct Remover {
    std::string path;
    ~Remover() {
      std::error_code ec;
      fs::remove_all(path, ec);
    }
  } remover{folder};
  const std::string path = folder + "/so-den.xlsx";
  CONGVAN_RETURN_IF_ERROR(WriteBookXlsx(entries, filter, path));
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) return Status::IoError("cannot read the workbook back");
  return bytes;
}

}  // namespace congvan::registry
