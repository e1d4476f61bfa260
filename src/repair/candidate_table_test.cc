// Tests of the candidate lists stored in the model: exactly what the decoder computes, the same
// restored text with or without them, and a damaged table refused rather than read.
#include "repair/candidate_table.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <set>
#include <sstream>

#include "repair/decoder.h"
#include "repair/restorer.h"
#include "repair/test_model.h"
#include "support/testing.h"
#include "text/letters.h"
#include "text/utf8.h"

namespace congvan::repair {
namespace {

namespace fs = std::filesystem;
using congvan::testing::ReadFile;
using congvan::testing::TempDir;
using congvan::testing::TestData;
using test::Built;
using test::BuiltModel;

// The lower-case word tokens of the seed letters (English-model OCR) and their gold text.
std::set<std::string> RealTokens() {
  std::set<std::string> out;
  for (const char* dir : {"devset/seeds", "devset/restored"}) {
    for (const auto& e : fs::directory_iterator(TestData(dir))) {
      std::istringstream words(ReadFile(e.path()));
      std::string w;
      while (words >> w) {
        std::u32string chunk = text::ToU32(w);
        ChunkParts p = SplitChunk(chunk);
        if (p.kind != TokenKind::kWord || p.core_end == p.core_begin) continue;
        out.insert(text::ToU8(text::Lower(chunk.substr(p.core_begin, p.core_end - p.core_begin))));
      }
    }
  }
  return out;
}

void ExpectSame(std::span<const CandidateTable::Entry> stored,
                const std::vector<Candidate>& live, const std::string& token) {
  ASSERT_EQ(stored.size(), live.size()) << token;
  for (size_t i = 0; i < live.size(); ++i) {
    EXPECT_EQ(stored[i].id, live[i].id) << token << " #" << i;
    EXPECT_EQ(stored[i].channel, live[i].channel) << token << " #" << i;
  }
}

TEST(CandidateTable, StoredListsAreWhatTheDecoderComputes) {
  const BuiltModel* m = Built();
  ASSERT_NE(m, nullptr);
  Decoder decoder(m->lexicon, m->lm);
  std::set<std::string> tokens = RealTokens();
  for (auto [tag, channel] : {std::pair{kCandidatesEng, &m->eng}, std::pair{kCandidatesVie, &m->vie}}) {
    auto table = CandidateTable::FromModel(m->file, tag, m->lexicon.size());
    ASSERT_TRUE(table.ok()) << table.status().ToString();
    EXPECT_GT(table->size(), 10000u);
    size_t hits = 0, capitals = 0;
    for (const std::string& token : tokens) {
      auto stored = table->Find(token);
      if (!stored) continue;
      ++hits;
      std::vector<Candidate> reserve;
      std::vector<Candidate> live =
          decoder.WordCandidates(text::ToU32(token), true, *channel, DecoderOptions(), &reserve);
      ExpectSame(stored->main, live, token);
      ExpectSame(stored->reserve, reserve, token);
      // In capitals ("HUYEN"), the same unless capitals make it an abbreviation.
      std::u32string lower = text::ToU32(token);
      if (decoder.AbbreviationShape(lower)) continue;
      ++capitals;
      reserve.clear();
      live = decoder.WordCandidates(text::ApplyCase(lower, text::CaseShape::kUpper), true, *channel,
                                    DecoderOptions(), &reserve);
      ExpectSame(stored->main, live, token + " in capitals");
      ExpectSame(stored->reserve, reserve, token + " in capitals");
    }
    EXPECT_GT(capitals, hits / 2);
    // Most words of real letters, and their usual damage, are stored.
    EXPECT_GT(hits, tokens.size() / 2) << "of " << tokens.size();
    EXPECT_TRUE(table->Find("của") && table->Find("cua")) << tag;
    // The English model's damage that the channel pairs show ("của" read as "ctia").
    if (tag == kCandidatesEng) {
      EXPECT_TRUE(table->Find("ctia"));
    }
  }
}

// A copy of the built model without its candidate tables, as models before them were.
std::string ModelWithoutTables(const ModelFile& file) {
  ModelWriter writer;
  for (uint32_t tag = 1; tag <= kTrainInfo; ++tag) {
    if (tag == kCandidatesEng || tag == kCandidatesVie) continue;
    if (auto s = file.Section(tag); s.ok()) writer.Add(tag, *s);
  }
  return writer.Serialize();
}

TEST(CandidateTable, RestoredTextIsTheSameWithoutTheTables) {
  const BuiltModel* m = Built();
  ASSERT_NE(m, nullptr);
  TempDir dir;
  congvan::testing::WriteFile(dir.path() / kRepairModelFile, ModelWithoutTables(m->file));
  auto with = Restorer::Load(CONGVAN_BUILT_MODELS_DIR);
  auto without = Restorer::Load(dir.path().string());
  ASSERT_TRUE(with.ok() && without.ok());
  for (const auto& e : fs::directory_iterator(TestData("devset/seeds"))) {
    std::string seed = ReadFile(e.path());
    EXPECT_EQ(with->Restore(seed), without->Restore(seed)) << e.path();
    PageText page = PageTextFromPlain(0, "ocr", ReadFile(TestData("devset/restored") /
                                                         e.path().filename()));
    for (Line& line : page.lines) line.confidence = 50;  // every word open
    EXPECT_EQ(with->RestoreOcr(page).Text(), without->RestoreOcr(page).Text()) << e.path();
  }
}

// The table of a model file holding only `section`; `files` keeps the bytes it views.
Result<CandidateTable> TableFrom(const std::string& section, size_t vocab_size,
                                 std::vector<ModelFile>& files) {
  ModelWriter writer;
  writer.Add(kCandidatesEng, section);
  auto file = ModelFile::FromBytes(writer.Serialize());
  if (!file.ok()) return file.status();
  files.push_back(std::move(*file));
  return CandidateTable::FromModel(files.back(), kCandidatesEng, vocab_size);
}

TEST(CandidateTable, BuildFindAndBrokenSections) {
  const BuiltModel* m = Built();
  ASSERT_NE(m, nullptr);
  Decoder decoder(m->lexicon, m->lm);
  std::string section =
      CandidateTable::Build(decoder, m->eng, DecoderOptions(), {"ctia", "của", "ctia"});
  std::vector<ModelFile> files;
  auto table = TableFrom(section, m->lexicon.size(), files);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->size(), 2u);
  auto ctia = table->Find("ctia");
  ASSERT_TRUE(ctia.has_value());
  EXPECT_EQ(ctia->main[0].id, kUnk);  // keep first, as WordCandidates
  bool has_cua = false;
  for (const auto& e : ctia->main) has_cua |= e.id == m->lexicon.Find("của");
  EXPECT_TRUE(has_cua);
  EXPECT_FALSE(table->Find("cti").has_value());
  EXPECT_FALSE(table->Find("ctiaa").has_value());
  EXPECT_FALSE(table->Find("").has_value());

  // No section: an empty table (older models), every lookup misses.
  ModelWriter empty_writer;
  empty_writer.Add(kTrainInfo, "x");
  auto empty_file = ModelFile::FromBytes(empty_writer.Serialize());
  ASSERT_TRUE(empty_file.ok());
  auto empty = CandidateTable::FromModel(*empty_file, kCandidatesEng, 10);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->size(), 0u);
  EXPECT_FALSE(empty->Find("ctia").has_value());

  // Broken: too short, cut, an id outside the vocabulary, offsets out of order.
  EXPECT_FALSE(TableFrom("abc", m->lexicon.size(), files).ok());
  EXPECT_FALSE(TableFrom(section.substr(0, section.size() / 2), m->lexicon.size(), files).ok());
  EXPECT_FALSE(TableFrom(section, 3, files).ok());
  std::string swapped = section;
  uint32_t big = 1000;
  std::memcpy(swapped.data() + 3 * sizeof(uint32_t), &big, sizeof big);  // key_offsets[1]
  EXPECT_FALSE(TableFrom(swapped, m->lexicon.size(), files).ok());
}

}  // namespace
}  // namespace congvan::repair
