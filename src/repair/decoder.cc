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

// The search for the candidates of one token, other than "keep": entries near the token are
// aligned to it under a bound that tightens as better ones are found, and ranked by channel
// cost and unigram.
//
// Kept: the best `main_places` ranked within the beam, and after them (as reserve) the next
// `reserve_candidates` whose channel cost is at most reserve_max_channel, the only ones
// AddFromContext may use. Ranks of candidates certain to stay in the beam (channel <= beam,
// as the best channel cost is >= 0) are counted: once a candidate ranks behind `main_places`
// of them, and behind `places` of those cheap enough for the reserve, it can never be kept, so
// its alignment may stop as soon as its channel cost alone puts it there. The bound never
// falls below `best`, so a candidate that would lower `best` (and narrow the beam) is always
// found.
class CandidateSearch {
 public:
  CandidateSearch(const Lexicon& lexicon, const LanguageModel& lm, const ChannelModel& channel,
                  std::u32string_view lower, uint32_t keep_id, float keep_cost,
                  const DecoderOptions& options, bool with_reserve)
      : lexicon_(lexicon),
        lm_(lm),
        options_(options),
        lower_(lower),
        keep_id_(keep_id),
        scorer_(channel, lower),
        best_(keep_cost),
        main_cut_(options.max_candidates - 1),  // candidate 0 is "keep"
        reserve_cut_(options.max_candidates - 1 + (with_reserve ? options.reserve_candidates : 0)) {}

  // Aligns one entry (its lower-case text and Symbols()) and ranks it when within the bound.
  void Score(uint32_t id, std::u32string_view t, std::string_view symbols) {
    if (id == keep_id_) return;
    if (t.size() + 3 < lower_.size() || lower_.size() + 3 < t.size()) return;
    float logp1 = lm_.UnigramLogProb(id);
    float bound = std::min(best_ + options_.beam, std::max(best_, Useful(logp1)));
    float c = scorer_.Cost(symbols, t, bound);
    if (c > bound) return;
    best_ = std::min(best_, c);
    float rank = c - logp1;
    if (c <= options_.beam) {
      main_cut_.Add(rank);
      if (c <= options_.reserve_max_channel) reserve_cut_.Add(rank);
    }
    scored_.emplace_back(rank, id, c);
  }

  void ScoreIds(const std::vector<uint32_t>& ids) {
    for (uint32_t id : ids) Score(id, lexicon_.Text32(id), lexicon_.Symbols(id));
  }

  // The syllables of the skeleton groups the deletion search found. Most groups are far from
  // the observed token: a bound over the whole group refuses them without aligning every
  // member.
  void ScoreGroups(const std::vector<SkeletonGroup>& groups) {
    for (const SkeletonGroup& group : groups) {
      float widest = best_ + options_.beam;  // no member's bound is wider
      float lb = scorer_.SkeletonLowerBound(group.skeleton, widest);
      if (lb > best_) {
        if (lb > widest) continue;
        float max_logp1 = -std::numeric_limits<float>::infinity();
        for (const SyllableRecord& r : group.members)
          max_logp1 = std::max(max_logp1, lm_.UnigramLogProb(r.id));
        if (lb > Useful(max_logp1)) continue;
      }
      for (const SyllableRecord& r : group.members) Score(r.id, r.Text(), r.Symbols());
    }
  }

  // Appends the kept candidates to `out` (which holds "keep") and the reserve to `reserve`.
  // Only what is within the beam of the final best competes for the places.
  void Select(std::vector<Candidate>& out, std::vector<Candidate>* reserve) {
    std::erase_if(scored_, [&](const auto& e) { return std::get<2>(e) > best_ + options_.beam; });
    std::sort(scored_.begin(), scored_.end());
    for (auto& [rank, id, c] : scored_) {
      if (out.size() < options_.max_candidates) {
        // Far behind the best by channel + unigram: context would have to be overwhelming.
        if (rank > std::get<0>(scored_.front()) + options_.rank_margin) break;
        out.push_back(Candidate{id, c, {}});
      } else if (!reserve || reserve->size() >= options_.reserve_candidates) {
        break;
      } else if (c <= options_.reserve_max_channel) {
        reserve->push_back(Candidate{id, c, {}});
      }
    }
  }

 private:
  // The largest channel cost an entry of unigram `logp1` may have and still be kept, in the
  // main places or in the reserve.
  float Useful(float logp1) const {
    return std::max(main_cut_.Worst() + logp1,
                    std::min(options_.reserve_max_channel, reserve_cut_.Worst() + logp1));
  }

  const Lexicon& lexicon_;
  const LanguageModel& lm_;
  const DecoderOptions& options_;
  std::u32string_view lower_;
  uint32_t keep_id_;
  ChannelModel::Scorer scorer_;
  float best_;  // the lowest channel cost found, "keep" included
  RankCutoff main_cut_, reserve_cut_;
  std::vector<std::tuple<float, uint32_t, float>> scored_;  // rank, id, channel
};

// The Viterbi search over one segment [begin, end) of the lattice under the trigram LM, after
// the context words (ctx_u, ctx_v). The state at position i is (candidate a at i-1, candidate b
// at i), flattened a * K_i + b; its cost is channel minus log LM (nats) of the best path there.
// At the first position there is one fake "previous" candidate (the context word ctx_v).
class SegmentViterbi {
 public:
  SegmentViterbi(const LanguageModel& lm, const std::vector<Position>& positions, size_t begin,
                 uint32_t ctx_u, uint32_t ctx_v)
      : lm_(lm), positions_(positions), begin_(begin), ctx_u_(ctx_u), ctx_v_(ctx_v) {
    prev_.assign(1, 0.0f);
  }

  // The states at position i from those at i-1 (positions are stepped in order from begin).
  void Step(size_t i) {
    const size_t k = positions_[i].candidates.size();
    cur_.assign(prev_k_ * k, kInf);
    offset_.push_back(back_.size());
    back_.resize(back_.size() + prev_k_ * k, 0);
    words_.resize(k);
    for (size_t b = 0; b < k; ++b) words_[b] = positions_[i].candidates[b].id;
    logp_.resize(k);
    MarkAlive();
    ProbeLowerOrders(i, k);
    // The context of the first position is the segment's (u, v); later ones were probed one
    // position back (a live state (h, a) at i-1 had its candidate h alive there).
    BigramContext first_context;
    if (i == begin_) first_context.bow = lm_.ContextBackoff(ctx_u_, ctx_v_, &first_context.has_trigrams);
    for (size_t a = 0; a < prev_k_; ++a) {
      if (alive_[a]) Relax(i, a, k, first_context);
    }
    Prune();
    prev_.swap(cur_);
    prev_context_.swap(context_);
    prev_prev_k_ = prev_k_;
    prev_k_ = k;
  }

  // Writes the candidates of the best path into chosen[begin, end) and returns its cost.
  float Backtrack(size_t end, std::vector<uint32_t>& chosen) const {
    size_t best = 0;
    for (size_t s = 1; s < prev_.size(); ++s)
      if (prev_[s] < prev_[best]) best = s;
    size_t k = positions_[end - 1].candidates.size();
    size_t a = best / k, b = best % k;
    for (size_t i = end; i-- > begin_;) {
      chosen[i] = static_cast<uint32_t>(b);
      if (i == begin_) break;
      size_t h = back_[offset_[i - begin_] + a * positions_[i].candidates.size() + b];
      b = a;
      a = h;
    }
    return prev_[best];
  }

 private:
  static constexpr float kInf = std::numeric_limits<float>::infinity();

  // A trigram context (h, a) of the word at i, with the cost of the state it leads from.
  struct TrigramContext {
    size_t h;
    uint32_t uh;
    float base, bow;
  };

  uint32_t IdAt(size_t i, uint32_t k) const { return positions_[i].candidates[k].id; }

  // A candidate at i-1 whose every state was pruned has no future: no LM probes for it.
  void MarkAlive() {
    alive_.assign(prev_k_, 0);
    for (size_t h = 0; h < prev_prev_k_; ++h)
      for (size_t a = 0; a < prev_k_; ++a) alive_[a] |= prev_[h * prev_k_ + a] != kInf;
  }

  // Hoisted LM parts: LowerOrder depends on (a, b) only, so it is probed once per pair, with
  // the context of the word after (b) from the same probe.
  void ProbeLowerOrders(size_t i, size_t k) {
    lower_.resize(prev_k_ * k);
    context_.resize(prev_k_ * k);
    for (size_t a = 0; a < prev_k_; ++a) {
      if (!alive_[a]) continue;
      uint32_t va = i == begin_ ? ctx_v_ : IdAt(i - 1, a);
      lm_.LowerOrders(va, words_, &lower_[a * k], &context_[a * k]);
    }
  }

  // The best way into every state (a, b) at i, over the candidates h at i-2.
  void Relax(size_t i, size_t a, size_t k, const BigramContext& first_context) {
    const auto& cands = positions_[i].candidates;
    uint32_t va = i == begin_ ? ctx_v_ : IdAt(i - 1, a);
    float* cur_a = &cur_[a * k];
    uint8_t* back_a = &back_[offset_[i - begin_] + a * k];
    // Contexts (h, a) after which no trigram is stored (most of them) give every b the same
    // back-off weight: of those only the best can win, so only it is scored against each b
    // (the first of equals, as the full loop over h would keep).
    float plain_key = kInf, plain_base = 0, plain_bow = 0;
    size_t plain_h = 0;
    trigram_contexts_.clear();
    for (size_t h = 0; h < prev_prev_k_; ++h) {
      float base = prev_[h * prev_k_ + a];
      if (base == kInf) continue;
      uint32_t uh = i == begin_ ? ctx_u_ : (i - 1 == begin_ ? ctx_v_ : IdAt(i - 2, h));
      const BigramContext& c = i == begin_ ? first_context : prev_context_[h * prev_k_ + a];
      if (c.has_trigrams) {
        trigram_contexts_.push_back({h, uh, base, c.bow});
      } else if (base - c.bow < plain_key) {
        plain_key = base - c.bow;
        plain_h = h, plain_base = base, plain_bow = c.bow;
      }
    }
    if (plain_key != kInf)
      for (size_t b = 0; b < k; ++b) {
        float s = plain_base + cands[b].channel - (plain_bow + lower_[a * k + b]);
        if (s < cur_a[b]) {
          cur_a[b] = s;
          back_a[b] = static_cast<uint8_t>(plain_h);
        }
      }
    for (const TrigramContext& t : trigram_contexts_) {
      lm_.LogProbs(t.uh, va, words_, t.bow, true, &lower_[a * k], logp_.data());
      for (size_t b = 0; b < k; ++b) {
        float s = t.base + cands[b].channel - logp_[b];
        if (s < cur_a[b] || (s == cur_a[b] && t.h < back_a[b])) {
          cur_a[b] = s;
          back_a[b] = static_cast<uint8_t>(t.h);
        }
      }
    }
  }

  // States kStateBeam behind the best at this position are dropped.
  void Prune() {
    float best_state = *std::min_element(cur_.begin(), cur_.end());
    for (float& x : cur_)
      if (x > best_state + kStateBeam) x = kInf;
  }

  const LanguageModel& lm_;
  const std::vector<Position>& positions_;
  size_t begin_;
  uint32_t ctx_u_, ctx_v_;
  // back_[offset_[i - begin] + a * K_i + b]: the best h for state (a, b) at position i.
  std::vector<uint8_t> back_;
  std::vector<size_t> offset_;
  std::vector<float> prev_, cur_, lower_;
  // context_[a * K_i + b]: (candidate a at i-1, b at i) as the context of the word at i+1,
  // from the same probe as lower_[]; prev_context_ is the same one position back.
  std::vector<BigramContext> context_, prev_context_;
  size_t prev_k_ = 1;       // K at i-1 (the context word ctx_v at the start)
  size_t prev_prev_k_ = 1;  // K at i-2
  std::vector<uint32_t> words_;
  std::vector<float> logp_;
  std::vector<char> alive_;
  std::vector<TrigramContext> trigram_contexts_;
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
  CandidateSearch search(lexicon_, lm_, channel, lower, keep_id, keep_cost, options,
                         reserve != nullptr);
  std::vector<uint32_t> same;
  if (abbreviation) {
    lexicon_.SameSkeleton(lower, same);
    search.ScoreIds(same);
  } else {
    std::vector<SkeletonGroup> groups;
    lexicon_.CandidateGroups(lower, groups);
    search.ScoreGroups(groups);
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
      search.ScoreIds(same);
    }
  }
  search.Select(out, reserve);
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
  SegmentViterbi viterbi(lm_, positions, begin, ctx_u, ctx_v);
  for (size_t i = begin; i < end; ++i) viterbi.Step(i);
  return viterbi.Backtrack(end, chosen);
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
