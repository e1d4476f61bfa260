#include "extract/eval.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

#include "extract/confidence.h"

namespace congvan::extract {
namespace {

using Json = nlohmann::json;

// The field order of score_fields.py.
const std::vector<std::string>& Scalars() {
  static const std::vector<std::string> k = {"doc_ref", "doc_number", "doc_type", "issuer",
                                             "issuer_parent", "place", "date", "subject",
                                             "signer.name", "signer.title"};
  return k;
}
const std::vector<std::string>& Lists() {
  static const std::vector<std::string> k = {"addressees", "recipients", "references",
                                             "deadlines", "tasks", "tasks.deadline"};
  return k;
}
bool Fuzzy(const std::string& f) {
  static const std::set<std::string> k = {"issuer", "issuer_parent", "subject", "signer.name",
                                          "signer.title", "place", "doc_type"};
  return k.count(f) > 0;
}

std::u32string ToU32(const std::string& s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  std::u32string out;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) out.push_back(u.char32At(i));
  return out;
}

std::string ToUtf8(const std::u32string& s) {
  icu::UnicodeString u;
  for (char32_t c : s) u.append(static_cast<UChar32>(c));
  std::string out;
  u.toUTF8String(out);
  return out;
}

void ReplaceAll(std::u32string& s, const std::u32string& from, const std::u32string& to) {
  for (size_t p = s.find(from); p != std::u32string::npos; p = s.find(from, p + to.size())) {
    s.replace(p, from.size(), to);
  }
}

// str(value) of the script: strings as they are, null as "", anything else as its JSON text.
std::string Str(const Json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "True" : "False";
  return v.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::u32string NormU32(const std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s), n;
  if (U_SUCCESS(status)) nfc->normalize(u, n, status);
  if (U_FAILURE(status)) n = u;
  n.foldCase(U_FOLD_CASE_DEFAULT);
  std::string utf8;
  n.toUTF8String(utf8);
  std::u32string t = ToU32(utf8);
  static const std::pair<const char32_t*, const char32_t*> kTone[] = {
      {U"òa", U"oà"}, {U"óa", U"oá"}, {U"ỏa", U"oả"}, {U"õa", U"oã"}, {U"ọa", U"oạ"},
      {U"ủy", U"uỷ"}, {U"úy", U"uý"}, {U"ùy", U"uỳ"}, {U"ũy", U"uỹ"}, {U"ụy", U"uỵ"}};
  for (const auto& [from, to] : kTone) ReplaceAll(t, from, to);
  // re.sub(r"\s+", " ", s)
  std::u32string c;
  for (char32_t ch : t) {
    const bool space = u_isUWhiteSpace(ch) || (ch >= 0x1C && ch <= 0x1F);
    if (space) {
      if (c.empty() || c.back() != U' ') c.push_back(U' ');
    } else {
      c.push_back(ch);
    }
  }
  // .strip(" \t-–;:,.\"“”'")
  const std::u32string strip = U" \t-–;:,.\"“”'";
  size_t b = 0, e = c.size();
  while (b < e && strip.find(c[b]) != std::u32string::npos) ++b;
  while (e > b && strip.find(c[e - 1]) != std::u32string::npos) --e;
  return c.substr(b, e - b);
}

std::u32string NormV(const Json& v) { return NormU32(Str(v)); }

std::u32string RefKey(const Json& v) {
  std::u32string out;
  for (char32_t c : NormV(v)) {
    const bool space = u_isUWhiteSpace(c) || (c >= 0x1C && c <= 0x1F);
    if (!space && c != U'-' && c != U'–' && c != U'_') out.push_back(c);
  }
  return out;
}

size_t Lev(const std::u32string& x, const std::u32string& y) {
  const std::u32string& a = x.size() >= y.size() ? x : y;
  const std::u32string& b = x.size() >= y.size() ? y : x;
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

bool SimilarU32(const std::u32string& a, const std::u32string& b, double threshold) {
  if (a.empty() && b.empty()) return true;
  if (a.empty() || b.empty()) return false;
  return 1.0 - static_cast<double>(Lev(a, b)) / std::max(a.size(), b.size()) >= threshold;
}

bool Similar(const Json& a, const Json& b, double threshold = kSimilarFreeText) {
  return SimilarU32(NormV(a), NormV(b), threshold);
}

const Json& Get(const Json& doc, const std::string& dotted) {
  static const Json kNull;
  const Json* cur = &doc;
  size_t start = 0;
  while (true) {
    size_t dot = dotted.find('.', start);
    std::string part = dotted.substr(start, dot == std::string::npos ? dot : dot - start);
    if (!cur->is_object()) return kNull;
    auto it = cur->find(part);
    if (it == cur->end()) return kNull;
    cur = &*it;
    if (dot == std::string::npos) return *cur;
    start = dot + 1;
  }
}

bool Empty(const Json& v) {
  return v.is_null() || (v.is_string() && v.get<std::string>().empty()) || (v.is_array() && v.empty());
}

FieldCounts ScalarCounts(const Json& gold, const Json& pred, const std::string& field) {
  const Json& g = Get(gold, field);
  const Json& p = Get(pred, field);
  const bool ge = Empty(g), pe = Empty(p);
  if (ge && pe) return {};
  bool ok = false;
  if (!ge && !pe) {
    if (field == "doc_ref") {
      ok = RefKey(g) == RefKey(p);
    } else if (Fuzzy(field)) {
      ok = Similar(g, p);
    } else {
      ok = NormV(g) == NormV(p);
    }
  }
  return {ok ? 1 : 0, pe ? 0 : 1, ge ? 0 : 1};
}

// doc.get(key) or [] — a list, else empty.
std::vector<Json> Items(const Json& doc, const std::string& key) {
  if (!doc.is_object()) return {};
  auto it = doc.find(key);
  if (it == doc.end() || !it->is_array()) return {};
  return std::vector<Json>(it->begin(), it->end());
}

// Greedy one-to-one matching in gold order, as the script does: which predictions were taken.
template <typename Same>
std::vector<bool> MatchUsed(const std::vector<Json>& gold, const std::vector<Json>& pred, Same same) {
  std::vector<bool> used(pred.size(), false);
  for (const Json& g : gold) {
    for (size_t i = 0; i < pred.size(); ++i) {
      if (!used[i] && same(g, pred[i])) {
        used[i] = true;
        break;
      }
    }
  }
  return used;
}

// One list field matched: the predicted items, which of them matched, and the gold's size.
struct ListMatch {
  std::vector<Json> pred;
  std::vector<bool> right;
  int gold = 0;

  FieldCounts Counts() const {
    return {static_cast<int>(std::count(right.begin(), right.end(), true)),
            static_cast<int>(pred.size()), gold};
  }
};

template <typename Same>
ListMatch MatchLists(const std::vector<Json>& gold, std::vector<Json> pred, Same same) {
  ListMatch m;
  m.right = MatchUsed(gold, pred, same);
  m.pred = std::move(pred);
  m.gold = static_cast<int>(gold.size());
  return m;
}

const Json& Key(const Json& obj, const char* key) {
  static const Json kNull;
  if (!obj.is_object()) return kNull;
  auto it = obj.find(key);
  return it == obj.end() ? kNull : *it;
}

bool Truthy(const Json& v) {
  if (v.is_null()) return false;
  if (v.is_string()) return !v.get<std::string>().empty();
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_number()) return v != 0;
  return !v.empty();
}

std::vector<Json> DeadlineDates(const Json& doc) {
  std::set<std::string> dates;  // sorted, like sorted({…}); non-strings by their text
  for (const Json& d : Items(doc, "deadlines")) {
    const Json& date = Key(d, "date");
    if (Truthy(date)) dates.insert(date.is_string() ? date.get<std::string>() : date.dump());
  }
  return std::vector<Json>(dates.begin(), dates.end());
}

ListMatch MatchList(const Json& gold, const Json& pred, const std::string& field) {
  if (field == "addressees" || field == "recipients") {
    return MatchLists(Items(gold, field), Items(pred, field),
                      [](const Json& g, const Json& p) { return Similar(g, p); });
  }
  if (field == "references") {
    return MatchLists(Items(gold, field), Items(pred, field), [](const Json& g, const Json& p) {
      return RefKey(Key(g, "ref")) == RefKey(Key(p, "ref"));
    });
  }
  if (field == "deadlines") {
    return MatchLists(DeadlineDates(gold), DeadlineDates(pred),
                      [](const Json& g, const Json& p) { return g == p; });
  }
  if (field == "tasks") {
    return MatchLists(Items(gold, "tasks"), Items(pred, "tasks"), [](const Json& g, const Json& p) {
      return Similar(Key(g, "assignee"), Key(p, "assignee"), kSimilarAssignee);
    });
  }
  // tasks.deadline: tasks that have a deadline, same date and a similar assignee.
  auto with_deadline = [](const Json& doc) {
    std::vector<Json> out;
    for (const Json& t : Items(doc, "tasks")) {
      if (Truthy(Key(t, "deadline"))) out.push_back(t);
    }
    return out;
  };
  return MatchLists(with_deadline(gold), with_deadline(pred), [](const Json& g, const Json& p) {
    return Key(g, "deadline") == Key(p, "deadline") &&
           Similar(Key(g, "assignee"), Key(p, "assignee"), kSimilarAssignee);
  });
}

// The confidence the prediction gives `key` (its "confidence" map), 1 when it gives none.
double FieldConfidence(const Json& pred, const std::string& key) {
  const Json& c = Key(Key(pred, "confidence"), key.c_str());
  return c.is_number() ? c.get<double>() : 1.0;
}

double ItemConfidence(const Json& item) {
  const Json& c = Key(item, "confidence");
  return c.is_number() ? c.get<double>() : 1.0;
}

// The key of the confidence map that covers a scored field ("signer.name" → "signer").
std::string ConfidenceKey(const std::string& field) {
  const size_t dot = field.find('.');
  return dot == std::string::npos ? field : field.substr(0, dot);
}

void Count(ReviewSplit& split, std::vector<std::string>& trusted_wrong, const std::string& name,
           const std::string& field, const Json& value, bool right, double confidence) {
  if (IsDoubtful(confidence)) {
    ++split.flagged;
    split.flagged_right += right;
    return;
  }
  ++split.unflagged;
  split.unflagged_right += right;
  if (!right) {
    char c[16];
    std::snprintf(c, sizeof c, "%.2f", confidence);
    std::string shown = value.is_object() && value.contains("assignee") ? Str(value["assignee"]) : Str(value);
    trusted_wrong.push_back(name + " " + field + ": " + shown + " (" + c + ")");
  }
}

std::string Format(const char* fmt, double a, double b, double c) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, a, b, c);
  return buf;
}

}  // namespace

std::string NormForScore(std::string_view s) { return ToUtf8(NormU32(std::string(s))); }

bool SimilarForScore(std::string_view a, std::string_view b, double threshold) {
  return SimilarU32(NormU32(std::string(a)), NormU32(std::string(b)), threshold);
}

Status Scorer::Add(const std::string& name, std::string_view gold_json, std::string_view pred_json) {
  const Json gold = Json::parse(gold_json.begin(), gold_json.end(), nullptr, false);
  if (gold.is_discarded() || !gold.is_object()) {
    return Status::InvalidInput(name + ": gold is not a JSON object");
  }
  Json pred = Json::parse(pred_json.begin(), pred_json.end(), nullptr, false);
  if (pred.is_discarded() || !pred.is_object()) pred = Json::object();
  std::string row = name;
  auto add = [&](const std::string& field, FieldCounts c) {
    FieldCounts& t = totals_[field];
    t.tp += c.tp;
    t.pred += c.pred;
    t.gold += c.gold;
    if (c.gold || c.pred) row += " " + field + "=" + std::to_string(c.tp) + "/" + std::to_string(c.gold);
  };
  for (const std::string& f : Scalars()) add(f, ScalarCounts(gold, pred, f));
  for (const std::string& f : Lists()) add(f, MatchList(gold, pred, f).Counts());
  per_doc_.push_back(row);
  AddSplit(name, gold, pred);
  ++documents_;
  return Status::Ok();
}

void Scorer::AddSplit(const std::string& name, const Json& gold, const Json& pred) {
  for (const std::string& f : Scalars()) {
    const Json& p = Get(pred, f);
    if (Empty(p)) continue;
    Count(split_, trusted_wrong_, name, f, p, ScalarCounts(gold, pred, f).tp == 1,
          FieldConfidence(pred, ConfidenceKey(f)));
  }
  for (const std::string& f : Lists()) {
    const ListMatch m = MatchList(gold, pred, f);
    for (size_t i = 0; i < m.pred.size(); ++i) {
      // Tasks and references carry their own confidence; other lists one for the list.
      const double c = m.pred[i].is_object() && m.pred[i].contains("confidence")
                           ? ItemConfidence(m.pred[i]) : FieldConfidence(pred, f);
      Count(split_, trusted_wrong_, name, f, m.pred[i], m.right[i], c);
    }
  }
  const Json& review = Key(pred, "review");
  split_.letters_for_review += Truthy(Key(review, "needed"));
}

EvalReport Scorer::Report() const {
  EvalReport r;
  r.split = split_;
  r.trusted_wrong = trusted_wrong_;
  r.documents = documents_;
  r.per_doc = per_doc_;
  double sum = 0;
  std::vector<std::string> order = Scalars();
  order.insert(order.end(), Lists().begin(), Lists().end());
  for (const std::string& f : order) {
    auto it = totals_.find(f);
    const FieldCounts c = it == totals_.end() ? FieldCounts{} : it->second;
    if (c.gold == 0 && c.pred == 0) continue;
    FieldScore s;
    s.field = f;
    s.counts = c;
    s.precision = c.pred ? static_cast<double>(c.tp) / c.pred : (c.gold == 0 ? 1.0 : 0.0);
    s.recall = c.gold ? static_cast<double>(c.tp) / c.gold : (c.pred == 0 ? 1.0 : 0.0);
    s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0.0;
    sum += s.f1;
    r.fields.push_back(std::move(s));
  }
  r.macro_f1 = r.fields.empty() ? 0.0 : sum / r.fields.size();
  return r;
}

std::string EvalReport::Table() const {
  char head[96];
  std::snprintf(head, sizeof head, "%-16s %6s %6s %6s  (tp/pred/gold)\n", "field", "P", "R", "F1");
  std::string out = head;
  for (const FieldScore& s : fields) {
    std::string name = s.field;
    if (name.size() < 16) name.append(16 - name.size(), ' ');
    out += name + Format(" %6.3f %6.3f %6.3f", s.precision, s.recall, s.f1) + "  (" +
           std::to_string(s.counts.tp) + "/" + std::to_string(s.counts.pred) + "/" +
           std::to_string(s.counts.gold) + ")\n";
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "documents %d macro-F1 %.3f\n", documents, macro_f1);
  return out + buf;
}

std::string EvalReport::SplitTable() const {
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "not flagged      P %.3f  (%d/%d right)\n"
                "flagged doubtful P %.3f  (%d/%d right)\n"
                "letters for review %d of %d\n",
                split.UnflaggedPrecision(), split.unflagged_right, split.unflagged,
                split.FlaggedPrecision(), split.flagged_right, split.flagged,
                split.letters_for_review, documents);
  return buf;
}

}  // namespace congvan::extract
