#include "repair/channel.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <tuple>

#include "text/fold.h"
#include "text/letters.h"
#include "text/utf8.h"

namespace congvan::repair {
namespace {

uint64_t OpKey(uint32_t from, uint32_t to1, uint32_t to2) {
  return (static_cast<uint64_t>(from & 0x3FFFFF) << 42) |
         (static_cast<uint64_t>(to1 & 0x1FFFFF) << 21) | (to2 & 0x1FFFFF);
}

constexpr int kMaxLen = kMaxChannelLength;

// Viterbi alignment: the cost and (if `ops` is given) the operations used.
template <typename OpFn>
float Align(std::u32string_view t, std::u32string_view o, OpFn&& op,
            std::vector<std::tuple<uint32_t, uint32_t, uint32_t>>* ops) {
  const size_t n = t.size(), m = o.size();
  float dp[kMaxLen + 1][kMaxLen + 1];
  uint8_t bk[kMaxLen + 1][kMaxLen + 1];
  dp[0][0] = 0;
  for (size_t i = 0; i <= n; ++i) {
    for (size_t j = 0; j <= m; ++j) {
      if (i == 0 && j == 0) continue;
      float best = 1e30f;
      uint8_t arg = 0;
      if (i > 0) {
        float c = dp[i - 1][j] + op(t[i - 1], 0, 0);
        if (c < best) best = c, arg = 1;
      }
      if (j > 0) {
        float c = dp[i][j - 1] + op(0, o[j - 1], 0);
        if (c < best) best = c, arg = 2;
      }
      if (i > 0 && j > 0) {
        float c = dp[i - 1][j - 1] + op(t[i - 1], o[j - 1], 0);
        if (c < best) best = c, arg = 3;
      }
      if (i > 0 && j > 1) {
        float c = dp[i - 1][j - 2] + op(t[i - 1], o[j - 2], o[j - 1]);
        if (c < best) best = c, arg = 4;
      }
      dp[i][j] = best;
      bk[i][j] = arg;
    }
  }
  if (ops) {
    size_t i = n, j = m;
    while (i > 0 || j > 0) {
      switch (bk[i][j]) {
        case 1: ops->emplace_back(t[i - 1], 0, 0); --i; break;
        case 2: ops->emplace_back(0, o[j - 1], 0); --j; break;
        case 3: ops->emplace_back(t[i - 1], o[j - 1], 0); --i; --j; break;
        default: ops->emplace_back(t[i - 1], o[j - 2], o[j - 1]); --i; j -= 2; break;
      }
    }
  }
  return dp[n][m];
}

// Vietnamese lower-case letters outside ASCII, sorted, to give each a symbol 128 + index.
constexpr std::u32string_view kLetters =
    U"àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ";
constexpr uint8_t kOther = 255;
// Signs an OCR puts for letters (¢ for ệ, § for ộ), given symbols of their own from 250 on.
constexpr std::u32string_view kSigns = U"¢§€©®";
constexpr uint8_t kFirstSign = 250;
// Symbols from 128 + kLetters.size() up to kFirstSign are spare: Symbol() never gives them, so
// no character stands behind them. They and kOther read back as U+FFFD, and their rows of the
// dense tables are filled like any unrelated character's but never looked up.
constexpr char32_t kNoCharacter = 0xFFFD;
static_assert(128 + kLetters.size() <= kFirstSign, "the letters run into the signs' symbols");
static_assert(kFirstSign + kSigns.size() == kOther, "one symbol per sign, then kOther");

uint8_t Symbol(char32_t c) {
  if (c < 128) return static_cast<uint8_t>(c);
  if (size_t k = kSigns.find(c); k != std::u32string_view::npos)
    return static_cast<uint8_t>(kFirstSign + k);
  auto it = std::lower_bound(kLetters.begin(), kLetters.end(), c);
  if (it != kLetters.end() && *it == c) return static_cast<uint8_t>(128 + (it - kLetters.begin()));
  return kOther;
}

char32_t CodePoint(uint8_t s) {
  if (s < 128) return s;
  if (s == kOther) return kNoCharacter;
  if (s >= kFirstSign) return kSigns[s - kFirstSign];
  if (size_t k = s - 128u; k < kLetters.size()) return kLetters[k];
  return kNoCharacter;  // a spare symbol
}

// Vowels grouped as base letter with its non-tone marks, followed by its five toned forms.
constexpr std::u32string_view kToneRows[] = {
    U"aàáảãạ", U"ăằắẳẵặ", U"âầấẩẫậ", U"eèéẻẽẹ", U"êềếểễệ", U"iìíỉĩị",
    U"oòóỏõọ", U"ôồốổỗộ", U"ơờớởỡợ", U"uùúủũụ", U"ưừứửữự", U"yỳýỷỹỵ"};

}  // namespace

char32_t StripTone(char32_t c) {
  if (c < 0x80) return c;
  for (std::u32string_view row : kToneRows)
    if (row.find(c) != std::u32string_view::npos) return row[0];
  return c;
}

char32_t LookalikeLetter(char32_t c) {
  switch (c) {
    case U'0': case U'6': case U'§': return U'o';
    case U'1': return U'l';
    case U'4': return U'a';
    case U'¢': case U'€': case U'&': return U'e';
    default: return 0;
  }
}

ChannelModel::ChannelModel(std::vector<ChannelOp> ops, ChannelDefaults defaults)
    : ops_(std::move(ops)), defaults_(defaults) {
  table_.reserve(ops_.size() * 2);
  for (const ChannelOp& op : ops_) table_[OpKey(op.from, op.to1, op.to2)] = op.cost;
  sub_.resize(256 * 256);
  del_.resize(256);
  ins_.resize(256);
  two_.resize(256);
  for (int a = 0; a < 256; ++a) {
    char32_t ca = CodePoint(static_cast<uint8_t>(a));
    del_[a] = Op(ca, 0, 0);
    ins_[a] = Op(0, ca, 0);
    for (int b = 0; b < 256; ++b) sub_[a * 256 + b] = Op(ca, CodePoint(static_cast<uint8_t>(b)), 0);
  }
  sub_[kOther * 256 + kOther] = defaults_.other;  // two unknown symbols: equal is checked apart
  // One character read as two: learned for this character, else for its tone class.
  for (int a = 0; a < 256; ++a) {
    char32_t ca = CodePoint(static_cast<uint8_t>(a));
    if (ca == kNoCharacter) continue;  // kOther or spare: no learned operation starts there
    for (uint32_t from : {static_cast<uint32_t>(ca), kToneClass | StripTone(ca)}) {
      float extra = from == ca ? 0.0f : defaults_.tone_class;
      for (const ChannelOp& op : ops_) {
        if (op.from != from || op.to2 == 0) continue;
        uint8_t o1 = Symbol(op.to1), o2 = Symbol(op.to2);
        auto& list = two_[a];
        bool known = std::any_of(list.begin(), list.end(),
                                 [&](const TwoOp& t) { return t.o1 == o1 && t.o2 == o2; });
        if (!known) list.push_back({o1, o2, op.cost + extra});
      }
    }
  }
  // Sorted, so that Scorer::CostsOf can search them (each pair is there once).
  for (auto& list : two_)
    std::sort(list.begin(), list.end(), [](const TwoOp& x, const TwoOp& y) {
      return std::tie(x.o1, x.o2) < std::tie(y.o1, y.o2);
    });
  two_min_.assign(256, defaults_.two);
  two_first_.assign(256 * 4, 0);
  for (int a = 0; a < 256; ++a)
    for (const TwoOp& op : two_[a]) {
      two_min_[a] = std::min(two_min_[a], op.cost);
      two_first_[a * 4 + op.o1 / 64] |= uint64_t{1} << (op.o1 % 64);
    }
  const float kInf = std::numeric_limits<float>::infinity();
  base_sub_.assign(256 * 256, kInf);
  base_del_.assign(256, kInf);
  base_two_.assign(256, kInf);
  for (int a = 0; a < 256; ++a) {
    char32_t ca = CodePoint(static_cast<uint8_t>(a));
    if (ca == kNoCharacter) continue;  // kOther or spare: the marked form of no base letter
    uint8_t b = Symbol(text::StripMarks(ca));
    base_del_[b] = std::min(base_del_[b], del_[a]);
    base_two_[b] = std::min(base_two_[b], two_min_[a]);
    for (int o = 0; o < 256; ++o)
      base_sub_[b * 256 + o] = std::min(base_sub_[b * 256 + o], sub_[a * 256 + o]);
  }
}

Result<ChannelModel> ChannelModel::FromModel(const ModelFile& file, uint32_t tag) {
  auto ops = file.Array<ChannelOp>(tag);
  if (!ops.ok()) return ops.status();
  return ChannelModel(std::vector<ChannelOp>(ops->begin(), ops->end()));
}

float ChannelModel::Op(uint32_t from, uint32_t to1, uint32_t to2) const {
  auto it = table_.find(OpKey(from, to1, to2));
  if (it != table_.end()) return it->second;
  if (from != 0 && from != to1) {
    it = table_.find(OpKey(kToneClass | StripTone(from), to1, to2));
    if (it != table_.end()) return it->second + defaults_.tone_class;
  }
  if (from == 0) return defaults_.insertion;
  if (to1 == 0) return defaults_.deletion;
  if (to2 != 0) return defaults_.two;
  if (from == to1) return defaults_.same;
  if (text::StripMarks(from) == text::StripMarks(to1)) return defaults_.same_base;
  char32_t look = LookalikeLetter(to1);
  if (look != 0 && text::StripMarks(from) == look) return defaults_.lookalike;
  // A capital Đ read without its bar by an English-model OCR looks like P ("Pang uy" for "Đảng
  // ủy", "Poc lap" for "Độc lập" on the seed scans); the rendered pages the costs are learned
  // from never showed it (Liberation Serif's Đ reads as D).
  if (from == U'đ' && to1 == U'p') return defaults_.bar_lost;
  return defaults_.other;
}

char32_t ChannelModel::CharacterOf(uint8_t symbol) { return CodePoint(symbol); }

std::string ChannelModel::Symbols(std::u32string_view text) {
  std::string out(text.size(), '\0');
  for (size_t i = 0; i < text.size(); ++i) out[i] = static_cast<char>(Symbol(text[i]));
  return out;
}

float ChannelModel::Cost(std::u32string_view truth, std::u32string_view observed,
                         float bound) const {
  if (truth.size() > kMaxLen || observed.size() > kMaxLen) return 1e9f;
  if (sub_.empty()) {
    return Align(truth, observed,
                 [this](uint32_t a, uint32_t b, uint32_t c) { return Op(a, b, c); }, nullptr);
  }
  return Cost(Symbols(truth), Symbols(observed), truth, observed, bound);
}

float ChannelModel::FillRow(const float* above, float* row, uint8_t t, char32_t truth_char,
                            const uint8_t* o, std::u32string_view observed) const {
  const size_t m = observed.size();
  const float del = del_[t], two_min = two_min_[t];
  const float* sub = &sub_[t * 256];
  row[0] = above[0] + del;
  float row_min = row[0];
  for (size_t j = 1; j <= m; ++j) {
    float best = std::min(above[j] + del, row[j - 1] + ins_[o[j - 1]]);
    // Two characters outside the alphabet share a symbol: only the same one is "same".
    float c = (t == kOther && truth_char == observed[j - 1]) ? defaults_.same : sub[o[j - 1]];
    best = std::min(best, above[j - 1] + c);
    // One character read as two; the list is searched only when it could win.
    if (j > 1 && above[j - 2] + two_min < best) {
      float c2 = defaults_.two;
      for (const TwoOp& op : two_[t])
        if (op.o1 == o[j - 2] && op.o2 == o[j - 1]) c2 = op.cost;
      best = std::min(best, above[j - 2] + c2);
    }
    row[j] = best;
    row_min = std::min(row_min, best);
  }
  return row_min;
}

void ChannelModel::FillFirstRow(float* row, const uint8_t* o, size_t m) const {
  row[0] = 0;
  for (size_t j = 1; j <= m; ++j) row[j] = row[j - 1] + ins_[o[j - 1]];
}

float ChannelModel::Cost(std::string_view ts, std::string_view os, std::u32string_view truth,
                         std::u32string_view observed, float bound) const {
  const size_t n = truth.size(), m = observed.size();
  if (n > kMaxLen || m > kMaxLen || sub_.empty()) return Cost(truth, observed, bound);
  const uint8_t* t = reinterpret_cast<const uint8_t*>(ts.data());
  const uint8_t* o = reinterpret_cast<const uint8_t*>(os.data());
  float dp[kMaxLen + 1][kMaxLen + 1];
  FillFirstRow(dp[0], o, m);
  for (size_t i = 1; i <= n; ++i) {
    float row_min = FillRow(dp[i - 1], dp[i], t[i - 1], truth[i - 1], o, observed);
    // Every alignment passes through each row and no operation has a negative cost.
    if (row_min > bound) return row_min;
  }
  return dp[n][m];
}

ChannelModel::Scorer::Scorer(const ChannelModel& model, std::u32string_view observed)
    : model_(model), observed_(observed), observed_symbols_(Symbols(observed)) {
  std::fill(std::begin(costs_index_), std::end(costs_index_), int16_t{-1});
  costs_.reserve(48);
  if (observed_.size() > kMaxLen || model_.sub_.empty()) return;
  const uint8_t* o = reinterpret_cast<const uint8_t*>(observed_symbols_.data());
  model_.FillFirstRow(dp_[0], o, observed_.size());
  std::copy(dp_[0], dp_[0] + observed_.size() + 1, lb_dp_[0]);
  for (size_t j = 1; j <= observed_.size(); ++j) ins_[j] = model_.ins_[o[j - 1]];
}

float ChannelModel::Scorer::SkeletonLowerBound(std::string_view skeleton, float bound) {
  const size_t n = skeleton.size(), m = observed_.size();
  if (n > kMaxLen || m > kMaxLen || model_.sub_.empty()) return 0.0f;
  const uint8_t* t = reinterpret_cast<const uint8_t*>(skeleton.data());
  size_t shared = 0;
  while (shared < lb_valid_rows_ && shared < n && lb_rows_for_[shared] == t[shared]) ++shared;
  if (shared > 0 && lb_row_min_[shared] > bound) return lb_row_min_[shared];
  for (size_t i = shared + 1; i <= n; ++i) {
    const float* above = lb_dp_[i - 1];
    float* row = lb_dp_[i];
    const float del = model_.base_del_[t[i - 1]], two = model_.base_two_[t[i - 1]];
    const float* sub = &model_.base_sub_[t[i - 1] * 256];
    row[0] = above[0] + del;
    float row_min = row[0];
    for (size_t j = 1; j <= m; ++j) {
      float best = std::min(above[j] + del, row[j - 1] + ins_[j]);
      best = std::min(best, above[j - 1] + sub[static_cast<uint8_t>(observed_symbols_[j - 1])]);
      if (j > 1) best = std::min(best, above[j - 2] + two);
      row[j] = best;
      row_min = std::min(row_min, best);
    }
    lb_rows_for_[i - 1] = t[i - 1];
    lb_row_min_[i] = row_min;
    lb_valid_rows_ = i;
    if (row_min > bound) return row_min;
  }
  lb_valid_rows_ = n;
  return lb_dp_[n][m];
}

const ChannelModel::Scorer::SymbolCosts& ChannelModel::Scorer::CostsOf(uint8_t t) {
  if (costs_index_[t] >= 0) return costs_[costs_index_[t]];
  const uint8_t* o = reinterpret_cast<const uint8_t*>(observed_symbols_.data());
  SymbolCosts c;
  c.del = model_.del_[t];
  c.sub[0] = c.two[0] = c.two[1] = 0;
  for (size_t j = 1; j <= observed_.size(); ++j) {
    c.sub[j] = model_.sub_[t * 256 + o[j - 1]];
    if (j < 2) continue;
    c.two[j] = model_.defaults_.two;
    if (!((model_.two_first_[t * 4 + o[j - 2] / 64] >> (o[j - 2] % 64)) & 1)) continue;
    const auto& list = model_.two_[t];
    auto it = std::lower_bound(list.begin(), list.end(), std::make_pair(o[j - 2], o[j - 1]),
                               [](const TwoOp& x, const std::pair<uint8_t, uint8_t>& key) {
                                 return std::tie(x.o1, x.o2) < std::tie(key.first, key.second);
                               });
    bool found = it != list.end() && it->o1 == o[j - 2] && it->o2 == o[j - 1];
    c.two[j] = found ? it->cost : model_.defaults_.two;
  }
  costs_index_[t] = static_cast<int16_t>(costs_.size());
  costs_.push_back(c);
  return costs_.back();
}

// FillRow with the costs looked up once per token. Same operations, same order of additions:
// the two-character term is always taken, which FillRow only skips when it cannot win.
float ChannelModel::Scorer::Row(const float* above, float* row, uint8_t t, char32_t truth_char) {
  if (t == kOther)  // compared by code point: no per-symbol costs
    return model_.FillRow(above, row, t, truth_char,
                          reinterpret_cast<const uint8_t*>(observed_symbols_.data()), observed_);
  const SymbolCosts& c = CostsOf(t);
  const size_t m = observed_.size();
  row[0] = above[0] + c.del;
  float row_min = row[0];
  for (size_t j = 1; j <= m; ++j) {
    float best = std::min(above[j] + c.del, row[j - 1] + ins_[j]);
    best = std::min(best, above[j - 1] + c.sub[j]);
    if (j > 1) best = std::min(best, above[j - 2] + c.two[j]);
    row[j] = best;
    row_min = std::min(row_min, best);
  }
  return row_min;
}

float ChannelModel::Scorer::Cost(std::string_view truth_symbols, std::u32string_view truth,
                                 float bound) {
  const size_t n = truth.size();
  if (n > kMaxLen || observed_.size() > kMaxLen || model_.sub_.empty())
    return model_.Cost(truth_symbols, observed_symbols_, truth, observed_, bound);
  // Rows 1..shared were filled for a syllable with the same first `shared` characters.
  size_t shared = 0;
  while (shared < valid_rows_ && shared < n && rows_for_[shared] == truth[shared]) ++shared;
  // Row minima never decrease downwards, so the last shared row decides for all of them.
  if (shared > 0 && row_min_[shared] > bound) return row_min_[shared];
  const uint8_t* t = reinterpret_cast<const uint8_t*>(truth_symbols.data());
  for (size_t i = shared + 1; i <= n; ++i) {
    rows_for_[i - 1] = truth[i - 1];
    row_min_[i] = Row(dp_[i - 1], dp_[i], t[i - 1], truth[i - 1]);
    valid_rows_ = i;
    if (row_min_[i] > bound) return row_min_[i];
  }
  valid_rows_ = n;
  return dp_[n][observed_.size()];
}

ChannelModel ChannelModel::Train(const std::vector<Pair>& pairs, int iterations) {
  ChannelModel model;
  for (int it = 0; it < iterations; ++it) {
    std::map<std::tuple<uint32_t, uint32_t, uint32_t>, double> counts;
    std::map<uint32_t, double> from_total;
    std::vector<std::tuple<uint32_t, uint32_t, uint32_t>> ops;
    for (const Pair& p : pairs) {
      if (p.truth.size() > kMaxLen || p.observed.size() > kMaxLen) continue;
      ops.clear();
      Align(p.truth, p.observed,
            [&model](uint32_t a, uint32_t b, uint32_t c) { return model.Op(a, b, c); }, &ops);
      for (auto& op : ops) {
        counts[op] += p.count;
        from_total[std::get<0>(op)] += p.count;
      }
      // Every true character is also an opportunity for an insertion after it.
      from_total[0] += static_cast<double>(p.truth.size()) * p.count;
    }
    // Tone classes pool the evidence of a vowel's six toned forms, for the forms not seen.
    std::map<std::tuple<uint32_t, uint32_t, uint32_t>, double> class_counts;
    std::map<uint32_t, double> class_total;
    for (auto& [op, c] : counts) {
      auto [from, to1, to2] = op;
      if (from == 0 || from == to1) continue;
      class_counts[{kToneClass | StripTone(from), to1, to2}] += c;
    }
    for (auto& [from, total] : from_total)
      if (from != 0) class_total[kToneClass | StripTone(from)] += total;
    std::vector<ChannelOp> learned;
    for (auto& [op, c] : counts) {
      auto [from, to1, to2] = op;
      if (c < 2) continue;  // a single sighting is as likely alignment noise as a real confusion
      double p = c / (from_total[from] + 1.0);
      learned.push_back({from, to1, to2, static_cast<float>(-std::log(p))});
    }
    for (auto& [op, c] : class_counts) {
      auto [from, to1, to2] = op;
      if (c < 2) continue;
      double p = c / (class_total[from] + 1.0);
      learned.push_back({from, to1, to2, static_cast<float>(-std::log(p))});
    }
    model = ChannelModel(std::move(learned));
  }
  return model;
}

std::string ChannelModel::Serialize() const {
  return std::string(reinterpret_cast<const char*>(ops_.data()), ops_.size() * sizeof(ChannelOp));
}

}  // namespace congvan::repair
