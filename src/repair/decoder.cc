#include "repair/decoder.h"

#include <algorithm>
#include <limits>
#include <tuple>

#include "repair/syllable.h"
#include "repair/vn_text.h"

namespace congvan::repair {
namespace {

// Segments are cut at single-candidate positions once this long, which bounds the memory of
// the back-pointer tables whatever the input (10 MB of one token is a long run of segments).
constexpr size_t kSegment = 256;
constexpr size_t kMaxSegment = 2048;
// States this far (nats) behind the best at their position are dropped: what is left of their
// future is two LM terms, which did not make up so much on the seeds or the held-out pages
// (same accuracy at 10, 15 and 25), and the pruning saves trigram probes on damaged text.
constexpr float kStateBeam = 15.0f;

}  // namespace

std::vector<Candidate> Decoder::WordCandidates(std::u32string_view observed, bool open,
                                               const ChannelModel& channel,
                                               const DecoderOptions& options,
                                               std::vector<Candidate>* reserve) const {
  std::u32string lower = vn::Lower(observed);
  uint32_t keep_id = lexicon_.Find(vn::ToU8(lower));
  std::vector<Candidate> out;
  bool syllable = lexicon_.IsSyllable(keep_id);
  bool upper = vn::ShapeOf(observed) == vn::CaseShape::kUpper;
  // Abbreviations the corpus knows (UBND, TTHC, HĐND) are written in capitals; one of them may
  // only become another entry with the same letters ("HDND" → "HĐND", "VIET" → "VIỆT"). A known
  // lower-case non-syllable ("thuc", unaccented text in the corpus) stays open.
  bool abbreviation = keep_id != kUnk && !syllable && upper;
  bool unknown_abbreviation = keep_id == kUnk && upper && lower.size() <= 6 &&
                              !IsVietnameseSyllable(vn::ToU8(lower));
  float keep_cost = keep_id == kUnk ? (unknown_abbreviation ? options.keep_unknown_upper_cost
                                                            : options.keep_unknown_cost)
                    : syllable      ? channel.Cost(lexicon_.Text32(keep_id), lower)
                    : abbreviation  ? options.keep_known_cost
                                    : options.keep_known_word_cost;
  out.push_back({keep_id, keep_cost, {}});
  if (!open || lower.size() > 12) return out;
  std::vector<uint32_t> ids;
  if (abbreviation) {
    lexicon_.SameSkeleton(lower, ids);
  } else {
    lexicon_.Candidates(lower, ids);
    if (unknown_abbreviation) {  // "HDND" may be "HĐND", an abbreviation the corpus knows
      std::vector<uint32_t> same;
      lexicon_.SameSkeleton(lower, same);
      ids.insert(ids.end(), same.begin(), same.end());
      // Unknown, yet a known entry but for its marks: damage, not a new abbreviation.
      if (!same.empty()) out[0].channel = options.keep_unknown_cost;
    }
  }
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
  size_t keep_n =
      std::min(scored.size(), options.max_candidates + (reserve ? options.reserve_candidates : 0));
  std::partial_sort(scored.begin(), scored.begin() + keep_n, scored.end());
  scored.resize(keep_n);
  for (auto& [rank, id, c] : scored) {
    if (c > best + options.beam) continue;
    if (out.size() < options.max_candidates) {
      // Far behind the best by channel + unigram: context would have to be overwhelming.
      if (rank > std::get<0>(scored.front()) + options.rank_margin) break;
      out.push_back(Candidate{id, c, lexicon_.Text32(id)});
    } else if (reserve) {
      reserve->push_back(Candidate{id, c, lexicon_.Text32(id)});
    }
  }
  return out;
}

void Decoder::AddFromContext(std::vector<Position>& positions,
                             const DecoderOptions& options) const {
  for (size_t i = 1; i < positions.size(); ++i) {
    Position& p = positions[i];
    if (p.reserve.empty()) continue;
    const auto& left = positions[i - 1].candidates;
    size_t n_left = std::min(left.size(), options.context_left);
    size_t base = p.candidates.size();
    for (const Candidate& r : p.reserve) {
      if (r.channel > options.reserve_max_channel) continue;
      bool predicted = false;
      for (size_t a = 0; a < n_left && !predicted; ++a) {
        float lp;
        predicted = lm_.Bigram(left[a].id, r.id, &lp) && lp >= options.context_logp;
      }
      if (predicted) p.candidates.push_back(r);
      if (p.candidates.size() >= base + 2) break;  // bounded: the Viterbi is cubic in K
    }
  }
}

std::u32string Decoder::RepairCode(std::u32string_view code) const {
  std::u32string out(code);
  bool changed = false;
  std::vector<uint32_t> same;
  for (size_t i = 0; i < out.size();) {
    size_t j = i;
    while (j < out.size() && vn::IsLetter(out[j])) ++j;
    if (j == i) {
      ++i;
      continue;
    }
    std::u32string_view run = std::u32string_view(out).substr(i, j - i);
    if (run.size() >= 2 && run.size() <= 8 && vn::ShapeOf(run) == vn::CaseShape::kUpper &&
        run.find(U'D') != std::u32string_view::npos) {
      std::u32string lower = vn::Lower(run);
      uint32_t own = lexicon_.Find(vn::ToU8(lower));
      float best = own == kUnk ? -1e30f : lm_.UnigramLogProb(own) + 2.0f;
      uint32_t pick = kUnk;
      lexicon_.SameSkeleton(lower, same);
      for (uint32_t id : same) {
        const std::u32string& t = lexicon_.Text32(id);
        if (lexicon_.IsSyllable(id) || t.size() != lower.size()) continue;
        // Only D → Đ: every other letter must be the same.
        bool only_d = true;
        for (size_t k = 0; k < t.size() && only_d; ++k)
          only_d = t[k] == lower[k] || (t[k] == U'đ' && lower[k] == U'd');
        if (only_d && lm_.UnigramLogProb(id) > best) best = lm_.UnigramLogProb(id), pick = id;
      }
      if (pick != kUnk) {
        std::u32string up = vn::ApplyCase(lexicon_.Text32(pick), vn::CaseShape::kUpper);
        out.replace(i, j - i, up);
        changed = true;
      }
    }
    i = j;
  }
  return changed ? out : std::u32string();
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
        bool has_trigrams;
        float bow = lm_.ContextBackoff(uh, va, &has_trigrams);
        for (size_t b = 0; b < k; ++b) {
          float lp;
          if (!has_trigrams || !lm_.Trigram(uh, va, cands[b].id, &lp)) lp = bow + lower[a * k + b];
          float s = base + cands[b].channel - lp;
          if (s < cur[a * k + b]) {
            cur[a * k + b] = s;
            back[i - begin][a * k + b] = static_cast<uint8_t>(h);
          }
        }
      }
    }
    float best_state = *std::min_element(cur.begin(), cur.end());
    for (float& x : cur)
      if (x > best_state + kStateBeam) x = kInf;
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
