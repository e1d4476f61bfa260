#include "support/testing.h"

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <vector>

#include "base/pix.h"

namespace congvan::testing {
namespace fs = std::filesystem;

fs::path SourceDir() { return fs::path(CONGVAN_SOURCE_DIR); }
fs::path TestData(const std::string& relative) { return SourceDir() / "tests" / "data" / relative; }
fs::path CongvanBinary() { return fs::path(CONGVAN_BINARY); }

namespace {

constexpr const char* kAsNobody = "setpriv --reuid=65534 --regid=65534 --clear-groups ";

bool NobodyCanRead(const fs::path& path, const char* test_flag) {
  return RunCommand(std::string(kAsNobody) + "test " + test_flag + " " +
                    ShellQuote(path.string())).exit_code == 0;
}

// Copies `from` to `to` and opens the copy (and every folder in it) to everyone.
void CopyOpenToAll(const fs::path& from, const fs::path& to) {
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  const auto open = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                    fs::perms::others_read | fs::perms::others_exec;
  fs::permissions(to, open);
  if (!fs::is_directory(to)) return;
  for (const auto& entry : fs::recursive_directory_iterator(to)) fs::permissions(entry.path(), open);
}

}  // namespace

std::string CongvanAsNobody(const fs::path& scratch) {
  const fs::path rules(CONGVAN_DEFAULT_RULES_DIR), models(CONGVAN_DEFAULT_MODELS_DIR);
  fs::path binary = CongvanBinary(), rules_in_reach = rules, models_in_reach = models;
  if (!NobodyCanRead(binary, "-x") || !NobodyCanRead(rules, "-r") ||
      !NobodyCanRead(models / "repair.bin", "-r")) {
    // The scratch folder's parents (/tmp/congvan-test-…) must be open to nobody too.
    fs::create_directories(scratch);
    CopyOpenToAll(binary, scratch / "congvan");
    CopyOpenToAll(rules, scratch / "rules");
    CopyOpenToAll(models, scratch / "models");
    binary = scratch / "congvan";
    rules_in_reach = scratch / "rules";
    models_in_reach = scratch / "models";
  }
  return std::string(kAsNobody) + "env OMP_THREAD_LIMIT=1 CONGVAN_RULES=" +
         ShellQuote(rules_in_reach.string()) + " CONGVAN_MODELS=" +
         ShellQuote(models_in_reach.string()) + " " + ShellQuote(binary.string()) + " ";
}

TempDir::TempDir() {
  std::string templ = (fs::temp_directory_path() / "congvan-test-XXXXXX").string();
  char* made = mkdtemp(templ.data());
  if (made == nullptr) {
    ADD_FAILURE() << "mkdtemp failed";
    return;
  }
  path_ = made;
}

TempDir::~TempDir() {
  std::error_code ec;
  if (!path_.empty()) {
    // Restore write permission first: some tests make files unreadable or folders read-only.
    for (auto it = fs::recursive_directory_iterator(path_, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
      fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
    }
    fs::remove_all(path_, ec);
  }
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteFile(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

std::string ShellQuote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') q += "'\\''"; else q += c;
  }
  return q + "'";
}

namespace {

// Rotates every page of a TIFF in place by `degrees` (white fill), with Leptonica.
bool RotateTiff(const fs::path& tif, double degrees) {
  PIXA* pixa = pixaReadMultipageTiff(tif.c_str());
  if (pixa == nullptr) return false;
  fs::path rotated = tif.string() + ".rot.tif";
  int n = pixaGetCount(pixa);
  bool ok = true;
  for (int i = 0; i < n && ok; ++i) {
    PixPtr page = AdoptPix(pixaGetPix(pixa, i, L_CLONE));
    const float radians = static_cast<float>(degrees * 3.14159265358979 / 180.0);
    PixPtr turned = AdoptPix(pixRotate(page.get(), radians, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE,
                                       0, 0));
    ok = turned != nullptr &&
         pixWriteTiff(rotated.c_str(), turned.get(), IFF_TIFF_LZW, i == 0 ? "w" : "a") == 0;
  }
  pixaDestroy(&pixa);
  if (ok) fs::rename(rotated, tif);
  return ok;
}

}  // namespace

fs::path RenderPage(const std::string& text, const fs::path& out_base,
                    const RenderOptions& options) {
  fs::path text_file = out_base.string() + ".render.txt";
  WriteFile(text_file, text);
  std::ostringstream cmd;
  cmd << "text2image --text=" << ShellQuote(text_file.string())
      << " --outputbase=" << ShellQuote(out_base.string())
      << " --font='Liberation Serif' --fonts_dir=/usr/share/fonts/truetype"
      << " --ptsize=" << options.ptsize << " --resolution=" << options.dpi
      << " --degrade_image=" << (options.degrade ? "true" : "false")
      << " --rotate_image=false --xsize=2480 --ysize=3508 --margin=150 --leading=20"
      << " >/dev/null 2>&1";
  if (std::system(cmd.str().c_str()) != 0) {
    ADD_FAILURE() << "text2image failed: " << cmd.str();
    return {};
  }
  fs::path tif = out_base.string() + ".tif";
  if (options.rotate_degrees != 0 && !RotateTiff(tif, options.rotate_degrees)) {
    ADD_FAILURE() << "could not rotate " << tif;
    return {};
  }
  return tif;
}

CommandResult RunCommand(const std::string& command) {
  TempDir dir;
  fs::path out = dir / "out", err = dir / "err";
  std::string full = "(" + command + ") >" + ShellQuote(out.string()) + " 2>" +
                     ShellQuote(err.string()) + " </dev/null";
  int status = std::system(full.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadFile(out);
  r.err = ReadFile(err);
  return r;
}

namespace {

std::vector<std::u32string> Syllables(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString s = nfc->normalize(icu::UnicodeString::fromUTF8(utf8), status).toLower();
  std::vector<std::u32string> out;
  std::u32string cur;
  for (int32_t i = 0; i < s.length(); i = s.moveIndex32(i, 1)) {
    UChar32 c = s.char32At(i);
    if (u_isalnum(c)) {
      cur += static_cast<char32_t>(c);
    } else if (!cur.empty()) {
      out.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

}  // namespace

double SyllableAccuracy(const std::string& gold, const std::string& hypothesis) {
  auto g = Syllables(gold), h = Syllables(hypothesis);
  std::vector<size_t> prev(h.size() + 1), cur(h.size() + 1);
  for (size_t j = 0; j <= h.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= g.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= h.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (g[i - 1] == h[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  if (g.empty()) return h.empty() ? 1.0 : 0.0;
  return 1.0 - static_cast<double>(prev[h.size()]) / static_cast<double>(g.size());
}

}  // namespace congvan::testing
