// Shared by the repair tests (not part of the library): the model built from corpus/ at build
// time, its parts read once per test binary.
#ifndef CONGVAN_REPAIR_TEST_MODEL_H_
#define CONGVAN_REPAIR_TEST_MODEL_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <utility>

#include "repair/channel.h"
#include "repair/language_model.h"
#include "repair/lexicon.h"
#include "repair/model_file.h"
#include "repair/restorer.h"

namespace congvan::repair::test {

// The parts of the built model file.
struct BuiltModel {
  ModelFile file;
  Lexicon lexicon;
  LanguageModel lm;
  ChannelModel eng, vie;
};

// nullptr (with a test failure saying why) when the built model does not load.
inline const BuiltModel* Built() {
  static const BuiltModel* model = []() -> const BuiltModel* {
    auto file = ModelFile::Load(
        (std::filesystem::path(CONGVAN_BUILT_MODELS_DIR) / kRepairModelFile).string());
    if (!file.ok()) {
      ADD_FAILURE() << file.status().ToString();
      return nullptr;
    }
    auto lex = Lexicon::FromModel(*file);
    if (!lex.ok()) {
      ADD_FAILURE() << lex.status().ToString();
      return nullptr;
    }
    auto lm = LanguageModel::FromModel(*file, lex->size());
    auto eng = ChannelModel::FromModel(*file, kChannelEng);
    auto vie = ChannelModel::FromModel(*file, kChannelVie);
    for (const Status& s : {lm.status(), eng.status(), vie.status()}) {
      if (!s.ok()) {
        ADD_FAILURE() << s.ToString();
        return nullptr;
      }
    }
    return new BuiltModel{std::move(*file), std::move(*lex), std::move(*lm), std::move(*eng),
                          std::move(*vie)};
  }();
  return model;
}

}  // namespace congvan::repair::test

#endif  // CONGVAN_REPAIR_TEST_MODEL_H_
