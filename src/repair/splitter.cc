#include "repair/splitter.h"

#include <algorithm>
#include <limits>

#include "text/letters.h"
#include "text/syllable.h"
#include "text/utf8.h"

namespace congvan::repair {
namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

// The channel aligns at most a syllable and a few stray characters; a longer part is junk.
constexpr size_t kMaxPartLength = 10;

bool AllDigits(std::u32string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char32_t c) { return text::IsDigit(c); });
}

// Signs an English-model OCR reads for letters ("1¢" for "lệ"); they may sit inside a token.
bool IsLetterSign(char32_t c) { return c == U'¢' || c == U'&' || c == U'§' || c == U'€'; }

// One way to cut a token: the ends of its parts, and how promising it looks before the LM.
struct Cut {
  float rank;                // sum over the parts of (best channel - log unigram)
  std::vector<size_t> ends;  // the last is the token's length
  bool around_number;        // the three parts around a number of two or more digits
};

}  // namespace

Splitter::Splitter(const Decoder& decoder, const Lexicon& lexicon, const LanguageModel& lm,
                   const ChannelModel& channel, const CandidateTable& table,
                   const DecoderOptions& options, SplitOptions split)
    : decoder_(decoder),
      lexicon_(lexicon),
      lm_(lm),
      channel_(channel),
      table_(table),
      options_(options),
      split_(split) {}

bool Splitter::Eligible(std::u32string_view token, uint32_t id) const {
  if (id != kUnk || token.size() < split_.min_length || token.size() > split_.max_length)
    return false;
  bool digit = false;
  size_t letters = 0;
  for (char32_t c : token) {
    if (text::IsDigit(c)) digit = true;
    else if (text::IsLetter(c)) ++letters;
    else if (!IsLetterSign(c)) return false;
  }
  if (letters < 2 * split_.min_part) return false;
  // Capitals with digits are codes ("COVID19", "H5N1"); short capitals are abbreviations the
  // corpus does not know (THCBKS, ĐKQSDĐ), which the decoder keeps cheaply as they are.
  if (text::ShapeOf(token) == text::CaseShape::kUpper && (digit || token.size() <= 6)) return false;
  return !text::IsVietnameseSyllable(text::ToU8(token));
}

float Splitter::BestSyllableChannel(const Lexicon& lexicon, const std::vector<Candidate>& cands) {
  float best = kInf;
  for (const Candidate& c : cands)
    if (!c.verbatim && lexicon.IsSyllable(c.id)) best = std::min(best, c.channel);
  return best;
}

bool Splitter::AcceptablePart(std::u32string_view part, const Candidate& c,
                              bool upper_token) const {
  if (c.verbatim) return false;
  if (lexicon_.IsSyllable(c.id)) return true;
  // A known abbreviation glued to a word ("UBNDtinh"), as long as it is written in capitals.
  return !upper_token && c.id >= kFirstWordId && text::ShapeOf(part) == text::CaseShape::kUpper;
}

const std::pair<std::vector<Candidate>, std::vector<Candidate>>& Splitter::PartCandidates(
    std::u32string_view part) {
  std::u32string key(part);
  key.push_back(text::ShapeOf(part) == text::CaseShape::kUpper ? U'U' : U'l');
  auto it = cache_.find(key);
  if (it == cache_.end()) {
    std::vector<Candidate> reserve;
    std::vector<Candidate> list =
        table_.WordCandidates(decoder_, part, true, channel_, options_, &reserve);
    it = cache_.emplace(std::move(key), std::make_pair(std::move(list), std::move(reserve))).first;
  }
  return it->second;
}

std::optional<SplitChoice> Splitter::Best(std::u32string_view token,
                                          const std::vector<Candidate>& whole, uint32_t u,
                                          uint32_t v, const std::vector<uint32_t>& after) {
  // One damaged syllable, not two: a syllable already explains the whole token well.
  if (BestSyllableChannel(lexicon_, whole) <= split_.whole_channel_enough) return std::nullopt;
  const size_t n = token.size();
  const bool upper = text::ShapeOf(token) == text::CaseShape::kUpper;

  // The pre-LM rank of a part, or +inf when it cannot be one.
  auto part_rank = [&](size_t b, size_t e) -> float {
    std::u32string_view part = token.substr(b, e - b);
    if (AllDigits(part)) return 0.0f;  // a number: kept as it is
    if (part.size() < split_.min_part || part.size() > kMaxPartLength) return kInf;
    // In capitals only parts that are syllables as written but for their marks ("VIETNAM"):
    // a capitalised name or abbreviation cut anywhere else is nonsense.
    if (upper && !text::IsVietnameseSyllable(text::ToU8(text::StripMarks(part)))) return kInf;
    float best = kInf;
    for (const Candidate& c : PartCandidates(part).first)
      if (c.channel <= split_.max_part_channel && AcceptablePart(part, c, upper))
        best = std::min(best, c.channel - lm_.UnigramLogProb(c.id));
    return best;
  };

  std::vector<Cut> cuts;
  // Two parts, cut anywhere both are within the channel's reach of a syllable.
  for (size_t j = 1; j < n; ++j) {
    float r = part_rank(0, j);
    if (r == kInf) continue;
    float r2 = part_rank(j, n);
    if (r2 != kInf) cuts.push_back({r + r2, {j, n}, false});
  }
  // Three parts around a number inside letters ("thang11ndm" → "thang" "11" "ndm"). Not around
  // one digit: inside letters that is a letter the OCR misread ("d6i" → "đối", "v6i" → "với").
  for (size_t a = 1; a < n; ++a) {
    if (!text::IsDigit(token[a]) || text::IsDigit(token[a - 1])) continue;
    size_t b = a;
    while (b < n && text::IsDigit(token[b])) ++b;
    if (b == n) break;
    if (b - a < 2) continue;
    float r1 = part_rank(0, a), r3 = r1 == kInf ? kInf : part_rank(b, n);
    if (r3 != kInf) cuts.push_back({r1 + r3, {a, b, n}, true});
  }
  if (cuts.empty()) return std::nullopt;
  // The cut around a number is always scored; the others by promise.
  std::sort(cuts.begin(), cuts.end(), [](const Cut& x, const Cut& y) {
    return x.around_number != y.around_number ? x.around_number : x.rank < y.rank;
  });
  if (cuts.size() > split_.max_tries) cuts.resize(split_.max_tries);

  // The neighbours after the token, fixed: both readings are followed by the same words.
  std::vector<Position> lattice;
  auto add_after = [&]() {
    for (uint32_t id : after) {
      Position p;
      p.candidates.push_back({id, 0.0f, {}});
      lattice.push_back(std::move(p));
    }
  };
  std::vector<uint32_t> chosen;
  lattice.push_back(Position{});
  lattice.back().candidates = whole;
  add_after();
  SplitChoice best;
  best.whole_score = decoder_.BestPath(lattice, u, v, chosen);
  best.whole_best = chosen[0];
  best.split_score = kInf;

  for (const Cut& cut : cuts) {
    std::vector<SplitPart> parts;
    lattice.clear();
    size_t begin = 0;
    for (size_t end : cut.ends) {
      SplitPart part;
      part.begin = begin;
      part.end = end;
      std::u32string_view text = token.substr(begin, end - begin);
      Position p;
      p.word = true;
      if (AllDigits(text)) {
        part.number = true;
        part.candidates.push_back({kNum, 0.0f, {}});
      } else {
        const auto& cands = PartCandidates(text);
        part.candidates = cands.first;
        part.reserve = cands.second;  // cache_ nodes stay where they are
      }
      p.candidates = part.candidates;
      lattice.push_back(std::move(p));
      parts.push_back(std::move(part));
      begin = end;
    }
    add_after();
    float cost = decoder_.BestPath(lattice, u, v, chosen) +
                 (cut.around_number ? split_.number_split_cost
                  : n <= split_.min_length ? split_.short_split_cost
                                            : split_.split_cost);
    if (cost >= best.split_score) continue;
    bool acceptable = true;
    float channel = 0;
    for (size_t k = 0; k < parts.size() && acceptable; ++k) {
      const Candidate& c = parts[k].candidates[chosen[k]];
      channel += c.channel;
      acceptable = parts[k].number ||
                   AcceptablePart(token.substr(parts[k].begin, parts[k].end - parts[k].begin), c,
                                  upper);
    }
    if (!acceptable) continue;
    best.split_score = cost;
    best.split_channel = channel;
    best.parts = std::move(parts);
  }
  if (best.parts.empty() || best.split_score >= best.whole_score) return std::nullopt;
  return best;
}

}  // namespace congvan::repair
