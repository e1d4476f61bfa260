#include "extract/rules.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace congvan::extract {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// "INPUT => a=1 | b=2": the expected groups of an example line.
RuleExample ParseExample(std::string_view body, bool must_match, int line) {
  RuleExample ex;
  ex.must_match = must_match;
  ex.line = line;
  size_t arrow = body.find(" => ");
  ex.input = std::string(Trim(body.substr(0, arrow)));
  // "…" in straight double quotes keeps the spaces inside: example: " Giao Ban …" (a lost bullet).
  if (ex.input.size() >= 2 && ex.input.front() == '"' && ex.input.back() == '"') {
    ex.input = ex.input.substr(1, ex.input.size() - 2);
  }
  if (arrow == std::string_view::npos) return ex;
  std::string_view rest = body.substr(arrow + 4);
  while (true) {
    size_t bar = rest.find(" | ");
    std::string_view item = Trim(rest.substr(0, bar));
    size_t eq = item.find('=');
    if (eq == std::string_view::npos) {
      ex.expected.emplace_back("", std::string(item));
    } else {
      ex.expected.emplace_back(std::string(Trim(item.substr(0, eq))),
                               std::string(Trim(item.substr(eq + 1))));
    }
    if (bar == std::string_view::npos) break;
    rest = rest.substr(bar + 3);
  }
  return ex;
}

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

}  // namespace

// --- Match ---

std::string_view Match::Group(std::string_view name) const {
  int i = pattern_ == nullptr ? -1 : pattern_->GroupIndex(name);
  if (i < 0 || static_cast<size_t>(i) >= spans_.size()) return {};
  return spans_[i];
}

bool Match::Has(std::string_view name) const {
  int i = pattern_ == nullptr ? -1 : pattern_->GroupIndex(name);
  return i >= 0 && static_cast<size_t>(i) < spans_.size() && spans_[i].data() != nullptr;
}

// --- Pattern ---

Pattern::Pattern(std::string family, std::string file, int line, bool folded,
                 std::unique_ptr<re2::RE2> re)
    : family_(std::move(family)), file_(std::move(file)), line_(line), folded_(folded),
      re_(std::move(re)) {
  for (const auto& [name, index] : re_->NamedCapturingGroups()) groups_[name] = index;
}

Pattern::~Pattern() = default;

const std::string& Pattern::source() const { return re_->pattern(); }

int Pattern::GroupIndex(std::string_view name) const {
  auto it = groups_.find(name);
  return it == groups_.end() ? -1 : it->second;
}

bool Pattern::Find(std::string_view original, Match* m) const {
  if (!folded_) return Find(original, Folded{}, m);
  return Find(original, Fold(original), m);
}

bool Pattern::Find(std::string_view original, const Folded& folded, Match* m) const {
  const int n = 1 + re_->NumberOfCapturingGroups();
  // Small fixed buffer: the rules have few groups, and this runs for every header line.
  re2::StringPiece pieces[16];
  if (n > 16) return false;
  const std::string_view text = folded_ ? std::string_view(folded.text) : original;
  re2::StringPiece input(text.data(), text.size());
  if (!re_->Match(input, 0, input.size(), re2::RE2::UNANCHORED, pieces, n)) return false;
  m->pattern_ = this;
  m->spans_.assign(n, std::string_view());
  for (int i = 0; i < n; ++i) {
    if (pieces[i].data() == nullptr) continue;
    size_t b = pieces[i].data() - text.data(), e = b + pieces[i].size();
    if (folded_) {
      b = folded.OriginBegin(b);
      e = folded.OriginEnd(e);
    }
    m->spans_[i] = original.substr(b, e - b);
    if (i == 0) {
      m->begin_ = b;
      m->end_ = e;
    }
  }
  return true;
}

std::vector<Match> Pattern::FindAll(std::string_view original, const Folded& folded) const {
  std::vector<Match> out;
  const int n = 1 + re_->NumberOfCapturingGroups();
  re2::StringPiece pieces[16];
  if (n > 16) return out;
  const std::string_view text = folded_ ? std::string_view(folded.text) : original;
  re2::StringPiece input(text.data(), text.size());
  size_t pos = 0;
  while (pos <= text.size() &&
         re_->Match(input, pos, input.size(), re2::RE2::UNANCHORED, pieces, n)) {
    Match m;
    m.pattern_ = this;
    m.spans_.assign(n, std::string_view());
    for (int i = 0; i < n; ++i) {
      if (pieces[i].data() == nullptr) continue;
      size_t b = pieces[i].data() - text.data(), e = b + pieces[i].size();
      if (folded_) {
        b = folded.OriginBegin(b);
        e = folded.OriginEnd(e);
      }
      m.spans_[i] = original.substr(b, e - b);
      if (i == 0) {
        m.begin_ = b;
        m.end_ = e;
      }
    }
    out.push_back(std::move(m));
    const size_t end = pieces[0].data() - text.data() + pieces[0].size();
    pos = end > pos ? end : pos + 1;  // an empty match must still move on
  }
  return out;
}

// --- RuleSet ---

struct RuleSet::Screen {
  struct Side {
    std::unique_ptr<re2::RE2::Set> set;
    std::vector<size_t> member;  // set index → index in the family
  };
  Side original, folded;
};

RuleSet::RuleSet() = default;
RuleSet::~RuleSet() = default;

void RuleSet::BuildScreens() {
  screens_.clear();
  for (const auto& [family, patterns] : families_) {
    if (patterns.size() < 2) continue;
    auto screen = std::make_unique<Screen>();
    bool ok = true;
    for (size_t i = 0; i < patterns.size() && ok; ++i) {
      Screen::Side& side = patterns[i]->folded() ? screen->folded : screen->original;
      if (!side.set) {
        re2::RE2::Options options;
        options.set_log_errors(false);
        side.set = std::make_unique<re2::RE2::Set>(options, re2::RE2::UNANCHORED);
      }
      ok = side.set->Add(patterns[i]->source(), nullptr) >= 0;
      side.member.push_back(i);
    }
    for (Screen::Side* side : {&screen->original, &screen->folded}) {
      if (side->set && !side->set->Compile()) ok = false;
    }
    if (ok) screens_.emplace(family, std::move(screen));  // else: every pattern is tried
  }
}

std::vector<const Pattern*> RuleSet::Candidates(std::string_view family, std::string_view original,
                                                const Folded& folded) const {
  const std::vector<const Pattern*>& patterns = Family(family);
  auto it = screens_.find(family);
  if (it == screens_.end()) return patterns;
  std::vector<bool> hit(patterns.size(), false);
  std::vector<int> found;
  const Screen& screen = *it->second;
  for (const auto& [side, text] : {std::pair{&screen.original, original},
                                   std::pair{&screen.folded, std::string_view(folded.text)}}) {
    if (!side->set) continue;
    found.clear();
    re2::RE2::Set::ErrorInfo error;
    if (!side->set->Match(re2::StringPiece(text.data(), text.size()), &found, &error) &&
        error.kind != re2::RE2::Set::kNoError) {
      return patterns;  // the set ran out of memory: let every pattern decide
    }
    for (int k : found) hit[side->member[k]] = true;
  }
  std::vector<const Pattern*> out;
  for (size_t i = 0; i < patterns.size(); ++i) {
    if (hit[i]) out.push_back(patterns[i]);
  }
  return out;
}

Result<std::unique_ptr<RuleSet>> RuleSet::Load(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::NotFound("rules folder not found: " + dir);
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".rules") files.push_back(entry.path());
  }
  if (ec) return Status::IoError("cannot list " + dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  if (files.empty()) return Status::NotFound("no *.rules file in " + dir);
  auto rules = std::make_unique<RuleSet>();
  for (const fs::path& path : files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::IoError("cannot read " + path.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    CONGVAN_RETURN_IF_ERROR(rules->AddFile(path.string(), ss.str()));
  }
  rules->BuildScreens();
  return rules;
}

Status RuleSet::AddPattern(const std::string& file, int line, const std::string& family,
                           bool folded, const std::string& re) {
  re2::RE2::Options options;
  options.set_log_errors(false);
  auto compiled = std::make_unique<re2::RE2>(re, options);
  if (!compiled->ok()) {
    return Status::InvalidInput(file + ":" + std::to_string(line) + ": pattern " + family +
                                ": " + compiled->error());
  }
  if (compiled->NumberOfCapturingGroups() >= 16) {
    return Status::InvalidInput(file + ":" + std::to_string(line) + ": too many groups");
  }
  patterns_.push_back(
      std::make_unique<Pattern>(family, file, line, folded, std::move(compiled)));
  screens_.clear();  // rebuilt by Load; a RuleSet filled by AddFile alone tries every pattern
  families_[family].push_back(patterns_.back().get());
  return Status::Ok();
}

Status RuleSet::AddFile(const std::string& file, std::string_view text) {
  enum class Kind { kNone, kPattern, kList } kind = Kind::kNone;
  std::string name;
  bool folded = false;
  std::vector<RuleExample> examples;  // of the pattern being read
  std::string re;
  int re_line = 0, section_line = 0;
  auto where = [&](int line) { return file + ":" + std::to_string(line) + ": "; };

  // Closes the open [pattern] section: compile its RE and attach its examples.
  auto close = [&]() -> Status {
    if (kind != Kind::kPattern) return Status::Ok();
    if (re.empty()) return Status::InvalidInput(where(section_line) + "pattern " + name + " has no re:");
    CONGVAN_RETURN_IF_ERROR(AddPattern(file, re_line, name, folded, re));
    patterns_.back()->examples() = std::move(examples);
    examples.clear();
    re.clear();
    return Status::Ok();
  };

  int line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view raw = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    std::string_view line = Trim(raw);
    if (line.empty() || line.front() == '#') continue;
    if (line.front() == '[') {
      CONGVAN_RETURN_IF_ERROR(close());
      if (line.back() != ']') return Status::InvalidInput(where(line_no) + "unclosed [");
      std::string_view head = Trim(line.substr(1, line.size() - 2));
      size_t sp = head.find(' ');
      std::string_view what = head.substr(0, sp);
      name = sp == std::string_view::npos ? "" : std::string(Trim(head.substr(sp + 1)));
      if (name.empty()) return Status::InvalidInput(where(line_no) + "section without a name");
      section_line = line_no;
      folded = false;
      if (what == "pattern") {
        kind = Kind::kPattern;
      } else if (what == "list") {
        kind = Kind::kList;
        lists_[name];  // an empty list is still a list
      } else {
        return Status::InvalidInput(where(line_no) + "unknown section " + Quote(what));
      }
      continue;
    }
    if (kind == Kind::kList) {
      size_t eq = line.find(" = ");
      std::string key(Trim(line.substr(0, eq)));
      std::string value = eq == std::string_view::npos ? key : std::string(Trim(line.substr(eq + 3)));
      lists_[name].emplace_back(key, value);
      index_[name].emplace(key, value);
      first_words_[name].emplace(key.substr(0, key.find(' ')), "");
      size_t& longest = longest_key_words_[name];
      longest = std::max<size_t>(longest, 1 + std::count(key.begin(), key.end(), ' '));
      const std::string folded_key = FoldText(key);
      folded_[name].emplace(folded_key, value);
      std::string collapsed, squeezed;
      for (char c : folded_key) {
        if (c == ' ' && (collapsed.empty() || collapsed.back() == ' ')) continue;
        collapsed.push_back(c);
        if (c != ' ') squeezed.push_back(c);
      }
      while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
      folded_lists_[name].emplace_back(std::move(collapsed), value);
      squeezed_lists_[name].emplace_back(std::move(squeezed), value);
      continue;
    }
    if (kind != Kind::kPattern) return Status::InvalidInput(where(line_no) + "text outside a section");
    if (StartsWith(line, "re:")) {
      if (!re.empty()) return Status::InvalidInput(where(line_no) + "second re: in one pattern");
      re = std::string(Trim(line.substr(3)));
      re_line = line_no;
    } else if (StartsWith(line, "on:")) {
      std::string_view on = Trim(line.substr(3));
      if (on != "folded" && on != "original") {
        return Status::InvalidInput(where(line_no) + "on: must be folded or original");
      }
      folded = on == "folded";
    } else if (StartsWith(line, "example:")) {
      examples.push_back(ParseExample(Trim(line.substr(8)), true, line_no));
    } else if (StartsWith(line, "nomatch:")) {
      examples.push_back(ParseExample(Trim(line.substr(8)), false, line_no));
    } else {
      return Status::InvalidInput(where(line_no) + "unknown key in " + Quote(line));
    }
  }
  return close();
}

const std::vector<const Pattern*>& RuleSet::Family(std::string_view family) const {
  static const std::vector<const Pattern*> kNone;
  auto it = families_.find(family);
  return it == families_.end() ? kNone : it->second;
}

const Pattern* RuleSet::FindFirst(std::string_view family, std::string_view original,
                                  const Folded& folded, Match* m) const {
  if (screens_.find(family) == screens_.end()) {  // one pattern: no screening to do
    for (const Pattern* p : Family(family)) {
      if (p->Find(original, folded, m)) return p;
    }
    return nullptr;
  }
  for (const Pattern* p : Candidates(family, original, folded)) {
    if (p->Find(original, folded, m)) return p;
  }
  return nullptr;
}

const std::vector<std::pair<std::string, std::string>>& RuleSet::List(std::string_view name) const {
  static const std::vector<std::pair<std::string, std::string>> kNone;
  auto it = lists_.find(name);
  return it == lists_.end() ? kNone : it->second;
}

const std::vector<std::pair<std::string, std::string>>& RuleSet::FoldedList(std::string_view name,
                                                                            bool squeezed) const {
  static const std::vector<std::pair<std::string, std::string>> kNone;
  const auto& lists = squeezed ? squeezed_lists_ : folded_lists_;
  auto it = lists.find(name);
  return it == lists.end() ? kNone : it->second;
}

const std::string* RuleSet::Lookup(std::string_view name, std::string_view key) const {
  auto it = index_.find(name);
  if (it == index_.end()) return nullptr;
  auto jt = it->second.find(key);
  return jt == it->second.end() ? nullptr : &jt->second;
}

const std::string* RuleSet::LookupFolded(std::string_view name,
                                         std::string_view folded_key) const {
  auto it = folded_.find(name);
  if (it == folded_.end()) return nullptr;
  auto jt = it->second.find(folded_key);
  return jt == it->second.end() ? nullptr : &jt->second;
}

std::vector<const Pattern*> RuleSet::AllPatterns() const {
  std::vector<const Pattern*> out;
  for (const auto& p : patterns_) out.push_back(p.get());
  return out;
}

std::vector<std::string> RuleSet::FailedExamples() const {
  std::vector<std::string> failures;
  for (const auto& p : patterns_) {
    for (const RuleExample& ex : p->examples()) {
      Match m;
      const std::string at = p->where() + " (example line " + std::to_string(ex.line) + ") " +
                             p->family() + " on " + Quote(ex.input) + ": ";
      bool found = p->Find(ex.input, &m);
      if (!ex.must_match) {
        if (found) failures.push_back(at + "matched " + Quote(m.whole()) + " but must not");
        continue;
      }
      if (!found) {
        failures.push_back(at + "no match");
        continue;
      }
      for (const auto& [group, want] : ex.expected) {
        std::string_view got;
        if (group.empty()) {
          got = p->GroupIndex("value") >= 0 ? m.Group("value") : m.whole();
        } else if (p->GroupIndex(group) < 0) {
          failures.push_back(at + "no group named " + group);
          continue;
        } else {
          got = m.Group(group);
        }
        if (got != want) {
          failures.push_back(at + group + " is " + Quote(got) + ", expected " + Quote(want));
        }
      }
    }
  }
  return failures;
}

}  // namespace congvan::extract
