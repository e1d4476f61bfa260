#include "repair/lexicon.h"

#include <algorithm>

#include "repair/channel.h"
#include "repair/vn_text.h"

namespace congvan::repair {
namespace {

bool IsStripPunct(char32_t c) {
  static constexpr std::u32string_view kPunct = U".,;:!?()[]{}\"'“”‘’«»…*-–—·•<>";
  return kPunct.find(c) != std::u32string_view::npos;
}

// Every string reachable from `s` by deleting up to `depth` characters (s itself included).
void Deletes(const std::u32string& s, int depth, std::vector<std::u32string>& out) {
  out.push_back(s);
  if (depth == 0 || s.size() <= 1) return;
  for (size_t i = 0; i < s.size(); ++i) {
    std::u32string d = s.substr(0, i) + s.substr(i + 1);
    Deletes(d, depth - 1, out);
  }
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
    if (vn::IsDigit(c)) digit = true;
    else if (vn::IsLetter(c)) letter = true;
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
    lex.texts32_.push_back(vn::ToU32(t));
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
  // Skeleton index of every word entry (abbreviations too), for SameSkeleton().
  for (size_t i = kFirstWordId; i < n; ++i) {
    const std::u32string& t = lex.texts32_[i];
    if (std::any_of(t.begin(), t.end(), vn::IsDigit)) continue;
    lex.folded_[vn::Fold(t)].push_back(static_cast<uint32_t>(i));
  }
  // Skeleton index for candidate generation.
  std::unordered_map<std::u32string, uint32_t> skeleton_ids;
  std::vector<std::u32string> dels;
  for (size_t i = kFirstWordId; i < n; ++i) {
    if (!lex.IsSyllable(i)) continue;
    ++lex.syllable_count_;
    std::u32string sk = vn::Fold(lex.texts32_[i]);
    auto [it, fresh] = skeleton_ids.emplace(sk, static_cast<uint32_t>(skeleton_ids.size()));
    if (fresh) {
      lex.skeleton_members_.emplace_back();
      dels.clear();
      Deletes(sk, DeleteDepth(sk.size()), dels);
      std::sort(dels.begin(), dels.end());
      dels.erase(std::unique(dels.begin(), dels.end()), dels.end());
      for (const auto& d : dels) lex.deletes_[d].push_back(it->second);
    }
    lex.skeleton_members_[it->second].push_back(static_cast<uint32_t>(i));
  }
  return lex;
}

uint32_t Lexicon::Find(std::string_view lower) const {
  auto it = ids_.find(lower);
  return it == ids_.end() ? kUnk : it->second;
}

void Lexicon::SameSkeleton(std::u32string_view observed_lower, std::vector<uint32_t>& out) const {
  out.clear();
  auto it = folded_.find(vn::Fold(observed_lower));
  if (it == folded_.end()) return;
  for (uint32_t id : it->second)
    if (texts32_[id] != observed_lower) out.push_back(id);
}

void Lexicon::Candidates(std::u32string_view observed_lower, std::vector<uint32_t>& out) const {
  out.clear();
  std::u32string sk = vn::Fold(observed_lower);
  for (char32_t& c : sk)
    if (char32_t l = LookalikeLetter(c)) c = l;
  if (sk.empty() || sk.size() > 12) return;
  std::vector<std::u32string> dels;
  Deletes(sk, DeleteDepth(sk.size()), dels);
  std::vector<uint32_t> skeletons;
  for (const auto& d : dels) {
    auto it = deletes_.find(d);
    if (it != deletes_.end()) skeletons.insert(skeletons.end(), it->second.begin(), it->second.end());
  }
  std::sort(skeletons.begin(), skeletons.end());
  skeletons.erase(std::unique(skeletons.begin(), skeletons.end()), skeletons.end());
  for (uint32_t s : skeletons)
    out.insert(out.end(), skeleton_members_[s].begin(), skeleton_members_[s].end());
}

}  // namespace congvan::repair
