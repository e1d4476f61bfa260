// The calendar round trip: tasks of the real gold letters registered in a real SQLite file,
// exported, and parsed back with libical and with Python's icalendar (an independent parser).
#include "calendar/calendar.h"

#include <gtest/gtest.h>
#include <libical/ical.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "registry/gold_letters_for_test.h"
#include "registry/registry.h"
#include "registry/tasks.h"

namespace congvan::calendar {
namespace {

using congvan::testing::TempDir;
using registry::TaskView;

registry::TimePoint At(const std::string& date, int hour = 12) {
  using namespace std::chrono;
  return registry::TimePoint(sys_days(days(registry::DaysFromIso(date)))) + hours(hour) -
         registry::kVietnamOffset;
}

struct Fixture {
  TempDir tmp;
  std::unique_ptr<registry::Registry> reg;
  Fixture() {
    reg = std::move(registry::Registry::Open((tmp / "r.db").string())).value();
    std::vector<registry::DocumentRecord> gold = registry::testdata::GoldRecords();
    gold[2].tasks[6].due_time = "09:00";  // a timed deadline (letters write "trước 9 giờ …")
    for (const auto& d : gold) EXPECT_TRUE(reg->Add(d).ok());
  }
  std::vector<TaskView> Tasks() {
    registry::TaskFilter f;
    f.with_deadline = true;
    return *registry::ListTasks(*reg, f, At("2023-07-01"));
  }
};

struct ComponentFree { void operator()(icalcomponent* c) const { icalcomponent_free(c); } };
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

std::string Prop(icalcomponent* c, icalproperty_kind kind) {
  icalproperty* p = icalcomponent_get_first_property(c, kind);
  if (p == nullptr) return "";
  const char* v = icalproperty_get_value_as_string(p);
  return v == nullptr ? "" : v;
}

std::string Param(icalcomponent* c, icalproperty_kind kind, icalparameter_kind param) {
  icalproperty* p = icalcomponent_get_first_property(c, kind);
  if (p == nullptr) return "";
  icalparameter* prm = icalproperty_get_first_parameter(p, param);
  if (prm == nullptr) return "";
  return icalparameter_as_ical_string(prm);
}

std::vector<icalcomponent*> Items(icalcomponent* cal, icalcomponent_kind kind) {
  std::vector<icalcomponent*> out;
  for (icalcomponent* c = icalcomponent_get_first_component(cal, kind); c != nullptr;
       c = icalcomponent_get_next_component(cal, kind)) {
    out.push_back(c);
  }
  return out;
}

icalcomponent* BySummary(const std::vector<icalcomponent*>& items, const std::string& summary) {
  for (icalcomponent* c : items) {
    if (Prop(c, ICAL_SUMMARY_PROPERTY).find(summary) != std::string::npos) return c;
  }
  return nullptr;
}

TEST(CalendarTest, RRuleForRecurrences) {
  EXPECT_EQ(*RRuleFor("weekly:MO 09:00"), "FREQ=WEEKLY;BYDAY=MO");
  EXPECT_EQ(*RRuleFor("monthly"), "FREQ=MONTHLY");
  EXPECT_EQ(*RRuleFor("quarterly"), "FREQ=MONTHLY;INTERVAL=3");
  EXPECT_EQ(*RRuleFor("yearly"), "FREQ=YEARLY");
  EXPECT_FALSE(RRuleFor("weekly:XX 09:00").ok());
  EXPECT_FALSE(RRuleFor("fortnightly").ok());
}

TEST(CalendarTest, LibicalRoundTrip) {
  Fixture fx;
  const std::vector<TaskView> tasks = fx.Tasks();
  // Gold: 19 tasks with a date, 2 recurring (weekly and monthly) without one.
  ASSERT_EQ(tasks.size(), 21u);
  Result<std::string> ics = ToICalendar(tasks, {}, At("2023-07-01"));
  ASSERT_TRUE(ics.ok()) << ics.status().ToString();
  Component cal(icalparser_parse_string(ics->c_str()));
  ASSERT_NE(cal, nullptr);
  EXPECT_EQ(icalcomponent_count_errors(cal.get()), 0) << *ics;
  ASSERT_EQ(Items(cal.get(), ICAL_VTIMEZONE_COMPONENT).size(), 1u);
  const std::vector<icalcomponent*> events = Items(cal.get(), ICAL_VEVENT_COMPONENT);
  ASSERT_EQ(events.size(), 21u);
  std::set<std::string> uids;
  for (icalcomponent* e : events) {
    uids.insert(Prop(e, ICAL_UID_PROPERTY));
    EXPECT_EQ(Items(e, ICAL_VALARM_COMPONENT).size(), 2u);
  }
  EXPECT_EQ(uids.size(), 21u);

  // All-day: "[Phòng Kinh tế Hạ tầng huyện] … (1138/UBND-NC)" due 30/10/2023.
  icalcomponent* allday = BySummary(events, "[Phòng Kinh tế Hạ tầng huyện] Chủ trì");
  ASSERT_NE(allday, nullptr);
  EXPECT_NE(Prop(allday, ICAL_SUMMARY_PROPERTY).find("(1138/UBND-NC)"), std::string::npos);
  icaltimetype start = icalcomponent_get_dtstart(allday);
  EXPECT_TRUE(start.is_date);
  EXPECT_EQ(start.year * 10000 + start.month * 100 + start.day, 20231030);
  EXPECT_NE(Prop(allday, ICAL_DESCRIPTION_PROPERTY).find("Trích yếu: nâng cao Chỉ số Papi"),
            std::string::npos);
  EXPECT_NE(Prop(allday, ICAL_DESCRIPTION_PROPERTY).find("002_aaae76cc2c3d2f2a.txt"),
            std::string::npos);

  // Timed, in Asia/Ho_Chi_Minh.
  icalcomponent* timed = nullptr;
  for (icalcomponent* e : events) {
    if (!icalcomponent_get_dtstart(e).is_date && Prop(e, ICAL_RRULE_PROPERTY).empty()) timed = e;
  }
  ASSERT_NE(timed, nullptr);
  EXPECT_EQ(Param(timed, ICAL_DTSTART_PROPERTY, ICAL_TZID_PARAMETER), "TZID=Asia/Ho_Chi_Minh");
  EXPECT_EQ(icalcomponent_get_dtstart(timed).hour, 9);

  // Weekly duty of 1532/UBND-VP (letter of 2023-11-14, a Tuesday): first Monday after, 09:00.
  icalcomponent* weekly = BySummary(events, "(1532/UBND-VP)");
  ASSERT_NE(weekly, nullptr);
  EXPECT_EQ(Prop(weekly, ICAL_RRULE_PROPERTY), "FREQ=WEEKLY;BYDAY=MO");
  icaltimetype w = icalcomponent_get_dtstart(weekly);
  EXPECT_FALSE(w.is_date);
  EXPECT_EQ(w.hour, 9);
  EXPECT_EQ(icaltime_day_of_week(w), 2);  // libical: Sunday = 1, Monday = 2
  icalcomponent* monthly = BySummary(events, "[Sở Nội vụ]");
  ASSERT_NE(monthly, nullptr);
  EXPECT_EQ(Prop(monthly, ICAL_RRULE_PROPERTY), "FREQ=MONTHLY");
}

TEST(CalendarTest, UidStableAndSequenceRaisedByStatusChange) {
  Fixture fx;
  const std::vector<TaskView> before = fx.Tasks();
  const std::string first = *ToICalendar(before, {}, At("2023-07-01"));
  const std::string again = *ToICalendar(fx.Tasks(), {}, At("2023-07-02"));
  Component a(icalparser_parse_string(first.c_str())), b(icalparser_parse_string(again.c_str()));
  std::vector<icalcomponent*> ea = Items(a.get(), ICAL_VEVENT_COMPONENT);
  std::vector<icalcomponent*> eb = Items(b.get(), ICAL_VEVENT_COMPONENT);
  ASSERT_EQ(ea.size(), eb.size());
  for (std::size_t i = 0; i < ea.size(); ++i) {
    EXPECT_EQ(Prop(ea[i], ICAL_UID_PROPERTY), Prop(eb[i], ICAL_UID_PROPERTY));
  }
  const TaskView& t = before[0];
  ASSERT_TRUE(registry::MarkDone(*fx.reg, t.task.id, "văn thư", "", At("2021-11-20")).ok());
  const std::string after = *ToICalendar(fx.Tasks(), {}, At("2023-07-03"));
  Component c(icalparser_parse_string(after.c_str()));
  for (icalcomponent* e : Items(c.get(), ICAL_VEVENT_COMPONENT)) {
    if (Prop(e, ICAL_UID_PROPERTY) != Uid(t)) continue;
    EXPECT_EQ(icalcomponent_get_sequence(e), 1);
    EXPECT_EQ(Prop(e, ICAL_SUMMARY_PROPERTY).rfind("✓ ", 0), 0u);
    EXPECT_TRUE(Items(e, ICAL_VALARM_COMPONENT).empty());
  }
}

TEST(CalendarTest, TodoOutputCarriesCompletion) {
  Fixture fx;
  const TaskView t = fx.Tasks()[0];
  ASSERT_TRUE(registry::MarkDone(*fx.reg, t.task.id, "văn thư", "", At("2021-11-20", 10)).ok());
  Options o;
  o.todo = true;
  o.alarm_days_before = {7};
  Component cal(icalparser_parse_string(ToICalendar(fx.Tasks(), o, At("2023-07-01"))->c_str()));
  std::vector<icalcomponent*> todos = Items(cal.get(), ICAL_VTODO_COMPONENT);
  ASSERT_EQ(todos.size(), 21u);
  int completed = 0;
  for (icalcomponent* c : todos) {
    if (icalcomponent_get_status(c) == ICAL_STATUS_COMPLETED) {
      ++completed;
      EXPECT_EQ(Prop(c, ICAL_COMPLETED_PROPERTY), "20211120T030000Z");
    } else {
      EXPECT_EQ(icalcomponent_get_status(c), ICAL_STATUS_NEEDSACTION);
      ASSERT_EQ(Items(c, ICAL_VALARM_COMPONENT).size(), 1u);
      EXPECT_EQ(Prop(Items(c, ICAL_VALARM_COMPONENT)[0], ICAL_TRIGGER_PROPERTY), "-P1W"  /* libical writes 7 days as one week */);
    }
  }
  EXPECT_EQ(completed, 1);
}

// Dates and times that are not yyyy-mm-dd / HH:MM (a registry edited by hand, or by an older
// congvan) cost neither the calendar nor the process: a date like that leaves the task out, a
// time like that makes its event all-day. A five-character date used to throw out_of_range.
TEST(CalendarTest, MalformedDatesAndTimesAreLeftOut) {
  Fixture fx;
  std::vector<TaskView> tasks = fx.Tasks();
  ASSERT_GE(tasks.size(), 3u);
  tasks.resize(3);
  tasks[0].task.due_date = "20233";
  tasks[0].task.recurrence.clear();
  tasks[1].task.due_date = "2023-06-30";
  tasks[1].task.due_time = "9";
  tasks[1].task.recurrence.clear();
  tasks[2].task.due_date = "2023-02-30";
  tasks[2].task.recurrence.clear();
  Result<std::string> ics = ToICalendar(tasks, Options(), At("2023-07-01"));
  ASSERT_TRUE(ics.ok()) << ics.status().ToString();
  Component cal(icalparser_parse_string(ics->c_str()));
  ASSERT_NE(cal, nullptr);
  std::vector<icalcomponent*> events = Items(cal.get(), ICAL_VEVENT_COMPONENT);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(Prop(events[0], ICAL_DTSTART_PROPERTY), "20230630");  // all-day
}

// With the pages' address configured, every event links to its letter's page (one URL per
// event, RFC 5545); without it, to the original file as before.
TEST(CalendarTest, EventsLinkToTheLetterPageWhenTheAddressIsKnown) {
  Fixture fx;
  const std::vector<TaskView> tasks = fx.Tasks();
  ASSERT_FALSE(tasks.empty());
  Options options;
  options.letter_url_base = "https://congvan.example.vn/";
  Result<std::string> ics = ToICalendar(tasks, options, At("2023-07-01"));
  ASSERT_TRUE(ics.ok()) << ics.status().message();
  Component cal(icalparser_parse_string(ics->c_str()));
  ASSERT_NE(cal, nullptr);
  const std::vector<icalcomponent*> events = Items(cal.get(), ICAL_VEVENT_COMPONENT);
  ASSERT_FALSE(events.empty());
  std::set<std::string> urls;
  for (icalcomponent* e : events) {
    EXPECT_EQ(icalcomponent_count_properties(e, ICAL_URL_PROPERTY), 1);
    const std::string url = Prop(e, ICAL_URL_PROPERTY);
    EXPECT_EQ(url.rfind("https://congvan.example.vn/documents/", 0), 0u) << url;
    urls.insert(url);
  }
  std::set<std::string> expected;
  for (const TaskView& v : tasks) {
    if (!v.task.due_date.empty() || !v.task.recurrence.empty()) {
      expected.insert("https://congvan.example.vn/documents/" + std::to_string(v.document_id));
    }
  }
  EXPECT_EQ(urls, expected);
  EXPECT_EQ(LetterUrl("https://a.vn///", tasks.front()),
            "https://a.vn/documents/" + std::to_string(tasks.front().document_id));

  Result<std::string> plain = ToICalendar(tasks, Options{}, At("2023-07-01"));
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->find("/documents/"), std::string::npos);
}

TEST(CalendarTest, PythonIcalendarReadsTheSameFile) {
  Fixture fx;
  TempDir tmp;
  const auto path = tmp / "han.ics";
  congvan::testing::WriteFile(path, *ToICalendar(fx.Tasks(), {}, At("2023-07-01")));
  // /usr/bin/python3: Debian's python3-icalendar, not whatever python3 is first on PATH.
  const std::string script =
      "import json,sys\n"
      "from icalendar import Calendar\n"
      "cal = Calendar.from_ical(open(sys.argv[1], 'rb').read())\n"
      "ev = [c for c in cal.walk('VEVENT')]\n"
      "out = {'events': len(ev), 'tz': [str(t['TZID']) for t in cal.walk('VTIMEZONE')],\n"
      "  'alarms': sum(len(e.walk('VALARM')) for e in ev),\n"
      "  'uids': len({str(e['UID']) for e in ev}),\n"
      "  'rrules': sorted(e['RRULE'].to_ical().decode() for e in ev if 'RRULE' in e),\n"
      "  'timed_tz': sorted({str(e['DTSTART'].params.get('TZID')) for e in ev\n"
      "                      if 'TZID' in e['DTSTART'].params}),\n"
      "  'summaries': [str(e['SUMMARY']) for e in ev]}\n"
      "print(json.dumps(out, ensure_ascii=False))\n";
  congvan::testing::WriteFile(tmp / "read.py", script);
  congvan::testing::CommandResult r = congvan::testing::RunCommand(
      "/usr/bin/python3 " + (tmp / "read.py").string() + " " + path.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["events"], 21);
  EXPECT_EQ(j["uids"], 21);
  EXPECT_EQ(j["alarms"], 42);
  EXPECT_EQ(j["tz"], nlohmann::json::array({"Asia/Ho_Chi_Minh"}));
  EXPECT_EQ(j["rrules"], nlohmann::json::array({"FREQ=MONTHLY", "FREQ=WEEKLY;BYDAY=MO"}));
  EXPECT_EQ(j["timed_tz"], nlohmann::json::array({"Asia/Ho_Chi_Minh"}));
  bool found = false;
  for (const auto& s : j["summaries"]) {
    found |= s.get<std::string>().find("[Phòng Lao động, Thương binh và Xã hội huyện]") == 0;
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace congvan::calendar
