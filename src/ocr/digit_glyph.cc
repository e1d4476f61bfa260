#include "ocr/digit_glyph.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>

namespace congvan::ocr {
namespace {

// The glyph's longer side in the square, leaving a margin as MNIST does: a stroke that ends at
// the border and one that ends a pixel short look alike.
constexpr int kGlyphBody = 16;
// The most shear the upright view applies: a "7"'s diagonal or a "4"'s slope is the digit's
// own and must not be stood up entirely.
constexpr double kMostSkew = 0.35;
constexpr char kMagic[8] = {'C', 'V', 'D', 'I', 'G', 'I', 'T', '1'};

template <typename T>
void Put(std::string& out, const T& v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

template <typename T>
bool Take(std::string_view& in, T* v) {
  if (in.size() < sizeof *v) return false;
  std::memcpy(v, in.data(), sizeof *v);
  in.remove_prefix(sizeof *v);
  return true;
}

bool TakeFloats(std::string_view& in, std::vector<float>& v, std::size_t n) {
  if (in.size() < n * sizeof(float)) return false;
  v.resize(n);
  std::memcpy(v.data(), in.data(), n * sizeof(float));
  in.remove_prefix(n * sizeof(float));
  return true;
}

}  // namespace

GlyphFeatures NormalizeGlyph(const Pix* binary, bool upright) {
  GlyphFeatures out{};
  Pix* pix = const_cast<Pix*>(binary);
  if (pix == nullptr || pixGetDepth(pix) != 1) return out;
  const int w = pixGetWidth(pix), h = pixGetHeight(pix);
  std::vector<std::pair<int, int>> ink;
  l_uint32 bit = 0;
  double mx = 0, my = 0;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      pixGetPixel(pix, x, y, &bit);
      if (bit == 0) continue;
      ink.emplace_back(x, y);
      mx += x, my += y;
    }
  }
  if (ink.empty()) return out;
  mx /= static_cast<double>(ink.size()), my /= static_cast<double>(ink.size());
  double skew = 0;
  if (upright) {
    double cov = 0, var = 0;
    for (auto [x, y] : ink) cov += (x - mx) * (y - my), var += (y - my) * (y - my);
    skew = var > 0 ? std::clamp(cov / var, -kMostSkew, kMostSkew) : 0.0;
  }
  double x0 = 1e9, x1 = -1e9, y0 = 1e9, y1 = -1e9;
  for (auto [x, y] : ink) {
    const double u = x - skew * (y - my);
    x0 = std::min(x0, u), x1 = std::max(x1, u + 1);
    y0 = std::min<double>(y0, y), y1 = std::max<double>(y1, y + 1);
  }
  const double iw = x1 - x0, ih = y1 - y0;
  const double scale = kGlyphBody / std::max(iw, ih);
  const double ox = (kGlyphSide - iw * scale) / 2, oy = (kGlyphSide - ih * scale) / 2;
  // Each source pixel spreads its ink over the output cells its square covers (area sampling),
  // so thin strokes of a large glyph stay visible after the shrink.
  for (auto [x, y] : ink) {
    const double sx0 = ox + (x - skew * (y - my) - x0) * scale, sy0 = oy + (y - y0) * scale;
    const double sx1 = sx0 + scale, sy1 = sy0 + scale;
    for (int cy = std::max(0, static_cast<int>(sy0)); cy < kGlyphSide && cy < sy1; ++cy) {
      const double hy = std::min<double>(cy + 1, sy1) - std::max<double>(cy, sy0);
      if (hy <= 0) continue;
      for (int cx = std::max(0, static_cast<int>(sx0)); cx < kGlyphSide && cx < sx1; ++cx) {
        const double hx = std::min<double>(cx + 1, sx1) - std::max<double>(cx, sx0);
        if (hx > 0) out[cy * kGlyphSide + cx] += static_cast<float>(hx * hy);
      }
    }
  }
  for (float& v : out) v = std::min(v, 1.0f);
  return out;
}

DigitModel DigitModel::Untrained(int hidden, std::uint32_t seed) {
  DigitModel m;
  m.hidden_ = hidden;
  std::mt19937 rng(seed);
  std::normal_distribution<float> first(0.0f, 1.0f / std::sqrt(static_cast<float>(kGlyphInputs)));
  std::normal_distribution<float> second(0.0f, 1.0f / std::sqrt(static_cast<float>(hidden)));
  m.w1_.resize(static_cast<std::size_t>(hidden) * kGlyphInputs);
  for (float& v : m.w1_) v = first(rng);
  m.b1_.assign(hidden, 0.0f);
  m.w2_.resize(static_cast<std::size_t>(kDigitClasses) * hidden);
  for (float& v : m.w2_) v = second(rng);
  m.b2_.assign(kDigitClasses, 0.0f);
  return m;
}

std::string DigitModel::Serialize() const {
  std::string out(kMagic, sizeof kMagic);
  Put(out, static_cast<std::int32_t>(hidden_));
  for (const std::vector<float>* v : {&w1_, &b1_, &w2_, &b2_}) {
    out.append(reinterpret_cast<const char*>(v->data()), v->size() * sizeof(float));
  }
  return out;
}

Result<DigitModel> DigitModel::FromBytes(std::string_view in) {
  const Status bad = Status::InvalidInput("mô hình chữ số viết tay hỏng");
  if (in.size() < sizeof kMagic || in.substr(0, sizeof kMagic) != std::string_view(kMagic, 8)) {
    return bad;
  }
  in.remove_prefix(sizeof kMagic);
  std::int32_t hidden = 0;
  if (!Take(in, &hidden) || hidden <= 0 || hidden > 4096) return bad;
  DigitModel m;
  m.hidden_ = hidden;
  const std::size_t h = static_cast<std::size_t>(hidden);
  if (!TakeFloats(in, m.w1_, h * kGlyphInputs) || !TakeFloats(in, m.b1_, h) ||
      !TakeFloats(in, m.w2_, kDigitClasses * h) || !TakeFloats(in, m.b2_, kDigitClasses) ||
      !in.empty()) {
    return bad;
  }
  return m;
}

std::array<float, kDigitClasses> DigitModel::Forward(const GlyphFeatures& x, std::vector<float>& a) const {
  a.assign(hidden_, 0.0f);
  for (int j = 0; j < hidden_; ++j) {
    const float* w = &w1_[static_cast<std::size_t>(j) * kGlyphInputs];
    float s = b1_[j];
    for (int i = 0; i < kGlyphInputs; ++i) s += w[i] * x[i];
    a[j] = std::max(s, 0.0f);
  }
  std::array<float, kDigitClasses> p{};
  float top = -1e30f;
  for (int k = 0; k < kDigitClasses; ++k) {
    const float* w = &w2_[static_cast<std::size_t>(k) * hidden_];
    float s = b2_[k];
    for (int j = 0; j < hidden_; ++j) s += w[j] * a[j];
    p[k] = s;
    top = std::max(top, s);
  }
  float sum = 0;
  for (float& v : p) sum += (v = std::exp(v - top));
  for (float& v : p) v /= sum;
  return p;
}

std::array<float, kDigitClasses> DigitModel::Probabilities(const GlyphFeatures& x) const {
  std::vector<float> hidden;
  return Forward(x, hidden);
}

DigitGuess MostProbable(const std::array<float, kDigitClasses>& p) {
  const auto best = std::max_element(p.begin(), p.end());
  return DigitGuess{static_cast<int>(best - p.begin()), *best};
}

DigitGuess MostProbableOf(const std::array<float, kDigitClasses>& p, const DigitSet& allowed) {
  DigitGuess best;
  float total = 0;
  for (int k = 0; k < kDigitClasses; ++k) {
    if (!allowed.test(static_cast<std::size_t>(k))) continue;
    total += p[k];
    if (best.digit < 0 || p[k] > best.probability) best = DigitGuess{k, p[k]};
  }
  if (best.digit >= 0 && total > 0) best.probability /= total;
  return best;
}

DigitGuess DigitModel::Classify(const GlyphFeatures& x) const { return MostProbable(Probabilities(x)); }

void DigitModel::Train(const GlyphFeatures& x, int label, float rate) {
  std::vector<float> a;
  const std::array<float, kDigitClasses> p = Forward(x, a);
  // Gradient of the cross-entropy: p - onehot at the output, back through the rectifier.
  std::vector<float> da(hidden_, 0.0f);
  for (int k = 0; k < kDigitClasses; ++k) {
    const float g = p[k] - (k == label ? 1.0f : 0.0f);
    float* w = &w2_[static_cast<std::size_t>(k) * hidden_];
    for (int j = 0; j < hidden_; ++j) {
      da[j] += g * w[j];
      w[j] -= rate * g * a[j];
    }
    b2_[k] -= rate * g;
  }
  for (int j = 0; j < hidden_; ++j) {
    if (a[j] <= 0) continue;
    float* w = &w1_[static_cast<std::size_t>(j) * kGlyphInputs];
    const float g = rate * da[j];
    for (int i = 0; i < kGlyphInputs; ++i) w[i] -= g * x[i];
    b1_[j] -= g;
  }
}

namespace {

// The most networks a view may hold: far more than any build trains, so that damaged bytes
// cannot make the reader allocate without bound.
constexpr std::uint32_t kMostNetworks = 64;

}  // namespace

std::array<float, kDigitClasses> MeanProbabilities(const std::vector<DigitModel>& networks,
                                                    const GlyphFeatures& x) {
  std::array<float, kDigitClasses> mean{};
  for (const DigitModel& n : networks) {
    const std::array<float, kDigitClasses> p = n.Probabilities(x);
    for (int k = 0; k < kDigitClasses; ++k) mean[k] += p[k];
  }
  if (!networks.empty()) {
    for (float& v : mean) v /= static_cast<float>(networks.size());
  }
  return mean;
}

std::string DigitModels::Serialize() const {
  std::string out;
  Put(out, static_cast<std::uint32_t>(as_written.size()));
  for (const std::vector<DigitModel>* view : {&as_written, &upright}) {
    for (const DigitModel& n : *view) {
      const std::string bytes = n.Serialize();
      Put(out, static_cast<std::uint64_t>(bytes.size()));
      out += bytes;
    }
  }
  return out;
}

Result<DigitModels> DigitModels::FromBytes(std::string_view in) {
  const Status bad = Status::InvalidInput("mô hình chữ số viết tay hỏng");
  std::uint32_t count = 0;
  if (!Take(in, &count) || count == 0 || count > kMostNetworks) return bad;
  DigitModels models;
  for (std::vector<DigitModel>* view : {&models.as_written, &models.upright}) {
    for (std::uint32_t i = 0; i < count; ++i) {
      std::uint64_t size = 0;
      if (!Take(in, &size) || size > in.size()) return bad;
      Result<DigitModel> n = DigitModel::FromBytes(in.substr(0, size));
      if (!n.ok()) return n.status();
      view->push_back(std::move(*n));
      in.remove_prefix(size);
    }
  }
  if (!in.empty()) return bad;
  return models;
}

DigitGuess DigitModels::Classify(const Pix* binary, const DigitSet& allowed) const {
  return Classify(NormalizeGlyph(binary, false), NormalizeGlyph(binary, true), allowed);
}

DigitGuess DigitModels::Classify(const GlyphFeatures& written, const GlyphFeatures& stood,
                                 const DigitSet& allowed) const {
  const DigitGuess a = MostProbableOf(MeanProbabilities(as_written, written), allowed);
  const DigitGuess b = MostProbableOf(MeanProbabilities(upright, stood), allowed);
  if (a.digit != b.digit) return DigitGuess{a.digit, 0.0f};
  return DigitGuess{a.digit, std::min(a.probability, b.probability)};
}

}  // namespace congvan::ocr
