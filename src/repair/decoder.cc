#include "repair/decoder.h"

#include <algorithm>
#include <limits>
#include <tuple>

#include "text/letters.h"
#include "text/syllable.h"
#include "text/utf8.h"

namespace congvan::repair {
namespace {

// Segments are cut at single-candidate positions once this long, which bounds the memory of
// the back-pointer tables whatever the input (10 MB of one token is a long run of segments).
constexpr size_t kSegment = 256;
constexpr size_t kMaxSegment = 2048;
// States this far (nats) behind the best at their position are dropped: what is left of their
// future is two LM terms, which did not make up so much on the seeds or the held-out pages
// (same accuracy at 10, 15 and 25; at 10 not one word of bench/repair_quality.sh's outputs
// differs from 15, at 8 five do), and the pruning saves LM probes on damaged text.
constexpr float kStateBeam = 10.0f;

// A spelling of a capitalised run of a document symbol needs this many sightings in the codes
// of the corpus before a run read without it takes it ("NĐ": thousands; "ND": none).
constexpr uint32_t kMinCodeRunCount = 20;

// The worst of the `n` best (lowest) ranks added so far, or +inf while fewer were added.
class RankCutoff {
 public:
  explicit RankCutoff(size_t n) : n_(n) {}
  float Worst() const {
    return heap_.size() == n_ && n_ > 0 ? heap_.front() : std::numeric_limits<float>::infinity();
  }
  void Add(float rank) {
    if (n_ == 0 || (heap_.size() == n_ && rank >= heap_.front())) return;
    if (heap_.size() == n_) {
      std::pop_heap(heap_.begin(), heap_.end());
      heap_.pop_back();
    }
    heap_.push_back(rank);
    std::push_heap(heap_.begin(), heap_.end());
  }

 private:
  size_t n_;
  std::vector<float> heap_;  // max-heap
};

}  // namespace

std::vector<Candidate> Decoder::WordCandidates(std::u32string_view observed, bool open,
                                               const ChannelModel& channel,
                                               const DecoderOptions& options,
                                               std::vector<Candidate>* reserve) const {
  std::u32string lower = text::Lower(observed);
  uint32_t keep_id = lexicon_.Find(text::ToU8(lower));
  std::vector<Candidate> out;
  bool syllable = lexicon_.IsSyllable(keep_id);
  bool upper_abbreviation = text::ShapeOf(observed) == text::CaseShape::kUpper &&
                            AbbreviationShape(lower, keep_id);
  // Abbreviations the corpus knows (UBND, TTHC, HĐND) are written in capitals; one of them may
  // only become another entry with the same letters ("HDND" → "HĐND", "VIET" → "VIỆT"). A known
  // lower-case non-syllable ("thuc", unaccented text in the corpus) stays open.
  bool abbreviation = upper_abbreviation && keep_id != kUnk;
  bool unknown_abbreviation = upper_abbreviation && keep_id == kUnk;
  float keep_cost = keep_id == kUnk ? (unknown_abbreviation ? options.keep_unknown_upper_cost
                                                            : options.keep_unknown_cost)
                    : syllable      ? channel.Cost(lexicon_.Text32(keep_id), lower)
                    : abbreviation  ? options.keep_known_cost
                                    : options.keep_known_word_cost;
  out.push_back({keep_id, keep_cost, {}});
  if (!open || lower.size() > 12) return out;
  std::vector<std::tuple<float, uint32_t, float>> scored;  // rank, id, channel
  ChannelModel::Scorer scorer(channel, lower);
  float best = keep_cost;
  // Kept: the best `main_places` ranked within the beam, and after them (as reserve) the next
  // `reserve_candidates` whose channel cost is at most reserve_max_channel, the only ones
  // AddFromContext may use. Ranks of candidates certain to stay in the beam (channel <= beam,
  // as the best channel cost is >= 0) are counted: once a candidate ranks behind
  // `main_places` of them, and behind `places` of those cheap enough for the reserve, it can
  // never be kept, so its alignment may stop as soon as its channel cost alone puts it there.
  // The bound never falls below `best`, so a candidate that would lower `best` (and narrow the
  // beam) is always found.
  const size_t main_places = options.max_candidates - 1;  // candidate 0 is "keep"
  const size_t places = main_places + (reserve ? options.reserve_candidates : 0);
  RankCutoff main_cut(main_places), reserve_cut(places);
  auto score = [&](uint32_t id, std::u32string_view t, std::string_view symbols) {
    if (id == keep_id) return;
    if (t.size() + 3 < lower.size() || lower.size() + 3 < t.size()) return;
    float logp1 = lm_.UnigramLogProb(id);
    float useful = std::max(main_cut.Worst() + logp1,
                            std::min(options.reserve_max_channel, reserve_cut.Worst() + logp1));
    float bound = std::min(best + options.beam, std::max(best, useful));
    float c = scorer.Cost(symbols, t, bound);
    if (c > bound) return;
    best = std::min(best, c);
    float rank = c - logp1;
    if (c <= options.beam) {
      main_cut.Add(rank);
      if (c <= options.reserve_max_channel) reserve_cut.Add(rank);
    }
    scored.emplace_back(rank, id, c);
  };
  auto score_ids = [&](const std::vector<uint32_t>& ids) {
    for (uint32_t id : ids) score(id, lexicon_.Text32(id), lexicon_.Symbols(id));
  };
  std::vector<uint32_t> same;
  if (abbreviation) {
    lexicon_.SameSkeleton(lower, same);
    score_ids(same);
  } else {
    std::vector<SkeletonGroup> groups;
    lexicon_.CandidateGroups(lower, groups);
    for (const SkeletonGroup& group : groups) {
      // Most groups the deletion search finds are far from the observed token: a bound over
      // the whole group refuses them without aligning every member.
      float widest = best + options.beam;  // no member's bound is wider
      float lb = scorer.SkeletonLowerBound(group.skeleton, widest);
      if (lb > best) {
        if (lb > widest) continue;
        float max_logp1 = -std::numeric_limits<float>::infinity();
        for (const SyllableRecord& r : group.members)
          max_logp1 = std::max(max_logp1, lm_.UnigramLogProb(r.id));
        float useful = std::max(main_cut.Worst() + max_logp1,
                                std::min(options.reserve_max_channel,
                                         reserve_cut.Worst() + max_logp1));
        if (lb > useful) continue;
      }
      for (const SyllableRecord& r : group.members) score(r.id, r.Text(), r.Symbols());
    }
    if (unknown_abbreviation) {  // "HDND" may be "HĐND", an abbreviation the corpus knows
      lexicon_.SameSkeleton(lower, same);
      // Unknown, yet a known entry but for its marks: damage, not a new abbreviation.
      if (!same.empty()) out[0].channel = options.keep_unknown_cost;
      // Syllables among them were scored with their group already.
      std::erase_if(same, [&](uint32_t id) {
        for (const SkeletonGroup& group : groups)
          for (const SyllableRecord& r : group.members)
            if (r.id == id) return true;
        return false;
      });
      score_ids(same);
    }
  }
  // Only what is within the beam of the final best competes for the places.
  std::erase_if(scored, [&](const auto& e) { return std::get<2>(e) > best + options.beam; });
  std::sort(scored.begin(), scored.end());
  for (auto& [rank, id, c] : scored) {
    if (out.size() < options.max_candidates) {
      // Far behind the best by channel + unigram: context would have to be overwhelming.
      if (rank > std::get<0>(scored.front()) + options.rank_margin) break;
      out.push_back(Candidate{id, c, {}});
    } else if (!reserve || reserve->size() >= options.reserve_candidates) {
      break;
    } else if (c <= options.reserve_max_channel) {
      reserve->push_back(Candidate{id, c, {}});
    }
  }
  return out;
}

bool Decoder::AbbreviationShape(std::u32string_view lower) const {
  return AbbreviationShape(lower, lexicon_.Find(text::ToU8(lower)));
}

bool Decoder::AbbreviationShape(std::u32string_view lower, uint32_t keep_id) const {
  if (keep_id != kUnk) return !lexicon_.IsSyllable(keep_id);
  return lower.size() <= 6 && !text::IsVietnameseSyllable(text::ToU8(lower));
}

void Decoder::AddFromContext(std::vector<Position>& positions,
                             const std::vector<std::span<const Candidate>>& reserves,
                             const DecoderOptions& options) const {
  for (size_t i = 1; i < positions.size() && i < reserves.size(); ++i) {
    Position& p = positions[i];
    if (reserves[i].empty()) continue;
    const auto& left = positions[i - 1].candidates;
    size_t n_left = std::min(left.size(), options.context_left);
    size_t base = p.candidates.size();
    for (const Candidate& r : reserves[i]) {
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

// What an all-capital abbreviation as read ("ND") gains over its spellings with Đ ("NĐ") in
// RepairCode(), in natural-log units of unigram probability: a spelling with Đ replaces what was
// read only when the corpus has it more than e^2 ≈ 7.4 times as often, so an abbreviation that
// really has a D is not turned into a merely more frequent one with Đ. The value came with the
// rule; no sweep of it is recorded.
constexpr float kKeepAbbreviationBonus = 2.0f;

std::u32string Decoder::RepairCode(std::u32string_view code) const {
  std::u32string out(code);
  bool changed = false;
  // A document symbol: a number, then "/" ("30/2020/ND-CP", "1532/UBND-VP").
  bool symbol = false;
  for (size_t k = 1; k < code.size() && !symbol; ++k)
    symbol = code[k] == U'/' && text::IsDigit(code[k - 1]);
  std::vector<uint32_t> same;
  for (size_t i = 0; i < out.size();) {
    size_t j = i;
    while (j < out.size() && text::IsLetter(out[j])) ++j;
    if (j == i) {
      ++i;
      continue;
    }
    std::u32string_view run = std::u32string_view(out).substr(i, j - i);
    if (run.size() >= 2 && run.size() <= 8 && text::ShapeOf(run) == text::CaseShape::kUpper &&
        run.find(U'D') != std::u32string_view::npos) {
      std::u32string lower = text::Lower(run);
      uint32_t own = lexicon_.Find(text::ToU8(lower));
      float best = own == kUnk ? -1e30f : lm_.UnigramLogProb(own) + kKeepAbbreviationBonus;
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
        std::u32string up = text::ApplyCase(lexicon_.Text32(pick), text::CaseShape::kUpper);
        out.replace(i, j - i, up);
        changed = true;
      } else if (symbol) {
        std::u32string spelled = CodeRunSpelling(run);
        if (!spelled.empty()) {
          out.replace(i, j - i, spelled);
          changed = true;
        }
      }
    }
    i = j;
  }
  return changed ? out : std::u32string();
}

std::u32string Decoder::CodeRunSpelling(std::u32string_view run) const {
  std::vector<size_t> ds;
  for (size_t k = 0; k < run.size(); ++k)
    if (run[k] == U'D') ds.push_back(k);
  if (ds.empty() || ds.size() > 4) return {};
  uint32_t own = lexicon_.CodeRunCount(text::ToU8(run)), best_count = 0;
  std::u32string best;
  for (uint32_t mask = 1; mask < (1u << ds.size()); ++mask) {
    std::u32string variant(run);
    for (size_t b = 0; b < ds.size(); ++b)
      if (mask & (1u << b)) variant[ds[b]] = U'Đ';
    uint32_t count = lexicon_.CodeRunCount(text::ToU8(variant));
    if (count > best_count) best_count = count, best = std::move(variant);
  }
  // Common in the corpus's codes and far more common than the spelling read.
  return best_count >= kMinCodeRunCount && best_count > 10 * own ? best : std::u32string();
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

float Decoder::BestPath(const std::vector<Position>& positions, uint32_t ctx_u, uint32_t ctx_v,
                         std::vector<uint32_t>& chosen) const {
  chosen.assign(positions.size(), 0);
  return DecodeSegment(positions, 0, positions.size(), ctx_u, ctx_v, chosen);
}

float Decoder::DecodeSegment(const std::vector<Position>& positions, size_t begin, size_t end,
                             uint32_t ctx_u, uint32_t ctx_v, std::vector<uint32_t>& chosen) const {
  // State at position i: (candidate at i-1, candidate at i), flattened a * K_i + b.
  const float kInf = std::numeric_limits<float>::infinity();
  auto ids_at = [&](size_t i, uint32_t k) { return positions[i].candidates[k].id; };
  // back[offset[i - begin] + a * K_i + b]: the best h for state (a, b) at position i.
  std::vector<uint8_t> back;
  std::vector<size_t> offset(end - begin);
  std::vector<float> prev, cur, lower;
  // context[a * K_i + b]: (candidate a at i-1, b at i) as the context of the word at i+1, from
  // the same probe as lower[]; prev_context is the same one position back.
  std::vector<BigramContext> context, prev_context;
  size_t prev_k = 1;  // K at i-1 (the context word ctx_v at the start)
  prev.assign(1, 0.0f);
  size_t prev_prev_k = 1;
  std::vector<uint32_t> words;
  std::vector<float> logp;
  std::vector<char> alive;
  struct TrigramContext {
    size_t h;
    uint32_t uh;
    float base, bow;
  };
  std::vector<TrigramContext> trigram_contexts;
  for (size_t i = begin; i < end; ++i) {
    const auto& cands = positions[i].candidates;
    size_t k = cands.size();
    cur.assign(prev_k * k, kInf);
    offset[i - begin] = back.size();
    back.resize(back.size() + prev_k * k, 0);
    words.resize(k);
    for (size_t b = 0; b < k; ++b) words[b] = cands[b].id;
    logp.resize(k);
    // A candidate at i-1 whose every state was pruned has no future: no LM probes for it.
    alive.assign(prev_k, 0);
    for (size_t h = 0; h < prev_prev_k; ++h)
      for (size_t a = 0; a < prev_k; ++a) alive[a] |= prev[h * prev_k + a] != kInf;
    // Hoisted LM parts: LowerOrder depends on (a, b), the trigram context on (h, a).
    lower.resize(prev_k * k);
    context.resize(prev_k * k);
    for (size_t a = 0; a < prev_k; ++a) {
      if (!alive[a]) continue;
      uint32_t va = i == begin ? ctx_v : ids_at(i - 1, a);
      lm_.LowerOrders(va, words, &lower[a * k], &context[a * k]);
    }
    // The context of the first position is the segment's (u, v); later ones were probed one
    // position back (a live state (h, a) at i-1 had its candidate h alive there).
    BigramContext first_context;
    if (i == begin) first_context.bow = lm_.ContextBackoff(ctx_u, ctx_v, &first_context.has_trigrams);
    for (size_t a = 0; a < prev_k; ++a) {
      if (!alive[a]) continue;
      uint32_t va = i == begin ? ctx_v : ids_at(i - 1, a);
      float* cur_a = &cur[a * k];
      uint8_t* back_a = &back[offset[i - begin] + a * k];
      // Contexts (h, a) after which no trigram is stored (most of them) give every b the same
      // back-off weight: of those only the best can win, so only it is scored against each b
      // (the first of equals, as the full loop over h would keep).
      float plain_key = kInf, plain_base = 0, plain_bow = 0;
      size_t plain_h = 0;
      trigram_contexts.clear();
      for (size_t h = 0; h < prev_prev_k; ++h) {
        float base = prev[h * prev_k + a];
        if (base == kInf) continue;
        uint32_t uh = i == begin ? ctx_u : (i - 1 == begin ? ctx_v : ids_at(i - 2, h));
        const BigramContext& c = i == begin ? first_context : prev_context[h * prev_k + a];
        if (c.has_trigrams) {
          trigram_contexts.push_back({h, uh, base, c.bow});
        } else if (base - c.bow < plain_key) {
          plain_key = base - c.bow;
          plain_h = h, plain_base = base, plain_bow = c.bow;
        }
      }
      if (plain_key != kInf)
        for (size_t b = 0; b < k; ++b) {
          float s = plain_base + cands[b].channel - (plain_bow + lower[a * k + b]);
          if (s < cur_a[b]) {
            cur_a[b] = s;
            back_a[b] = static_cast<uint8_t>(plain_h);
          }
        }
      for (const TrigramContext& t : trigram_contexts) {
        lm_.LogProbs(t.uh, va, words, t.bow, true, &lower[a * k], logp.data());
        for (size_t b = 0; b < k; ++b) {
          float s = t.base + cands[b].channel - logp[b];
          if (s < cur_a[b] || (s == cur_a[b] && t.h < back_a[b])) {
            cur_a[b] = s;
            back_a[b] = static_cast<uint8_t>(t.h);
          }
        }
      }
    }
    float best_state = *std::min_element(cur.begin(), cur.end());
    for (float& x : cur)
      if (x > best_state + kStateBeam) x = kInf;
    prev.swap(cur);
    prev_context.swap(context);
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
    size_t h = back[offset[i - begin] + a * positions[i].candidates.size() + b];
    b = a;
    a = h;
  }
  return prev[best];
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
