// Shared support for congvan's tests: temporary folders, test data paths, rendering real letter
// text to page images with Debian's text2image, and running the congvan binary.
#ifndef CONGVAN_TESTS_SUPPORT_TESTING_H_
#define CONGVAN_TESTS_SUPPORT_TESTING_H_

#include <filesystem>
#include <string>

namespace congvan::testing {

// The project's source folder, and a path under tests/data/.
std::filesystem::path SourceDir();
std::filesystem::path TestData(const std::string& relative);

// The congvan executable built beside the tests.
std::filesystem::path CongvanBinary();

// The start of a command line that runs congvan as the unprivileged user "nobody" (tests run
// as root in CI, and root reads and writes whatever the permissions say). When nobody cannot
// reach the build tree (a checkout inside a 0700 folder such as `mktemp -d`), the binary, the
// rules and the repair model are first copied into `scratch` (created world-readable).
// Append the arguments. Only meaningful when geteuid() == 0.
std::string CongvanAsNobody(const std::filesystem::path& scratch);

// A fresh folder under /tmp, removed with everything in it when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

std::string ReadFile(const std::filesystem::path& path);
void WriteFile(const std::filesystem::path& path, const std::string& bytes);

// How to render a test page.
struct RenderOptions {
  int ptsize = 13;
  int dpi = 300;
  bool degrade = false;       // text2image's scanner-like degradation (blur, noise, speckle)
  double rotate_degrees = 0;  // rotation applied afterwards with Leptonica (exact, unlike text2image)
};

// Renders UTF-8 `text` in Liberation Serif to `out_base`.tif (one TIFF page per A4 page) with
// text2image and returns the TIFF's path. Aborts the test (ADD_FAILURE + empty path) on failure.
std::filesystem::path RenderPage(const std::string& text, const std::filesystem::path& out_base,
                                 const RenderOptions& options = {});

// Runs a shell command; returns its exit status with stdout and stderr captured.
struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
CommandResult RunCommand(const std::string& command);

// `s` as one word for /bin/sh, in single quotes.
std::string ShellQuote(const std::string& s);

// Syllable accuracy of `hypothesis` against `gold` (lower-cased, NFC, runs of letters/digits
// compared by edit distance), as ../shared/eval/score_text.py computes it.
double SyllableAccuracy(const std::string& gold, const std::string& hypothesis);

}  // namespace congvan::testing

#endif  // CONGVAN_TESTS_SUPPORT_TESTING_H_
