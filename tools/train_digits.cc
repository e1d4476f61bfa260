// train_digits: builds models/digits.bin, the model that reads the numbers written by pen into a
// letter's header (src/ocr/digit_reader.h), from the digits of the fonts Debian installs.
// Deterministic for a given set of fonts; about a minute and a half of CPU.
//
//   train_digits --fonts /usr/share/fonts --out build/models/digits.bin --cc build/generated/x.cc
//
// No handwriting is stored or downloaded: every font's ten digits are rendered with FreeType and
// made pen-like at random: an elastic warp, slant, rotation and squeeze; the strokes thinned to
// their skeleton and drawn again with a round pen of random width; breaks and specks. The
// handwriting fonts Debian has (dkg, Breip, Humor Sans, Comic Neue, the six of Because We Had
// To, Klee, Rufscript, Delphine and Steve Hand, Yusei Magic, Seto) get more samples than print
// fonts. Only the fonts of the packages scripts/install-deps installs are read. Each view is the
// average of kNetworks networks, each trained on its own draw. One font in seven is held out to
// say how well the model does on unseen shapes.
#include <ft2build.h>
#include FT_FREETYPE_H
#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "base/pix.h"
#include "ocr/digit_glyph.h"

namespace fs = std::filesystem;
using congvan::AdoptPix;
using congvan::PixPtr;
using congvan::ocr::DigitModel;
using congvan::ocr::GlyphFeatures;
using congvan::ocr::NormalizeGlyph;

namespace {

// The glyph height the fonts are rendered at: about the pen digits' height on a 300 dpi scan.
constexpr int kRenderPixels = 56;
constexpr int kPrintVariants = 24;
constexpr int kHandVariants = 90;
constexpr int kShapeVariants = 150;
constexpr int kHidden = 64;
constexpr int kEpochs = 8;
// Networks per view, each trained on its own random draw of the pen-like glyphs and averaged:
// one network's reading of a real pen changed with the draw (three draws read 12, 15 and 18 of
// 25 numbers right on the signed scans); the average is steadier.
constexpr int kNetworks = 3;

struct Sample {
  GlyphFeatures x;        // as written
  GlyphFeatures upright;  // stood upright
  int label;
  bool held_out;
};

struct FaceFree {
  void operator()(FT_Face f) const { FT_Done_Face(f); }
};
struct LibraryFree {
  void operator()(FT_Library l) const { FT_Done_FreeType(l); }
};
using FacePtr = std::unique_ptr<std::remove_pointer_t<FT_Face>, FaceFree>;
using LibraryPtr = std::unique_ptr<std::remove_pointer_t<FT_Library>, LibraryFree>;

bool IsHandLike(const fs::path& p) {
  const std::string s = p.string();
  for (const char* hand : {"fifthhorseman", "breip", "humor-sans", "comic-neue", "bwht", "klee",
                           "rufscript", "sjfonts", "yusei-magic", "seto"}) {
    if (s.find(hand) != std::string::npos) return true;
  }
  return false;
}

// The folders of the font packages scripts/install-deps installs: only their fonts teach, so a
// font another package brought onto the machine never changes the model built there.
bool IsInstalledForTraining(const fs::path& p) {
  const std::string folder = p.parent_path().filename().string();
  for (const char* known : {"dejavu", "lato", "liberation2", "fifthhorseman", "breip",
                            "humor-sans", "comic-neue", "bwht", "klee", "rufscript", "sjfonts",
                            "yusei-magic", "seto"}) {
    if (folder == known) return true;
  }
  return false;
}

// Fonts whose digits are no digits (symbols, maths) or are missing.
bool IsUsable(const fs::path& p) {
  if (!IsInstalledForTraining(p)) return false;
  const std::string name = p.filename().string();
  for (const char* skip : {"awesome", "Awesome", "Math", "Symbol", "Dingbat"}) {
    if (name.find(skip) != std::string::npos) return false;
  }
  const std::string ext = p.extension().string();
  return ext == ".ttf" || ext == ".otf";
}

// The digit as FreeType draws it, ink = 1, on a canvas with room for the warp.
PixPtr RenderDigit(FT_Face face, int digit) {
  if (FT_Load_Char(face, '0' + digit, FT_LOAD_RENDER) != 0) return nullptr;
  const FT_Bitmap& bm = face->glyph->bitmap;
  if (bm.width == 0 || bm.rows == 0 || bm.pixel_mode != FT_PIXEL_MODE_GRAY) return nullptr;
  const int pad = kRenderPixels / 2;
  const int w = static_cast<int>(bm.width) + 2 * pad, h = static_cast<int>(bm.rows) + 2 * pad;
  PixPtr pix = AdoptPix(pixCreate(w, h, 1));
  for (unsigned y = 0; y < bm.rows; ++y) {
    for (unsigned x = 0; x < bm.width; ++x) {
      if (bm.buffer[y * bm.pitch + x] >= 128) pixSetPixel(pix.get(), x + pad, y + pad, 1);
    }
  }
  return pix;
}

// Slant, rotation, squeeze and a smooth random displacement, by inverse mapping (nearest).
PixPtr Warp(const Pix* src, std::mt19937& rng) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const int w = pixGetWidth(const_cast<Pix*>(src)), h = pixGetHeight(const_cast<Pix*>(src));
  const double slant = -0.15 + 0.6 * u(rng);        // pens lean right mostly
  const double angle = (-8.0 + 16.0 * u(rng)) * M_PI / 180.0;
  const double sx = 0.7 + 0.55 * u(rng), sy = 0.85 + 0.3 * u(rng);
  // Elastic: two low-frequency waves per axis, a few pixels of amplitude.
  const double amp = 1.0 + 3.5 * u(rng);
  double fx[2], fy[2], px[2], py[2];
  for (int i = 0; i < 2; ++i) {
    fx[i] = (0.5 + 1.5 * u(rng)) * 2 * M_PI / h;
    fy[i] = (0.5 + 1.5 * u(rng)) * 2 * M_PI / h;
    px[i] = 2 * M_PI * u(rng);
    py[i] = 2 * M_PI * u(rng);
  }
  const double cx = w / 2.0, cy = h / 2.0;
  const double c = std::cos(angle), s = std::sin(angle);
  PixPtr out = AdoptPix(pixCreate(w, h, 1));
  l_uint32 bit = 0;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      // Destination to source: undo rotation, then slant, then scale.
      double dx = x - cx, dy = y - cy;
      dx += amp * std::sin(fx[0] * y + px[0]) * 0.5 + amp * std::sin(fy[0] * x + py[0]) * 0.5;
      dy += amp * std::sin(fx[1] * x + px[1]) * 0.5 + amp * std::sin(fy[1] * y + py[1]) * 0.5;
      double rx = c * dx + s * dy, ry = -s * dx + c * dy;
      rx += slant * ry;
      rx /= sx, ry /= sy;
      const int ix = static_cast<int>(std::lround(rx + cx)), iy = static_cast<int>(std::lround(ry + cy));
      if (ix < 0 || iy < 0 || ix >= w || iy >= h) continue;
      pixGetPixel(const_cast<Pix*>(src), ix, iy, &bit);
      if (bit) pixSetPixel(out.get(), x, y, 1);
    }
  }
  return out;
}

// The print's strokes as a ballpoint draws them: the skeleton, drawn with a round pen.
PixPtr PenStroke(Pix* pix, std::mt19937& rng) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  if (u(rng) < 0.15) return AdoptPix(pixCopy(nullptr, pix));  // some print shapes as they are
  PixPtr thin = AdoptPix(pixThinConnected(pix, L_THIN_FG, 8, 0));
  if (thin == nullptr) return nullptr;
  const int pen = 1 + static_cast<int>(u(rng) * 6);  // 1..6 px on a 56 px digit
  if (pen <= 1) return thin;
  return AdoptPix(pixDilateBrick(nullptr, thin.get(), pen, pen));
}

// A pen skips now and then, and a scan leaves specks: a few small breaks and dots.
void Blemish(Pix* pix, std::mt19937& rng) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const int w = pixGetWidth(pix), h = pixGetHeight(pix);
  const int breaks = u(rng) < 0.7 ? 0 : 1 + static_cast<int>(u(rng) * 2);
  for (int i = 0; i < breaks; ++i) {
    const int bx = static_cast<int>(u(rng) * w), by = static_cast<int>(u(rng) * h);
    pixRasterop(pix, bx, by, 3, 3, PIX_CLR, nullptr, 0, 0);
  }
}

// Pen shapes print fonts lack, as strokes on a 10 x 16 grid (x right, y down), each stroke a
// polyline: the "1" with a long lead-in, the open "4", the "7" with a bar, the "2" with a loop.
// Made pen-like the same way as the fonts' digits.
struct PenShape {
  int digit;
  std::vector<std::vector<std::pair<float, float>>> strokes;
};

std::vector<PenShape> PenShapes() {
  return {
      {1, {{{2, 5}, {7, 0}, {7, 16}}}},
      {1, {{{0, 7}, {7, 0}, {6, 16}}}},
      {1, {{{4, 3}, {7, 0}, {7, 16}}}},
      {1, {{{3, 4}, {6, 0}, {6, 16}}, {{3, 16}, {9, 16}}}},
      {1, {{{6, 0}, {6, 16}}}},
      {1, {{{0, 9}, {8, 0}, {6, 16}}}},
      {1, {{{1, 8}, {8, 0}, {5, 16}}}},
      {1, {{{2, 7}, {9, 0}, {9, 16}}}},
      {2, {{{1, 4}, {3, 1}, {6, 0}, {9, 2}, {9, 5}, {6, 9}, {0, 16}, {10, 16}}}},
      {2, {{{1, 3}, {4, 0}, {8, 1}, {9, 4}, {7, 8}, {1, 15}, {3, 13}, {4, 15}, {10, 16}}}},
      {2, {{{0, 4}, {3, 0}, {7, 0}, {9, 3}, {8, 7}, {2, 13}, {0, 16}, {6, 15}, {10, 16}}}},
      {4, {{{6, 0}, {0, 11}, {10, 11}}, {{7, 5}, {7, 16}}}},
      {4, {{{7, 0}, {0, 11}, {10, 11}}, {{7, 0}, {7, 16}}}},
      {4, {{{2, 0}, {1, 9}, {10, 9}}, {{7, 3}, {7, 16}}}},
      {7, {{{0, 1}, {10, 0}, {3, 16}}}},
      {7, {{{0, 1}, {10, 0}, {3, 16}}, {{2, 8}, {8, 8}}}},
      {7, {{{0, 3}, {2, 0}, {10, 1}, {4, 16}}}},
      {9, {{{9, 3}, {6, 0}, {2, 1}, {0, 4}, {2, 7}, {6, 7}, {9, 3}, {9, 8}, {7, 16}}}},
      {9, {{{9, 2}, {5, 0}, {1, 2}, {1, 6}, {5, 7}, {9, 3}, {8, 16}}}},
      {0, {{{5, 0}, {1, 3}, {0, 8}, {1, 13}, {5, 16}, {9, 13}, {10, 8}, {9, 3}, {5, 0}}}},
      {0, {{{6, 0}, {2, 2}, {0, 8}, {2, 15}, {5, 16}, {8, 13}, {10, 6}, {8, 1}, {5, 1}}}},
      {6, {{{8, 0}, {3, 4}, {0, 10}, {2, 16}, {7, 16}, {9, 12}, {7, 8}, {3, 9}, {1, 12}}}},
      {8, {{{8, 2}, {5, 0}, {2, 2}, {3, 6}, {8, 10}, {9, 14}, {5, 16}, {1, 14}, {2, 10}, {7, 6}, {8, 2}}}},
      {3, {{{1, 1}, {5, 0}, {8, 2}, {7, 6}, {4, 7}, {8, 9}, {9, 13}, {5, 16}, {0, 14}}}},
      {5, {{{9, 0}, {2, 0}, {1, 7}, {5, 6}, {9, 9}, {9, 13}, {5, 16}, {0, 14}}}},
  };
}

// A pen shape drawn with a 1-pixel line at about the fonts' digit height.
PixPtr DrawShape(const PenShape& shape) {
  const double unit = kRenderPixels / 16.0;
  const int pad = kRenderPixels / 2;
  const int w = static_cast<int>(10 * unit) + 2 * pad, h = kRenderPixels + 2 * pad;
  PixPtr pix = AdoptPix(pixCreate(w, h, 1));
  for (const auto& stroke : shape.strokes) {
    PTA* pta = ptaCreate(0);
    for (auto [x, y] : stroke) ptaAddPt(pta, pad + x * unit, pad + y * unit);
    pixRenderPolyline(pix.get(), pta, 2, L_SET_PIXELS, 0);
    ptaDestroy(&pta);
  }
  return pix;
}

std::vector<Sample> MakeSamples(const std::vector<fs::path>& fonts, FT_Library lib,
                                std::uint32_t seed) {
  std::vector<Sample> samples;
  std::mt19937 rng(seed);
  for (std::size_t f = 0; f < fonts.size(); ++f) {
    FT_Face raw = nullptr;
    if (FT_New_Face(lib, fonts[f].c_str(), 0, &raw) != 0) continue;
    FacePtr face(raw);
    if (FT_Set_Pixel_Sizes(face.get(), 0, kRenderPixels) != 0) continue;
    const bool held_out = f % 7 == 3;
    const int variants = IsHandLike(fonts[f]) ? kHandVariants : kPrintVariants;
    for (int d = 0; d < 10; ++d) {
      if (FT_Get_Char_Index(face.get(), '0' + d) == 0) continue;
      PixPtr glyph = RenderDigit(face.get(), d);
      if (glyph == nullptr) continue;
      for (int v = 0; v < variants; ++v) {
        PixPtr warped = Warp(glyph.get(), rng);
        PixPtr pen = PenStroke(warped.get(), rng);
        if (pen == nullptr) continue;
        Blemish(pen.get(), rng);
        Sample s{NormalizeGlyph(pen.get(), false), NormalizeGlyph(pen.get(), true), d, held_out};
        if (std::all_of(s.x.begin(), s.x.end(), [](float v) { return v == 0; })) continue;
        samples.push_back(s);
      }
    }
  }
  for (std::size_t k = 0; k < PenShapes().size(); ++k) {
    const PenShape shape = PenShapes()[k];
    PixPtr drawn = DrawShape(shape);
    for (int v = 0; v < kShapeVariants; ++v) {
      PixPtr warped = Warp(drawn.get(), rng);
      PixPtr pen = PenStroke(warped.get(), rng);
      if (pen == nullptr) continue;
      Blemish(pen.get(), rng);
      samples.push_back(Sample{NormalizeGlyph(pen.get(), false), NormalizeGlyph(pen.get(), true),
                               shape.digit, false});
    }
  }
  return samples;
}

// How often the two views, agreeing at a probability of at least t, are right on the held-out
// fonts' glyphs: what the pen reader's threshold for a reading taken alone rests on.
void ReportCalibration(const congvan::ocr::DigitModels& models, const std::vector<Sample>& held_out) {
  for (float t : {0.5f, 0.6f, 0.7f, 0.85f}) {
    int taken = 0, right = 0;
    for (const Sample& s : held_out) {
      const congvan::ocr::DigitGuess guess = models.Classify(s.x, s.upright);
      if (guess.probability < t) continue;
      ++taken;
      right += guess.digit == s.label;
    }
    std::printf("train_digits: both views agree at >= %.2f on %d of %zu held-out glyphs, "
                "%d of them right (%.4f)\n",
                t, taken, held_out.size(), right, taken ? static_cast<double>(right) / taken : 0.0);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string fonts_dir = "/usr/share/fonts", out_path, cc_path;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--fonts") fonts_dir = argv[i + 1];
    else if (flag == "--out") out_path = argv[i + 1];
    else if (flag == "--cc") cc_path = argv[i + 1];
  }
  if (out_path.empty() || cc_path.empty()) {
    std::fprintf(stderr, "usage: train_digits [--fonts DIR] --out digits.bin --cc digits_data.cc\n");
    return 2;
  }
  std::vector<fs::path> fonts;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(fonts_dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file() && IsUsable(it->path())) fonts.push_back(it->path());
  }
  std::sort(fonts.begin(), fonts.end());
  if (fonts.empty()) {
    std::fprintf(stderr, "train_digits: no fonts under %s\n", fonts_dir.c_str());
    return 1;
  }
  FT_Library raw = nullptr;
  if (FT_Init_FreeType(&raw) != 0) {
    std::fprintf(stderr, "train_digits: FreeType did not start\n");
    return 1;
  }
  LibraryPtr lib(raw);
  congvan::ocr::DigitModels models;
  // The held-out fonts' glyphs of each draw: those of the first measure the averaged model (no
  // network has seen those fonts), then each network learns from its own draw's.
  std::vector<std::vector<Sample>> held_out(kNetworks);
  std::size_t trained_on = 0;
  for (int n = 0; n < kNetworks; ++n) {
    std::vector<Sample> samples = MakeSamples(fonts, lib.get(), 20250205u + n);
    std::vector<std::size_t> train;
    for (std::size_t i = 0; i < samples.size(); ++i) {
      if (samples[i].held_out) held_out[n].push_back(samples[i]);
      else train.push_back(i);
    }
    trained_on += train.size();
    for (bool upright : {false, true}) {
      DigitModel model = DigitModel::Untrained(kHidden, 7 + 2 * n + (upright ? 1 : 0));
      std::mt19937 rng(11 + n);
      for (int epoch = 0; epoch < kEpochs; ++epoch) {
        std::shuffle(train.begin(), train.end(), rng);
        const float rate = 0.02f / (1.0f + epoch);
        for (std::size_t i : train) {
          model.Train(upright ? samples[i].upright : samples[i].x, samples[i].label, rate);
        }
      }
      (upright ? models.upright : models.as_written).push_back(std::move(model));
    }
  }
  for (bool upright : {false, true}) {
    const std::vector<DigitModel>& view = upright ? models.upright : models.as_written;
    int right = 0;
    for (const Sample& s : held_out[0]) {
      const auto p = congvan::ocr::MeanProbabilities(view, upright ? s.upright : s.x);
      right += congvan::ocr::MostProbable(p).digit == s.label;
    }
    std::printf("train_digits: %s: %zu fonts, %d networks, %zu training glyphs; held-out fonts: "
                "%d of %zu right (%.3f)\n",
                upright ? "upright" : "as written", fonts.size(), kNetworks, trained_on, right,
                held_out[0].size(),
                held_out[0].empty() ? 0.0 : static_cast<double>(right) / held_out[0].size());
  }
  ReportCalibration(models, held_out[0]);
  // The held-out fonts' glyphs teach too once measured: the model shipped has seen every font.
  for (int n = 0; n < kNetworks; ++n) {
    for (const Sample& s : held_out[n]) {
      models.as_written[n].Train(s.x, s.label, 0.02f / kEpochs);
      models.upright[n].Train(s.upright, s.label, 0.02f / kEpochs);
    }
  }
  const std::string bytes = models.Serialize();
  fs::create_directories(fs::path(out_path).parent_path(), ec);
  fs::create_directories(fs::path(cc_path).parent_path(), ec);
  std::ofstream(out_path, std::ios::binary) << bytes;
  std::ofstream cc(cc_path);
  cc << "// Generated by tools/train_digits from the fonts under " << fonts_dir << ".\n"
     << "#include <cstddef>\n\nnamespace congvan::ocr {\n"
     << "extern const unsigned char kDigitModelBytes[];\nextern const std::size_t kDigitModelSize;\n"
     << "const unsigned char kDigitModelBytes[] = {";
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i % 24 == 0) cc << "\n";
    cc << static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) << ",";
  }
  cc << "\n};\nconst std::size_t kDigitModelSize = " << bytes.size() << ";\n}  // namespace congvan::ocr\n";
  return cc.good() ? 0 : 1;
}
