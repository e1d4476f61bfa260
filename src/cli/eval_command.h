// congvan eval --gold DIR INPUT...: extraction quality against hand-made gold files.
#ifndef CONGVAN_CLI_EVAL_COMMAND_H_
#define CONGVAN_CLI_EVAL_COMMAND_H_

#include <string>
#include <vector>

#include "cli/commands.h"

namespace congvan::cli {

// Runs every INPUT through the pipeline (intake → OCR → repair → extract) and scores its fields
// against DIR/NAME.json (NAME = the input's file name without extension), exactly as
// ../shared/eval/score_fields.py scores a folder of predictions: prints one row per field
// (precision, recall, F1, tp/pred/gold) and the macro-F1; with `per_doc` also one line per
// letter. Inputs without a gold file are reported and skipped; a file that fails to read scores
// zero. Returns 0, or 1 when nothing could be scored.
int Eval(const Common& common, const std::string& gold_dir, const std::vector<std::string>& inputs,
         bool per_doc);

}  // namespace congvan::cli

#endif  // CONGVAN_CLI_EVAL_COMMAND_H_
