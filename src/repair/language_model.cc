#include "repair/language_model.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "repair/lexicon.h"

namespace congvan::repair {
namespace {

// Probe for `key` in an open-addressing table whose size is a power of two; -1 when absent.
int64_t Probe(std::span<const uint64_t> keys, uint64_t key) {
  if (keys.empty()) return -1;
  uint64_t mask = keys.size() - 1;
  for (uint64_t s = HashSlot(key, mask);; s = (s + 1) & mask) {
    if (keys[s] == key) return static_cast<int64_t>(s);
    if (keys[s] == 0) return -1;
  }
}

// Filter bit of `key` for a filter of 2^(64 - shift) bits (a hash unrelated to HashSlot's).
uint64_t FilterBit(uint64_t key, int shift) { return (key * 0xD6E8FEB86659FD93ULL) >> shift; }

// A filter with about 12 bits per stored key of `keys` (0 = empty slot).
std::vector<uint64_t> BuildFilter(std::span<const uint64_t> keys, int* shift) {
  size_t stored = 0;
  for (uint64_t k : keys) stored += k != 0;
  int bits = 10;
  while ((size_t{1} << bits) < stored * 12) ++bits;
  *shift = 64 - bits;
  std::vector<uint64_t> filter((size_t{1} << bits) / 64, 0);
  for (uint64_t k : keys) {
    if (k == 0) continue;
    uint64_t b = FilterBit(k, *shift);
    filter[b >> 6] |= uint64_t{1} << (b & 63);
  }
  return filter;
}

bool MayContain(const std::vector<uint64_t>& filter, int shift, uint64_t key) {
  uint64_t b = FilterBit(key, shift);
  return (filter[b >> 6] >> (b & 63)) & 1;
}

size_t TableSize(size_t n) {
  size_t cap = 16;
  while (cap < n + n / 2) cap <<= 1;
  return cap;
}

template <typename V>
void Insert(std::vector<uint64_t>& keys, std::vector<V>& values, uint64_t key, const V& v) {
  uint64_t mask = keys.size() - 1;
  uint64_t s = HashSlot(key, mask);
  while (keys[s] != 0) s = (s + 1) & mask;
  keys[s] = key;
  values[s] = v;
}

// Modified KN discounts D1, D2, D3+ from counts-of-counts n1..n4 (Chen & Goodman 1998).
std::array<double, 4> Discounts(const std::array<double, 5>& n) {
  std::array<double, 4> d{0, 0.5, 1.0, 1.5};
  if (n[1] <= 0 || n[2] <= 0) return d;
  double y = n[1] / (n[1] + 2 * n[2]);
  d[1] = std::clamp(1 - 2 * y * n[2] / n[1], 0.05, 0.95);
  d[2] = n[3] > 0 ? std::clamp(2 - 3 * y * n[3] / n[2], 0.1, 1.9) : 1.0;
  d[3] = (n[3] > 0 && n[4] > 0) ? std::clamp(3 - 4 * y * n[4] / n[3], 0.2, 2.9) : 1.5;
  return d;
}

double D(const std::array<double, 4>& d, uint64_t c) { return d[std::min<uint64_t>(c, 3)]; }

constexpr uint64_t kMask = (1ULL << kIdBits) - 1;

}  // namespace

Result<LanguageModel> LanguageModel::FromModel(const ModelFile& file, size_t vocab_size) {
  LanguageModel lm;
  auto uni = file.Array<UnigramEntry>(kUnigrams);
  auto bk = file.Array<uint64_t>(kBigramKeys);
  auto bv = file.Array<BigramEntry>(kBigramValues);
  auto tk = file.Array<uint64_t>(kTrigramKeys);
  auto tv = file.Array<float>(kTrigramValues);
  auto tc = file.Array<uint64_t>(kTrigramContexts);
  for (const Status& s :
       {uni.status(), bk.status(), bv.status(), tk.status(), tv.status(), tc.status()})
    if (!s.ok()) return s;
  auto pow2 = [](size_t n) { return n != 0 && (n & (n - 1)) == 0; };
  if (uni->size() != vocab_size || bk->size() != bv->size() || tk->size() != tv->size() ||
      !pow2(bk->size()) || !pow2(tk->size()) || tc->size() != (bk->size() + 63) / 64)
    return Status::InvalidInput("repair model language-model tables are inconsistent");
  lm.unigrams_ = *uni;
  lm.bigram_keys_ = *bk;
  lm.bigram_values_ = *bv;
  lm.trigram_keys_ = *tk;
  lm.trigram_values_ = *tv;
  lm.trigram_contexts_ = *tc;
  lm.bigram_filter_ = BuildFilter(*bk, &lm.bigram_filter_shift_);
  lm.trigram_filter_ = BuildFilter(*tk, &lm.trigram_filter_shift_);
  for (uint64_t k : *bk) lm.bigram_count_ += k != 0;
  for (uint64_t k : *tk) lm.trigram_count_ += k != 0;
  return lm;
}

float LanguageModel::LogProb(uint32_t u, uint32_t v, uint32_t w) const {
  int64_t t = Probe(trigram_keys_, TrigramKey(u, v, w));
  if (t >= 0) return trigram_values_[t];
  float bow = 0;
  int64_t ctx = Probe(bigram_keys_, BigramKey(u, v));
  if (ctx >= 0) bow = bigram_values_[ctx].logbow;
  int64_t b = Probe(bigram_keys_, BigramKey(v, w));
  if (b >= 0) return bow + bigram_values_[b].logp;
  return bow + unigrams_[v].logbow + unigrams_[w].logp;
}

bool LanguageModel::Trigram(uint32_t u, uint32_t v, uint32_t w, float* logp) const {
  uint64_t key = TrigramKey(u, v, w);
  if (!MayContain(trigram_filter_, trigram_filter_shift_, key)) return false;
  int64_t t = Probe(trigram_keys_, key);
  if (t < 0) return false;
  *logp = trigram_values_[t];
  return true;
}

float LanguageModel::ContextBackoff(uint32_t u, uint32_t v) const {
  int64_t ctx = Probe(bigram_keys_, BigramKey(u, v));
  return ctx >= 0 ? bigram_values_[ctx].logbow : 0.0f;
}

float LanguageModel::ContextBackoff(uint32_t u, uint32_t v, bool* has_trigrams) const {
  uint64_t key = BigramKey(u, v);
  *has_trigrams = false;
  if (!MayContain(bigram_filter_, bigram_filter_shift_, key)) return 0.0f;
  int64_t ctx = Probe(bigram_keys_, key);
  *has_trigrams = ctx >= 0 && ((trigram_contexts_[ctx >> 6] >> (ctx & 63)) & 1);
  return ctx >= 0 ? bigram_values_[ctx].logbow : 0.0f;
}

bool LanguageModel::Bigram(uint32_t v, uint32_t w, float* logp) const {
  uint64_t key = BigramKey(v, w);
  if (!MayContain(bigram_filter_, bigram_filter_shift_, key)) return false;
  int64_t b = Probe(bigram_keys_, key);
  if (b < 0) return false;
  *logp = bigram_values_[b].logp;
  return true;
}

float LanguageModel::LowerOrder(uint32_t v, uint32_t w) const {
  uint64_t key = BigramKey(v, w);
  int64_t b = MayContain(bigram_filter_, bigram_filter_shift_, key) ? Probe(bigram_keys_, key) : -1;
  return b >= 0 ? bigram_values_[b].logp : unigrams_[v].logbow + unigrams_[w].logp;
}

void LanguageModel::LowerOrders(uint32_t v, std::span<const uint32_t> ws, float* out,
                                BigramContext* context) const {
  const uint64_t mask = bigram_keys_.size() - 1;
  for (uint32_t w : ws) {
    uint64_t key = BigramKey(v, w);
    if (MayContain(bigram_filter_, bigram_filter_shift_, key))
      __builtin_prefetch(&bigram_keys_[HashSlot(key, mask)]);
  }
  for (size_t k = 0; k < ws.size(); ++k) {
    uint64_t key = BigramKey(v, ws[k]);
    int64_t b =
        MayContain(bigram_filter_, bigram_filter_shift_, key) ? Probe(bigram_keys_, key) : -1;
    if (b < 0) {
      out[k] = unigrams_[v].logbow + unigrams_[ws[k]].logp;
      context[k] = BigramContext();
      continue;
    }
    out[k] = bigram_values_[b].logp;
    context[k] = {bigram_values_[b].logbow, ((trigram_contexts_[b >> 6] >> (b & 63)) & 1) != 0};
  }
}

void LanguageModel::LogProbs(uint32_t u, uint32_t v, std::span<const uint32_t> ws,
                             const float* lower, float* out) const {
  bool has_trigrams;
  float bow = ContextBackoff(u, v, &has_trigrams);
  LogProbs(u, v, ws, bow, has_trigrams, lower, out);
}

void LanguageModel::LogProbs(uint32_t u, uint32_t v, std::span<const uint32_t> ws, float bow,
                             bool has_trigrams, const float* lower, float* out) const {
  if (!has_trigrams) {  // no trigram after (u, v) is stored: skip the probes
    for (size_t k = 0; k < ws.size(); ++k) out[k] = bow + lower[k];
    return;
  }
  const uint64_t mask = trigram_keys_.size() - 1;
  for (uint32_t w : ws) {
    uint64_t key = TrigramKey(u, v, w);
    if (MayContain(trigram_filter_, trigram_filter_shift_, key))
      __builtin_prefetch(&trigram_keys_[HashSlot(key, mask)]);
  }
  for (size_t k = 0; k < ws.size(); ++k)
    if (!Trigram(u, v, ws[k], &out[k])) out[k] = bow + lower[k];
}

void LanguageModelTrainer::AddSequence(const std::vector<uint32_t>& ids) {
  uint64_t u = kBos, v = kBos;
  for (size_t i = 0; i <= ids.size(); ++i) {
    uint64_t w = i < ids.size() ? ids[i] : kEos;
    trigrams_.push_back((((u << kIdBits) | v) << kIdBits) | w);
    u = v;
    v = w;
  }
}

void LanguageModelTrainer::Write(ModelWriter& writer, int min_trigram_count,
                                 std::string* summary) const {
  // 1. Trigram types with counts, sorted by (u,v,w).
  std::vector<uint64_t> all = trigrams_;
  std::sort(all.begin(), all.end());
  std::vector<std::pair<uint64_t, uint32_t>> tri;
  for (size_t i = 0; i < all.size();) {
    size_t j = i;
    while (j < all.size() && all[j] == all[i]) ++j;
    tri.emplace_back(all[i], static_cast<uint32_t>(j - i));
    i = j;
  }
  std::vector<uint64_t>().swap(all);
  // 2. Bigram continuation counts N1+(. v w): distinct u per (v,w).
  std::vector<uint64_t> vw;
  vw.reserve(tri.size());
  for (auto& [k, c] : tri) vw.push_back(k & ((1ULL << (2 * kIdBits)) - 1));
  std::sort(vw.begin(), vw.end());
  std::vector<std::pair<uint64_t, uint32_t>> bi;  // (v,w) -> continuation count
  for (size_t i = 0; i < vw.size();) {
    size_t j = i;
    while (j < vw.size() && vw[j] == vw[i]) ++j;
    bi.emplace_back(vw[i], static_cast<uint32_t>(j - i));
    i = j;
  }
  std::vector<uint64_t>().swap(vw);
  // 3. Unigram continuation counts N1+(. w): distinct v per w.
  std::vector<double> uni_cont(vocab_size_, 0);
  for (auto& [k, c] : bi) uni_cont[k & kMask] += 1;

  // Discounts per order from counts-of-counts.
  std::array<double, 5> n3{}, n2{}, n1{};
  for (auto& [k, c] : tri) if (c <= 4) n3[c] += 1;
  for (auto& [k, c] : bi) if (c <= 4) n2[c] += 1;
  for (double c : uni_cont) if (c >= 1 && c <= 4) n1[static_cast<int>(c)] += 1;
  auto d3 = Discounts(n3), d2 = Discounts(n2), d1 = Discounts(n1);

  // Unigrams: p1(w) = max(N(.w) - D, 0)/N(..) + gamma/V.
  double total = 0, gamma_mass = 0;
  for (size_t w = 0; w < vocab_size_; ++w) {
    total += uni_cont[w];
    if (uni_cont[w] > 0) gamma_mass += D(d1, static_cast<uint64_t>(uni_cont[w]));
  }
  std::vector<UnigramEntry> unigrams(vocab_size_);
  std::vector<double> p1(vocab_size_);
  for (size_t w = 0; w < vocab_size_; ++w) {
    double c = uni_cont[w];
    double p = (c > 0 ? (c - D(d1, static_cast<uint64_t>(c))) / total : 0) +
               gamma_mass / total / static_cast<double>(vocab_size_);
    if (w == kBos) p = 1e-12;
    p1[w] = p;
    unigrams[w] = {static_cast<float>(std::log(p)), 0.0f};
  }
  // Bigrams: p2(w|v) = max(N(.vw) - D, 0)/N(.v.) + gamma(v) p1(w).
  std::vector<double> p2(bi.size());
  for (size_t i = 0; i < bi.size();) {
    uint64_t v = bi[i].first >> kIdBits;
    size_t j = i;
    double sum = 0, g = 0;
    while (j < bi.size() && (bi[j].first >> kIdBits) == v) {
      sum += bi[j].second;
      g += D(d2, bi[j].second);
      ++j;
    }
    double gamma = g / sum;
    unigrams[v].logbow = static_cast<float>(std::log(gamma));
    for (size_t k = i; k < j; ++k)
      p2[k] = (bi[k].second - D(d2, bi[k].second)) / sum + gamma * p1[bi[k].first & kMask];
    i = j;
  }
  // Trigrams, grouped by context (u,v): p3 = max(c - D, 0)/c(uv.) + gamma(uv) p2(w|v).
  std::vector<uint64_t> bkeys(TableSize(bi.size()), 0);
  std::vector<BigramEntry> bvals(bkeys.size(), BigramEntry{0, 0});
  std::vector<float> bow_uv(bi.size(), 0.0f);
  std::vector<bool> has_kept(bi.size(), false);
  size_t kept = 0;
  for (auto& [k, c] : tri) kept += c >= static_cast<uint32_t>(min_trigram_count);
  std::vector<uint64_t> tkeys(TableSize(kept), 0);
  std::vector<float> tvals(tkeys.size(), 0.0f);
  auto bigram_index = [&](uint64_t vw) {
    auto it = std::lower_bound(bi.begin(), bi.end(), std::make_pair(vw, 0u));
    return static_cast<size_t>(it - bi.begin());
  };
  for (size_t i = 0; i < tri.size();) {
    uint64_t uv = tri[i].first >> kIdBits;
    size_t j = i;
    double sum = 0, g = 0;
    while (j < tri.size() && (tri[j].first >> kIdBits) == uv) {
      sum += tri[j].second;
      g += D(d3, tri[j].second);
      ++j;
    }
    double gamma = g / sum;
    size_t uv_index = bigram_index(uv);
    if (uv_index < bi.size() && bi[uv_index].first == uv)
      bow_uv[uv_index] = static_cast<float>(std::log(gamma));
    for (size_t k = i; k < j; ++k) {
      if (tri[k].second < static_cast<uint32_t>(min_trigram_count)) continue;
      uint64_t vw = tri[k].first & ((1ULL << (2 * kIdBits)) - 1);
      double p = (tri[k].second - D(d3, tri[k].second)) / sum + gamma * p2[bigram_index(vw)];
      uint64_t u = tri[k].first >> (2 * kIdBits), v = vw >> kIdBits, w = vw & kMask;
      float lp = static_cast<float>(std::log(p));
      Insert(tkeys, tvals, TrigramKey(u, v, w), lp);
      if (uv_index < bi.size() && bi[uv_index].first == uv) has_kept[uv_index] = true;
    }
    i = j;
  }
  for (size_t k = 0; k < bi.size(); ++k) {
    uint64_t v = bi[k].first >> kIdBits, w = bi[k].first & kMask;
    Insert(bkeys, bvals, BigramKey(v, w),
           BigramEntry{static_cast<float>(std::log(p2[k])), bow_uv[k]});
  }
  std::vector<uint64_t> contexts((bkeys.size() + 63) / 64, 0);
  for (size_t k = 0; k < bi.size(); ++k) {
    if (!has_kept[k]) continue;
    uint64_t v = bi[k].first >> kIdBits, w = bi[k].first & kMask;
    int64_t slot = Probe(bkeys, BigramKey(v, w));
    contexts[slot >> 6] |= 1ULL << (slot & 63);
  }
  writer.AddArray(kTrigramContexts, contexts);
  writer.AddArray(kUnigrams, unigrams);
  writer.AddArray(kBigramKeys, bkeys);
  writer.AddArray(kBigramValues, bvals);
  writer.AddArray(kTrigramKeys, tkeys);
  writer.AddArray(kTrigramValues, tvals);
  if (summary) {
    *summary = "tokens " + std::to_string(trigrams_.size()) + ", bigrams " +
               std::to_string(bi.size()) + ", trigrams " + std::to_string(tri.size()) +
               " (kept " + std::to_string(kept) + "), D3 " + std::to_string(d3[1]) + "/" +
               std::to_string(d3[2]) + "/" + std::to_string(d3[3]);
  }
}

}  // namespace congvan::repair
