// Syllable trigram language model, interpolated modified Kneser-Ney (Chen & Goodman), stored in
// back-off form so a lookup is at most three hash probes into arrays used in place from the model
// file: p(w|u,v) = p3(w|u,v) if (u,v,w) was kept, else bow(u,v) * (p2(w|v) if seen, else
// bow(v) * p1(w)). For interpolated KN this is exact except for the pruned singleton trigrams.
#ifndef CONGVAN_REPAIR_LANGUAGE_MODEL_H_
#define CONGVAN_REPAIR_LANGUAGE_MODEL_H_

#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"
#include "repair/model_file.h"

namespace congvan::repair {

// Per-unigram values: log p1(w) and log back-off weight of context (w).
struct UnigramEntry {
  float logp;
  float logbow;
};
// Per-bigram values: log p2(w|v) and log back-off weight of context (v,w).
struct BigramEntry {
  float logp;
  float logbow;
};

// What a bigram (u, v) says as the context of a third word: log back-off weight, and whether
// any trigram after it is stored.
struct BigramContext {
  float bow = 0.0f;
  bool has_trigrams = false;
};

class LanguageModel {
 public:
  static Result<LanguageModel> FromModel(const ModelFile& file, size_t vocab_size);

  // Natural-log probability of `w` after `u v` (ids from the Lexicon; kBos pads the start).
  float LogProb(uint32_t u, uint32_t v, uint32_t w) const;
  // The three parts of LogProb, so the decoder can hoist what does not change in its inner loop:
  // LogProb(u,v,w) = stored trigram if any, else ContextBackoff(u,v) + LowerOrder(v,w).
  bool Trigram(uint32_t u, uint32_t v, uint32_t w, float* logp) const;
  float ContextBackoff(uint32_t u, uint32_t v) const;
  // The same, and whether any trigram after (u, v) is stored: when none is, the decoder skips
  // the trigram probes for that context (most pairs of candidates on damaged text).
  float ContextBackoff(uint32_t u, uint32_t v, bool* has_trigrams) const;
  float LowerOrder(uint32_t v, uint32_t w) const;
  // Batches of the above for one context and several words, with the probes of the whole batch
  // started together so that their cache misses overlap (the decoder's time is mostly misses).
  // LowerOrders: out[k] = LowerOrder(v, ws[k]), and in context[k] what
  // ContextBackoff(v, ws[k], &has_trigrams) would return (the decoder needs it one position
  // later, when (v, ws[k]) is the context: one probe, not two).
  void LowerOrders(uint32_t v, std::span<const uint32_t> ws, float* out,
                   BigramContext* context) const;
  // LogProbs: out[k] = LogProb(u, v, ws[k]) (as the stored trigram, or ContextBackoff(u, v) +
  // lower[k]), given lower[k] = LowerOrder(v, ws[k]).
  void LogProbs(uint32_t u, uint32_t v, std::span<const uint32_t> ws, const float* lower,
                float* out) const;
  // The same once ContextBackoff(u, v, &has_trigrams) gave `bow` and has_trigrams.
  void LogProbs(uint32_t u, uint32_t v, std::span<const uint32_t> ws, float bow,
                bool has_trigrams, const float* lower, float* out) const;
  // log p2(w|v) when the bigram (v, w) is stored.
  bool Bigram(uint32_t v, uint32_t w, float* logp) const;
  // log p1(w), for ranking candidates before context is known.
  float UnigramLogProb(uint32_t w) const { return unigrams_[w].logp; }
  size_t trigram_count() const { return trigram_count_; }
  size_t bigram_count() const { return bigram_count_; }

 private:
  std::span<const UnigramEntry> unigrams_;
  std::span<const uint64_t> bigram_keys_;
  std::span<const BigramEntry> bigram_values_;
  std::span<const uint64_t> trigram_keys_;
  std::span<const float> trigram_values_;
  std::span<const uint64_t> trigram_contexts_;  // bit per bigram slot: context has trigrams
  // One bit per hashed key, set for every stored key (built at load): most n-grams the decoder
  // asks for are not stored, and these small tables, which stay in cache, say so without a
  // probe into the large ones.
  std::vector<uint64_t> bigram_filter_, trigram_filter_;
  int bigram_filter_shift_ = 64, trigram_filter_shift_ = 64;
  size_t bigram_count_ = 0, trigram_count_ = 0;
};

// Accumulates training sequences and writes the model sections. Deterministic: counts are
// sorted, never iterated in hash order.
class LanguageModelTrainer {
 public:
  explicit LanguageModelTrainer(size_t vocab_size) : vocab_size_(vocab_size) {}
  // One document as vocabulary ids, without padding (kBos kBos ... kEos is added here).
  void AddSequence(const std::vector<uint32_t>& ids);
  // Estimates the model; trigrams seen fewer than `min_trigram_count` times are not stored.
  void Write(ModelWriter& writer, int min_trigram_count, std::string* summary) const;

 private:
  size_t vocab_size_;
  std::vector<uint64_t> trigrams_;  // packed (u,v,w), one entry per occurrence
};

// Packing of n-gram keys (21 bits per id) and the hash-table probe both sides use.
inline constexpr int kIdBits = 21;
inline uint64_t BigramKey(uint64_t v, uint64_t w) { return ((v << kIdBits) | w) + 1; }
inline uint64_t TrigramKey(uint64_t u, uint64_t v, uint64_t w) {
  return ((((u << kIdBits) | v) << kIdBits) | w) + 1;
}
inline uint64_t HashSlot(uint64_t key, uint64_t mask) {
  return ((key * 0x9E3779B97F4A7C15ULL) >> 29) & mask;
}

}  // namespace congvan::repair

#endif  // CONGVAN_REPAIR_LANGUAGE_MODEL_H_
