#include "web/json_views.h"

#include <regex>
#include <string>

#include "text/dates.h"

namespace congvan::web {
namespace {

nlohmann::json NullIfEmpty(const std::string& s) {
  return s.empty() ? nlohmann::json() : nlohmann::json(s);
}

nlohmann::json TaskRecordJson(const registry::TaskRecord& t) {
  return {{"id", t.id},
          {"assignee", t.assignee},
          {"action", t.action},
          {"cooperating", t.cooperating},
          {"due_date", NullIfEmpty(t.due_date)},
          {"due_time", NullIfEmpty(t.due_time)},
          {"deadline_text", t.deadline_text},
          {"recurrence", NullIfEmpty(t.recurrence)},
          {"flags", t.flags},
          {"done_at", NullIfEmpty(t.done_at)},
          {"revision", t.revision},
          {"source", t.source.empty() ? "extracted" : t.source},
          {"instruction", t.instruction},
          {"assigned_by", t.assigned_by},
          {"assigned_at", NullIfEmpty(t.assigned_at)},
          {"assigned_from", t.assigned_from < 0 ? nlohmann::json() : nlohmann::json(t.assigned_from)}};
}

}  // namespace

nlohmann::json TaskJson(const registry::TaskView& v) {
  nlohmann::json j = TaskRecordJson(v.task);
  j["position"] = v.position;
  j["status"] = registry::StateSlug(v.state);
  j["status_label"] = registry::StateLabel(v.state);
  j["document_id"] = v.document_id;
  j["doc_ref"] = v.doc_ref;
  j["doc_type"] = v.doc_type;
  j["issuer"] = v.issuer;
  j["doc_date"] = v.doc_date;
  j["subject"] = v.subject;
  return j;
}

nlohmann::json EventJson(const registry::TaskEvent& e) {
  return {{"status", e.status}, {"note", e.note}, {"who", e.who}, {"at", e.at}, {"kind", e.kind}};
}

nlohmann::json CorrectionJson(const registry::Correction& c) {
  nlohmann::json j = {{"id", c.id},
          {"task_position", c.task_position == registry::kLetterField ? nlohmann::json()
                                                                      : nlohmann::json(c.task_position)},
          {"field", c.field},
          {"old_value", c.old_value},
          {"new_value", c.new_value},
          {"who", c.who},
          {"at", c.at}};
  // A list's values are also given as arrays, so scripts need not split the lines.
  if (registry::IsListField(c.field)) {
    j["old_items"] = registry::ListItems(c.old_value);
    j["new_items"] = registry::ListItems(c.new_value);
  }
  return j;
}

std::string VietnameseRemark(const std::string& remark) {
  auto dmy = [](const std::string& iso) {
    return text::IsIsoDate(iso) ? iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4)
                                    : iso;
  };
  if (remark == "no document number found") return "Không tìm thấy số văn bản";
  if (remark == "no date found") return "Không tìm thấy ngày ban hành";
  static const std::regex kImpossible(R"(^impossible date: (.*)$)");
  static const std::regex kBefore(R"(^deadline (\S+) \((.*)\) is before the letter's date (\S+)$)");
  static const std::regex kPassed(R"(^deadline (\S+) \((.*)\) had passed on arrival \((\S+)\)$)");
  std::smatch m;
  if (std::regex_match(remark, m, kImpossible)) {
    return "Hạn xử lý không phải ngày có thật: \"" + m[1].str() + "\"";
  }
  if (std::regex_match(remark, m, kBefore)) {
    return "Hạn xử lý " + dmy(m[1].str()) + " (\"" + m[2].str() + "\") trước ngày ban hành " +
           dmy(m[3].str());
  }
  if (std::regex_match(remark, m, kPassed)) {
    return "Hạn xử lý " + dmy(m[1].str()) + " (\"" + m[2].str() + "\") đã qua khi nhận văn bản (" +
           dmy(m[3].str()) + ")";
  }
  return remark;
}

std::vector<std::string> LetterFlags(const registry::DocumentRecord& doc) {
  nlohmann::json fields = nlohmann::json::parse(doc.fields_json, nullptr, false);
  std::vector<std::string> out;
  if (!fields.is_object()) return out;
  // The reasons for review (the flags of records registered before there were any).
  const nlohmann::json* list = nullptr;
  if (fields.contains("review") && fields["review"].is_object() && fields["review"].contains("reasons")) {
    list = &fields["review"]["reasons"];
  } else if (fields.contains("flags")) {
    list = &fields["flags"];
  }
  if (list != nullptr && list->is_array()) {
    for (const nlohmann::json& f : *list) {
      if (f.is_string()) out.push_back(VietnameseRemark(f.get<std::string>()));
    }
  }
  return out;
}

bool HasPageImages(const registry::DocumentRecord& doc) {
  return doc.file_type != "text" && doc.file_type != "unknown" && doc.page_count > 0;
}

nlohmann::json DocumentSummaryJson(const registry::DocumentRecord& doc) {
  return {{"id", doc.id},           {"sha256", doc.sha256},     {"path", doc.path},
          {"file_type", doc.file_type}, {"source", doc.source}, {"page_count", doc.page_count},
          {"doc_ref", doc.doc_ref}, {"doc_type", doc.doc_type}, {"issuer", doc.issuer},
          {"date", doc.date},       {"subject", doc.subject},   {"created_at", doc.created_at},
          {"updated_at", doc.updated_at}, {"url", "/documents/" + std::to_string(doc.id)}};
}

nlohmann::json DocumentJson(const registry::DocumentRecord& doc,
                            const std::vector<registry::Correction>& corrections,
                            registry::TimePoint now) {
  nlohmann::json j = DocumentSummaryJson(doc);
  nlohmann::json fields = nlohmann::json::parse(doc.fields_json, nullptr, false);
  j["fields"] = fields.is_discarded() ? nlohmann::json() : fields;
  j["flags"] = LetterFlags(doc);
  j["addressees"] = doc.addressees;
  j["tasks"] = nlohmann::json::array();
  for (std::size_t i = 0; i < doc.tasks.size(); ++i) {
    nlohmann::json t = TaskRecordJson(doc.tasks[i]);
    const registry::TaskState state = registry::ComputeState(doc.tasks[i], now);
    t["position"] = static_cast<int>(i);
    t["status"] = registry::StateSlug(state);
    t["status_label"] = registry::StateLabel(state);
    j["tasks"].push_back(std::move(t));
  }
  j["references"] = nlohmann::json::array();
  for (const registry::ReferenceRecord& r : doc.references) {
    j["references"].push_back(
        {{"ref", r.ref}, {"date", NullIfEmpty(r.date)}, {"type", r.type},
         {"cited_document_id", r.cited_document_id == 0 ? nlohmann::json()
                                                        : nlohmann::json(r.cited_document_id)}});
  }
  j["corrections"] = nlohmann::json::array();
  for (const registry::Correction& c : corrections) j["corrections"].push_back(CorrectionJson(c));
  j["page_images"] = nlohmann::json::array();
  if (HasPageImages(doc)) {
    for (int p = 1; p <= doc.page_count; ++p) {
      j["page_images"].push_back("/documents/" + std::to_string(doc.id) + "/pages/" +
                                 std::to_string(p) + ".png");
    }
  }
  return j;
}

nlohmann::json SearchJson(const registry::SearchResults& r) {
  nlohmann::json out = {{"documents", nlohmann::json::array()},
                        {"tasks", nlohmann::json::array()},
                        {"ignored", r.ignored}};
  for (const registry::DocumentHit& d : r.documents) {
    out["documents"].push_back({{"id", d.id}, {"doc_ref", d.doc_ref}, {"doc_type", d.doc_type},
                                {"issuer", d.issuer}, {"date", d.date}, {"subject", d.subject},
                                {"path", d.path}, {"snippet", d.snippet}, {"score", d.score},
                                {"url", "/documents/" + std::to_string(d.id)}});
  }
  for (const registry::TaskHit& t : r.tasks) {
    nlohmann::json j = TaskJson(t.view);
    j["snippet"] = t.snippet;
    j["score"] = t.score;
    out["tasks"].push_back(std::move(j));
  }
  return out;
}

std::vector<nlohmann::json> StampedSignatures(const nlohmann::json& fields) {
  std::vector<nlohmann::json> signatures;
  if (!fields.is_object()) return signatures;
  if (fields.contains("digital_signature") && fields["digital_signature"].is_object()) {
    signatures.push_back(fields["digital_signature"]);
  }
  if (fields.contains("countersignatures") && fields["countersignatures"].is_array()) {
    for (const nlohmann::json& s : fields["countersignatures"]) {
      if (s.is_object()) signatures.push_back(s);
    }
  }
  return signatures;
}

}  // namespace congvan::web
