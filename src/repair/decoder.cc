#include "repair/decoder.h"

#include <algorithm>
#include <limits>
#include <tuple>

#include "repair/vn_text.h"

namespace congvan::repair {
namespace {

// Segments are cut at single-candidate positions once this long, which bounds the memory of
// the back-pointer tables whatever the input (10 MB of one token is a long run of segments).
constexpr size_t kSegment = 256;
constexpr size_t kMaxSegment = 2048;

}  // namespace

std::vector<Candidate> Decoder::WordCandidates(std::u32string_view observed, bool open,
                                               const ChannelModel& channel,
                                               const DecoderOptions& options) const {
  std::u32string lower = vn::Lower(observed);
  uint32_t keep_id = lexicon_.Find(vn::ToU8(lower));
  std::vector<Candidate> out;
  bool syllable = lexicon_.IsSyllable(keep_id);
  // Abbreviations the corpus knows (UBND, TTHC, HĐND) are written in capitals and stay as they
  // are; a known lower-case non-syllable ("thuc", unaccented text in the corpus) stays open.
  bool abbreviation = keep_id != kUnk && !syllable && vn::ShapeOf(observed) == vn::CaseShape::kUpper;
  float keep_cost = keep_id == kUnk ? options.keep_unknown_cost
                    : syllable      ? channel.Cost(lexicon_.Text32(keep_id), lower)
                    : abbreviation  ? options.keep_known_cost
                                    : options.keep_known_word_cost;
  out.push_back({keep_id, keep_cost, {}});
  if (!open || abbreviation || lower.size() > 12) return out;
  std::vector<uint32_t> ids;
  lexicon_.Candidates(lower, ids);
  std::vector<std::tuple<float, uint32_t, float>> scored;  // rank, id, channel
  std::string observed_symbols = ChannelModel::Symbols(lower);
  float best = keep_cost;
  for (uint32_t id : ids) {
    if (id == keep_id) continue;
    const std::u32string& t = lexicon_.Text32(id);
    if (t.size() + 3 < lower.size() || lower.size() + 3 < t.size()) continue;
    float c = channel.Cost(lexicon_.Symbols(id), observed_symbols, t, lower, best + options.beam);
    if (c > best + options.beam) continue;
    best = std::min(best, c);
    scored.emplace_back(c - lm_.UnigramLogProb(id), id, c);
  }
  std::sort(scored.begin(), scored.end());
  for (auto& [rank, id, c] : scored) {
    if (out.size() >= options.max_candidates) break;
    if (c > best + options.beam) continue;
    // Far behind the best by channel + unigram: context would have to be overwhelming.
    if (rank > std::get<0>(scored.front()) + options.rank_margin) break;
    out.push_back(Candidate{id, c, lexicon_.Text32(id)});
  }
  return out;
}

std::vector<uint32_t> Decoder::Best(const std::vector<Position>& positions) const {
  std::vector<uint32_t> chosen(positions.size(), 0);
  uint32_t u = kBos, v = kBos;
  size_t begin = 0;
  while (begin < positions.size()) {
    size_t end = begin;
    while (end < positions.size()) {
      ++end;
      size_t len = end - begin;
      if ((len >= kSegment && positions[end - 1].candidates.size() == 1) || len >= kMaxSegment)
        break;
    }
    DecodeSegment(positions, begin, end, u, v, chosen);
    // The next segment starts from the words chosen here.
    u = end - begin >= 2 ? positions[end - 2].candidates[chosen[end - 2]].id : v;
    v = positions[end - 1].candidates[chosen[end - 1]].id;
    begin = end;
  }
  return chosen;
}

void Decoder::DecodeSegment(const std::vector<Position>& positions, size_t begin, size_t end,
                            uint32_t ctx_u, uint32_t ctx_v, std::vector<uint32_t>& chosen) const {
  // State at position i: (candidate at i-1, candidate at i), flattened a * K_i + b.
  const float kInf = std::numeric_limits<float>::infinity();
  auto ids_at = [&](size_t i, uint32_t k) { return positions[i].candidates[k].id; };
  std::vector<std::vector<uint8_t>> back(end - begin);
  std::vector<float> prev, cur, lower;
  size_t prev_k = 1;  // K at i-1 (the context word ctx_v at the start)
  prev.assign(1, 0.0f);
  size_t prev_prev_k = 1;
  for (size_t i = begin; i < end; ++i) {
    const auto& cands = positions[i].candidates;
    size_t k = cands.size();
    cur.assign(prev_k * k, kInf);
    back[i - begin].assign(prev_k * k, 0);
    // Hoisted LM parts: LowerOrder depends on (a, b), ContextBackoff on (h, a); only the
    // trigram probe is left in the innermost loop.
    lower.resize(prev_k * k);
    for (size_t a = 0; a < prev_k; ++a) {
      uint32_t va = i == begin ? ctx_v : ids_at(i - 1, a);
      for (size_t b = 0; b < k; ++b) lower[a * k + b] = lm_.LowerOrder(va, cands[b].id);
    }
    for (size_t a = 0; a < prev_k; ++a) {
      uint32_t va = i == begin ? ctx_v : ids_at(i - 1, a);
      for (size_t h = 0; h < prev_prev_k; ++h) {
        float base = prev[h * prev_k + a];
        if (base == kInf) continue;
        uint32_t uh = i == begin ? ctx_u : (i - 1 == begin ? ctx_v : ids_at(i - 2, h));
        float bow = lm_.ContextBackoff(uh, va);
        for (size_t b = 0; b < k; ++b) {
          float lp;
          if (!lm_.Trigram(uh, va, cands[b].id, &lp)) lp = bow + lower[a * k + b];
          float s = base + cands[b].channel - lp;
          if (s < cur[a * k + b]) {
            cur[a * k + b] = s;
            back[i - begin][a * k + b] = static_cast<uint8_t>(h);
          }
        }
      }
    }
    prev.swap(cur);
    prev_prev_k = prev_k;
    prev_k = k;
    // At the first position there is one fake "previous" candidate (the context word).
  }
  // Backtrack from the best final state.
  size_t best = 0;
  for (size_t s = 1; s < prev.size(); ++s)
    if (prev[s] < prev[best]) best = s;
  size_t k = positions[end - 1].candidates.size();
  size_t a = best / k, b = best % k;
  for (size_t i = end; i-- > begin;) {
    chosen[i] = static_cast<uint32_t>(b);
    if (i == begin) break;
    size_t h = back[i - begin][a * positions[i].candidates.size() + b];
    b = a;
    a = h;
  }
}

float Decoder::LocalCost(const std::vector<Position>& positions,
                         const std::vector<uint32_t>& chosen, size_t i, uint32_t c) const {
  auto id = [&](long j) -> uint32_t {
    if (j < 0) return kBos;
    return positions[j].candidates[j == static_cast<long>(i) ? c : chosen[j]].id;
  };
  long n = static_cast<long>(positions.size()), x = static_cast<long>(i);
  float cost = positions[i].candidates[c].channel - lm_.LogProb(id(x - 2), id(x - 1), id(x));
  if (x + 1 < n) cost -= lm_.LogProb(id(x - 1), id(x), id(x + 1));
  if (x + 2 < n) cost -= lm_.LogProb(id(x), id(x + 1), id(x + 2));
  return cost;
}

}  // namespace congvan::repair
