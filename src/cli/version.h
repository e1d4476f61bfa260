// `congvan --version`: the program's version and those of the libraries and the Tesseract model
// it runs with, which is what a bug report about a misread letter needs.
#ifndef CONGVAN_CLI_VERSION_H_
#define CONGVAN_CLI_VERSION_H_

#include <string>

#include "pipeline/pipeline.h"

namespace congvan::cli {

// Several lines: "congvan X.Y.Z", then Tesseract, Leptonica, ICU, SQLite; for each model in
// `options.ocr.language` ("vie" or "vie+eng") the file Tesseract loads, with its size and date;
// then the rules folder and the repair model this binary would use.
std::string VersionText(const pipeline::Options& options);

}  // namespace congvan::cli

#endif  // CONGVAN_CLI_VERSION_H_
