// One handwritten digit as the digit model sees it, and the model itself: a glyph's ink is
// scaled into a 20x20 grey square (its aspect kept, centred like MNIST), and a small two-layer
// perceptron gives the ten digits' probabilities. The same code normalises the training
// glyphs (tools/train_digits.cc, rendered from fonts) and the pen's strokes read from a page,
// so what the model learned and what it is shown are made alike.
#ifndef CONGVAN_OCR_DIGIT_GLYPH_H_
#define CONGVAN_OCR_DIGIT_GLYPH_H_

#include <array>
#include <bitset>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

struct Pix;

namespace congvan::ocr {

inline constexpr int kGlyphSide = 20;
inline constexpr int kGlyphInputs = kGlyphSide * kGlyphSide;
inline constexpr int kDigitClasses = 10;

using GlyphFeatures = std::array<float, kGlyphInputs>;

// The features of the ink of `binary` (1 bpp, 1 = ink), cropped to its ink: the longer side
// scaled to 16 pixels, each cell the share of ink it covers, centred in the square. A thin "1"
// stays a thin bar rather than being stretched into a block. With `upright`, the ink is first
// sheared so that it leans neither way (the shear that zeroes its x-y covariance, as MNIST's
// deskewing). All zero when there is no ink.
GlyphFeatures NormalizeGlyph(const Pix* binary, bool upright);

// The probabilities of the ten digits for one glyph.
struct DigitGuess {
  int digit = -1;
  float probability = 0;
};

// The digit with the highest of the ten probabilities, and that probability.
DigitGuess MostProbable(const std::array<float, kDigitClasses>& probabilities);

// Which digits a place may hold: the first of a two-digit day of the month is 0 to 3.
using DigitSet = std::bitset<kDigitClasses>;
inline const DigitSet kAnyDigit = DigitSet().set();

// The most probable digit of `allowed`, with its probability among the allowed ones (the
// probabilities renormalised over them); digit -1 when `allowed` is empty.
DigitGuess MostProbableOf(const std::array<float, kDigitClasses>& probabilities,
                          const DigitSet& allowed);

// A perceptron with one hidden layer of rectified units and a softmax output.
class DigitModel {
 public:
  // Weights drawn small and random (deterministic in `seed`), for training.
  static DigitModel Untrained(int hidden, std::uint32_t seed);
  // The model written by Serialize; an error when the bytes are not one.
  static Result<DigitModel> FromBytes(std::string_view bytes);
  std::string Serialize() const;

  DigitGuess Classify(const GlyphFeatures& x) const;
  // The ten probabilities.
  std::array<float, kDigitClasses> Probabilities(const GlyphFeatures& x) const;
  // One step of stochastic gradient descent on the cross-entropy of (x, label).
  void Train(const GlyphFeatures& x, int label, float rate);

  int hidden() const { return hidden_; }

 private:
  // The network's output for `x`, with the hidden layer's values in `hidden` (Train needs them).
  std::array<float, kDigitClasses> Forward(const GlyphFeatures& x, std::vector<float>& hidden) const;

  int hidden_ = 0;
  std::vector<float> w1_;  // hidden_ x kGlyphInputs
  std::vector<float> b1_;  // hidden_
  std::vector<float> w2_;  // kDigitClasses x hidden_
  std::vector<float> b2_;  // kDigitClasses
};

// Two views of a glyph: as written, and stood upright. Each alone is confidently wrong on some
// pen shapes (a "1" with a long lead-in slanted like a "4"); they are seldom wrong the same way,
// so a digit is read only when both agree. Each view is the average of several networks, each
// trained on its own random draw of pen-like glyphs: what one network makes of a real pen changes
// from one draw to the next, and the average changes much less.
struct DigitModels {
  std::vector<DigitModel> as_written;
  std::vector<DigitModel> upright;

  // Both views with the same number of networks, at least one; an error when the bytes are not
  // what Serialize wrote.
  static Result<DigitModels> FromBytes(std::string_view bytes);
  std::string Serialize() const;
  // The digit of `allowed` both views give `binary`, with the lesser of their (averaged)
  // probabilities among the allowed digits; when they differ, the digit as written with
  // probability 0.
  DigitGuess Classify(const Pix* binary, const DigitSet& allowed = kAnyDigit) const;
  // The same for a glyph's features already made, as written and stood upright (NormalizeGlyph).
  DigitGuess Classify(const GlyphFeatures& written, const GlyphFeatures& stood,
                      const DigitSet& allowed = kAnyDigit) const;
};

// The networks' probabilities for `x`, averaged.
std::array<float, kDigitClasses> MeanProbabilities(const std::vector<DigitModel>& networks,
                                                    const GlyphFeatures& x);

}  // namespace congvan::ocr

#endif  // CONGVAN_OCR_DIGIT_GLYPH_H_
