#include "repair/lexicon.h"

#include <algorithm>
#include <bit>
#include <map>

#include "repair/channel.h"
#include "text/letters.h"
#include "text/utf8.h"

namespace congvan::repair {
namespace {

bool IsStripPunct(char32_t c) {
  static constexpr std::u32string_view kPunct = U".,;:!?()[]{}\"'“”‘’«»…*-–—·•<>";
  return kPunct.find(c) != std::u32string_view::npos;
}

// A skeleton of at most 12 letters a-z packed 5 bits a letter, or 0 when `s` has another
// character (no skeleton of the lexicon has, so nothing could match).
uint64_t DeleteKey(const char32_t* s, size_t n) {
  if (n == 0 || n > 12) return 0;
  uint64_t key = 0;
  for (size_t i = 0; i < n; ++i) {
    if (s[i] < U'a' || s[i] > U'z') return 0;
    key = (key << 5) | (s[i] - U'a' + 1);
  }
  return key;
}

// The keys of every string reachable from `s` by deleting up to `depth` (0-2) characters, `s`
// itself included; sorted, without repeats.
void DeleteKeys(std::u32string_view s, int depth, std::vector<uint64_t>& out) {
  out.clear();
  char32_t buf[12];
  const size_t n = s.size();
  if (n > 12) return;
  auto add = [&](size_t skip1, size_t skip2) {
    size_t k = 0;
    for (size_t i = 0; i < n; ++i)
      if (i != skip1 && i != skip2) buf[k++] = s[i];
    if (uint64_t key = DeleteKey(buf, k)) out.push_back(key);
  };
  add(n, n);
  if (depth >= 1 && n > 1)
    for (size_t i = 0; i < n; ++i) add(i, n);
  if (depth >= 2 && n > 2)
    for (size_t i = 0; i < n; ++i)
      for (size_t j = i + 1; j < n; ++j) add(i, j);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

// Up to two deletions, but never so many that fewer than one character is left: a one-letter
// key would match half the lexicon.
int DeleteDepth(size_t len) { return len >= 4 ? 2 : (len >= 2 ? 1 : 0); }

}  // namespace

ChunkParts SplitChunk(std::u32string_view chunk) {
  ChunkParts p;
  size_t b = 0, e = chunk.size();
  while (b < e && IsStripPunct(chunk[b])) ++b;
  while (e > b && IsStripPunct(chunk[e - 1])) --e;
  p.core_begin = b;
  p.core_end = e;
  bool digit = false, letter = false, slash = false, sign = false;
  for (size_t i = b; i < e; ++i) {
    char32_t c = chunk[i];
    if (text::IsDigit(c)) digit = true;
    else if (text::IsLetter(c)) letter = true;
    else if (c == U'¢' || c == U'&' || c == U'§') sign = true;
    if (c == '/' || c == '-' || c == U'–' || c == '_' || c == '.' || c == '@') slash = true;
  }
  // A sign beside a digit or letter is an OCR'd letter: "1¢" and "1&" are "lệ", no number.
  if (sign && (digit || letter) && e - b <= 6) letter = true;
  if (slash) p.kind = letter ? TokenKind::kCode : TokenKind::kNumber;
  else if (digit && !letter) p.kind = TokenKind::kNumber;
  else p.kind = TokenKind::kWord;
  return p;
}

void PackStrings(const std::vector<std::string>& strings, std::vector<uint32_t>& offsets,
                 std::string& blob) {
  offsets.clear();
  blob.clear();
  offsets.push_back(0);
  for (const std::string& s : strings) {
    blob += s;
    offsets.push_back(static_cast<uint32_t>(blob.size()));
  }
}

Result<Lexicon> Lexicon::FromModel(const ModelFile& file) {
  Lexicon lex;
  auto offsets = file.Array<uint32_t>(kVocabOffsets);
  auto blob = file.Section(kVocabBlob);
  auto flags = file.Array<uint8_t>(kVocabFlags);
  auto alias_offsets = file.Array<uint32_t>(kAliasOffsets);
  auto alias_blob = file.Section(kAliasBlob);
  auto alias_targets = file.Array<uint32_t>(kAliasTargets);
  for (const Status& s : {offsets.status(), blob.status(), flags.status(), alias_offsets.status(),
                          alias_blob.status(), alias_targets.status()})
    if (!s.ok()) return s;
  size_t n = offsets->empty() ? 0 : offsets->size() - 1;
  if (n < kFirstWordId || flags->size() != n)
    return Status::InvalidInput("repair model vocabulary is inconsistent");
  lex.flags_ = *flags;
  lex.texts_.reserve(n);
  lex.texts32_.reserve(n);
  lex.ids_.reserve(n * 2);
  for (size_t i = 0; i < n; ++i) {
    uint32_t b = (*offsets)[i], e = (*offsets)[i + 1];
    if (b > e || e > blob->size()) return Status::InvalidInput("repair model vocabulary is cut");
    std::string_view t = blob->substr(b, e - b);
    lex.texts_.push_back(t);
    lex.texts32_.push_back(text::ToU32(t));
    lex.symbols_.push_back(ChannelModel::Symbols(lex.texts32_.back()));
    lex.ids_.emplace(t, static_cast<uint32_t>(i));
  }
  size_t na = alias_offsets->empty() ? 0 : alias_offsets->size() - 1;
  if (alias_targets->size() != na) return Status::InvalidInput("repair model aliases broken");
  for (size_t i = 0; i < na; ++i) {
    uint32_t b = (*alias_offsets)[i], e = (*alias_offsets)[i + 1];
    if (b > e || e > alias_blob->size() || (*alias_targets)[i] >= n)
      return Status::InvalidInput("repair model aliases broken");
    lex.ids_.emplace(alias_blob->substr(b, e - b), (*alias_targets)[i]);
  }
  // Capitalised runs of document codes: an optional section (older files have none).
  auto run_offsets = file.Array<uint32_t>(kCodeRunOffsets);
  auto run_blob = file.Section(kCodeRunBlob);
  auto run_counts = file.Array<uint32_t>(kCodeRunCounts);
  if (run_offsets.ok() && run_blob.ok() && run_counts.ok()) {
    size_t nr = run_offsets->empty() ? 0 : run_offsets->size() - 1;
    if (run_counts->size() != nr) return Status::InvalidInput("repair model code runs broken");
    for (size_t i = 0; i < nr; ++i) {
      uint32_t b = (*run_offsets)[i], e = (*run_offsets)[i + 1];
      if (b > e || e > run_blob->size()) return Status::InvalidInput("repair model code runs broken");
      lex.code_runs_.emplace(run_blob->substr(b, e - b), (*run_counts)[i]);
    }
  }
  // Skeleton index of every word entry (abbreviations too), for SameSkeleton().
  for (size_t i = kFirstWordId; i < n; ++i) {
    const std::u32string& t = lex.texts32_[i];
    if (std::any_of(t.begin(), t.end(), text::IsDigit)) continue;
    lex.folded_[text::StripMarks(t)].push_back(static_cast<uint32_t>(i));
  }
  // Skeleton index for candidate generation, numbered in the code-point order of the skeletons
  // and each group sorted, so that Candidates() lists neighbours with common prefixes together.
  std::map<std::u32string, std::vector<uint32_t>> groups;
  for (size_t i = kFirstWordId; i < n; ++i) {
    if (!lex.IsSyllable(i) || lex.texts32_[i].size() > kMaxSyllableLength) continue;
    ++lex.syllable_count_;
    groups[text::StripMarks(lex.texts32_[i])].push_back(static_cast<uint32_t>(i));
  }
  std::vector<uint64_t> keys;
  for (auto& [sk, members] : groups) {
    auto skeleton = static_cast<uint32_t>(lex.skeleton_begin_.size());
    lex.skeleton_begin_.push_back(static_cast<uint32_t>(lex.records_.size()));
    lex.skeleton_symbols_.push_back(ChannelModel::Symbols(sk));
    std::sort(members.begin(), members.end(),
              [&lex](uint32_t a, uint32_t b) { return lex.texts32_[a] < lex.texts32_[b]; });
    for (uint32_t id : members) {
      SyllableRecord r{};
      r.id = id;
      r.size = static_cast<uint32_t>(lex.texts32_[id].size());
      std::copy(lex.texts32_[id].begin(), lex.texts32_[id].end(), r.text);
      std::copy(lex.symbols_[id].begin(), lex.symbols_[id].end(), r.symbols);
      lex.records_.push_back(r);
    }
    DeleteKeys(sk, DeleteDepth(sk.size()), keys);
    for (uint64_t key : keys) lex.deletes_[key].push_back(skeleton);
  }
  lex.skeleton_begin_.push_back(static_cast<uint32_t>(lex.records_.size()));
  return lex;
}

uint32_t Lexicon::Find(std::string_view lower) const {
  auto it = ids_.find(lower);
  return it == ids_.end() ? kUnk : it->second;
}

void Lexicon::SameSkeleton(std::u32string_view observed_lower, std::vector<uint32_t>& out) const {
  out.clear();
  auto it = folded_.find(text::StripMarks(observed_lower));
  if (it == folded_.end()) return;
  for (uint32_t id : it->second)
    if (texts32_[id] != observed_lower) out.push_back(id);
}

void Lexicon::CandidateGroups(std::u32string_view observed_lower,
                              std::vector<SkeletonGroup>& out) const {
  out.clear();
  std::u32string sk = text::StripMarks(observed_lower);
  for (char32_t& c : sk)
    if (char32_t l = LookalikeLetter(c)) c = l;
  if (sk.empty() || sk.size() > 12) return;
  std::vector<uint64_t> keys;
  DeleteKeys(sk, DeleteDepth(sk.size()), keys);
  // A bit per skeleton: found through several keys, listed once, in skeleton order.
  std::vector<uint64_t> found((skeleton_symbols_.size() + 63) / 64, 0);
  for (uint64_t key : keys) {
    auto it = deletes_.find(key);
    if (it == deletes_.end()) continue;
    for (uint32_t s : it->second) found[s / 64] |= uint64_t{1} << (s % 64);
  }
  for (size_t w = 0; w < found.size(); ++w)
    for (uint64_t bits = found[w]; bits != 0; bits &= bits - 1) {
      size_t s = w * 64 + static_cast<size_t>(std::countr_zero(bits));
      out.push_back({skeleton_symbols_[s], {records_.data() + skeleton_begin_[s],
                                            skeleton_begin_[s + 1] - skeleton_begin_[s]}});
    }
}

void Lexicon::Candidates(std::u32string_view observed_lower, std::vector<uint32_t>& out) const {
  out.clear();
  std::vector<SkeletonGroup> groups;
  CandidateGroups(observed_lower, groups);
  for (const SkeletonGroup& group : groups)
    for (const SyllableRecord& r : group.members) out.push_back(r.id);
}

}  // namespace congvan::repair
