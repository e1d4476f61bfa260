// train_models: builds models/repair.bin (lexicon, syllable trigram LM, OCR channel) from
// corpus/text, hunspell-vi and the committed channel pairs. Deterministic; about 10-30 s.
//
//   train_models --corpus corpus/text --hunspell /usr/share/hunspell/vi_VN.dic
//                --pairs models/channel_pairs.tsv --out build/models
//
// Documents are split as scripts/make-channel-pairs splits them, then come the 4,056 subjects of
// the Bình Dương register CSV (one document each); every 10th document (index % 10 == 9) is held
// out of training so the restorer can be measured on unseen text.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "repair/candidate_table.h"
#include "repair/channel.h"
#include "repair/language_model.h"
#include "repair/lexicon.h"
#include "repair/model_file.h"
#include "repair/normalize.h"
#include "repair/restorer.h"
#include "text/letters.h"
#include "text/syllable.h"
#include "text/utf8.h"

namespace fs = std::filesystem;
using namespace congvan::repair;

namespace {

std::string Slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// The tokens whose candidate lists are stored for `engine`: every word of the vocabulary, the
// same without its marks (what an OCR that drops them writes), and the damaged forms the
// channel pairs of that engine show. Only single word tokens the decoder would look up.
std::vector<std::string> TableTokens(const std::vector<std::string>& vocab,
                                     const std::vector<ChannelModel::Pair>& pairs) {
  std::vector<std::string> out;
  auto add = [&out](const std::u32string& t) {
    if (t.empty() || t.size() > kMaxSyllableLength) return;
    ChunkParts p = SplitChunk(t);
    if (p.kind != TokenKind::kWord || p.core_begin != 0 || p.core_end != t.size()) return;
    if (std::any_of(t.begin(), t.end(), [](char32_t c) { return c == U' '; })) return;
    out.push_back(congvan::text::ToU8(congvan::text::Lower(t)));
  };
  for (size_t id = kFirstWordId; id < vocab.size(); ++id) {
    std::u32string t = congvan::text::ToU32(vocab[id]);
    add(t);
    add(congvan::text::StripMarks(t));
  }
  for (const ChannelModel::Pair& p : pairs) add(p.observed);
  return out;
}

// Adds the candidate tables of both channels, computed with the model `writer` holds so far.
congvan::Status AddCandidateTables(ModelWriter& writer, const std::vector<std::string>& vocab,
                                   std::map<std::string, std::vector<ChannelModel::Pair>>& pairs,
                                   std::string* summary) {
  congvan::Result<ModelFile> file = ModelFile::FromBytes(writer.Serialize());
  if (!file.ok()) return file.status();
  congvan::Result<Lexicon> lexicon = Lexicon::FromModel(*file);
  if (!lexicon.ok()) return lexicon.status();
  congvan::Result<LanguageModel> lm = LanguageModel::FromModel(*file, lexicon->size());
  if (!lm.ok()) return lm.status();
  Decoder decoder(*lexicon, *lm);
  for (auto [engine, tag] : {std::pair{"eng", kCandidatesEng}, std::pair{"vie", kCandidatesVie}}) {
    congvan::Result<ChannelModel> channel =
        ChannelModel::FromModel(*file, engine == std::string("eng") ? kChannelEng : kChannelVie);
    if (!channel.ok()) return channel.status();
    std::string section = CandidateTable::Build(decoder, *channel, DecoderOptions(),
                                                TableTokens(vocab, pairs[engine]));
    *summary += std::string(", candidate table ") + engine + " " +
                std::to_string(section.size() / 1000000.0).substr(0, 4) + " MB";
    writer.Add(tag, section);
  }
  return congvan::Status::Ok();
}

// Splits at blank lines: at least `min_blank` consecutive empty (or blank) lines end a document.
std::vector<std::string> SplitDocs(const std::string& text, int min_blank) {
  std::vector<std::string> docs;
  std::string cur;
  int blank = 0;
  size_t i = 0;
  while (i <= text.size()) {
    size_t nl = text.find('\n', i);
    if (nl == std::string::npos) nl = text.size();
    std::string line = text.substr(i, nl - i);
    bool is_blank = line.find_first_not_of(" \t\r") == std::string::npos;
    if (is_blank) {
      ++blank;
    } else {
      if (blank >= min_blank && !cur.empty()) {
        docs.push_back(cur);
        cur.clear();
      }
      blank = 0;
      cur += line;
      cur += '\n';
    }
    i = nl + 1;
  }
  if (!cur.empty()) docs.push_back(cur);
  return docs;
}

// The alternative tone placement of a syllable ending in oa/oe/uy: "hòa" <-> "hoà".
std::string OtherTonePlacement(const std::string& s) {
  static const std::vector<std::pair<std::u32string, std::u32string>> kPairs = {
      {U"òa", U"oà"}, {U"óa", U"oá"}, {U"ỏa", U"oả"}, {U"õa", U"oã"}, {U"ọa", U"oạ"},
      {U"òe", U"oè"}, {U"óe", U"oé"}, {U"ỏe", U"oẻ"}, {U"õe", U"oẽ"}, {U"ọe", U"oẹ"},
      {U"ùy", U"uỳ"}, {U"úy", U"uý"}, {U"ủy", U"uỷ"}, {U"ũy", U"uỹ"}, {U"ụy", U"uỵ"}};
  std::u32string u = congvan::text::ToU32(s);
  for (const auto& [a, b] : kPairs) {
    if (u.size() >= 2 && u.compare(u.size() - 2, 2, a) == 0) {
      // "qu" + "ý" is spelled the same in both conventions ("quý"); skip those.
      if (a[0] == U'ú' || a[0] == U'ù' || a[0] == U'ủ' || a[0] == U'ũ' || a[0] == U'ụ')
        if (u.size() >= 3 && u[u.size() - 3] == U'q') return "";
      return congvan::text::ToU8(u.substr(0, u.size() - 2) + b);
    }
  }
  return "";
}

// The subjects (trich_yeu, 4th field) of the register CSV: short lower-case sentences of real
// directive letters. Fields may be quoted with "" escapes; a quoted field may hold newlines.
std::vector<std::string> CsvSubjects(const std::string& csv) {
  std::vector<std::string> out;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  auto end_row = [&] {
    row.push_back(field);
    field.clear();
    if (row.size() >= 4 && !row[3].empty()) out.push_back(row[3]);
    row.clear();
  };
  for (size_t i = 0; i < csv.size(); ++i) {
    char c = csv[i];
    if (quoted) {
      if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') field += '"', ++i;
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
    } else if (c == '\n') {
      end_row();
    } else if (c != '\r') {
      field += c;
    }
  }
  if (!field.empty() || !row.empty()) end_row();
  if (!out.empty()) out.erase(out.begin());  // the header row
  return out;
}

struct Tokenizer {
  std::unordered_map<std::string, std::string> canon;  // raw core -> LM key
  // Calls fn(key) for each LM token of `text`: "<p>", "<num>", "<code>" or a lower-case word.
  template <typename Fn>
  void Run(const std::string& text, Fn&& fn) {
    size_t i = 0;
    while (i < text.size()) {
      while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
      size_t b = i;
      while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
      if (i == b) continue;
      std::u32string chunk = congvan::text::ToU32(std::string_view(text).substr(b, i - b));
      ChunkParts p = SplitChunk(chunk);
      if (p.core_begin > 0) fn(kPunct, std::string_view());
      if (p.core_end > p.core_begin) {
        if (p.kind == TokenKind::kNumber) {
          fn(kNum, std::string_view());
        } else if (p.kind == TokenKind::kCode) {
          fn(kCode, std::string_view());
        } else {
          std::string raw = congvan::text::ToU8(congvan::text::Lower(
              std::u32string_view(chunk).substr(p.core_begin, p.core_end - p.core_begin)));
          auto it = canon.find(raw);
          if (it == canon.end()) it = canon.emplace(raw, CanonicalToneForm(raw)).first;
          fn(kUnk, std::string_view(it->second));
        }
      }
      if (p.core_end < chunk.size() && p.core_end > p.core_begin) fn(kPunct, std::string_view());
    }
  }
};

// Every 10th document (index % 10 == 9) is held out of training, so the restorer can be
// measured on text the model never saw.
bool HeldOut(size_t doc_index) { return doc_index % 10 == 9; }

// The training documents in their fixed order: the legal texts and the Youth Union documents
// split as scripts/make-channel-pairs splits them, then the register's subjects, one document
// each (so the every-10th hold-out is the same one the channel pairs were made with). Empty,
// with a line on stderr, when a corpus file is missing.
std::optional<std::vector<std::string>> ReadDocuments(const fs::path& corpus) {
  std::vector<std::string> docs;
  for (auto [file, min_blank] : {std::pair<const char*, int>{"vbpl_trunguong_2025_2026.txt", 1},
                                 {"twdoan_admin_docs.txt", 2}}) {
    fs::path p = corpus / file;
    if (!fs::exists(p)) {
      std::fprintf(stderr, "train_models: missing %s\n", p.c_str());
      return std::nullopt;
    }
    for (auto& d : SplitDocs(Slurp(p), min_blank)) docs.push_back(std::move(d));
  }
  fs::path p = corpus / "binhduong_vanban_chidao_dieuhanh_2014-2022.csv";
  if (!fs::exists(p)) {
    std::fprintf(stderr, "train_models: missing %s\n", p.c_str());
    return std::nullopt;
  }
  for (auto& d : CsvSubjects(Slurp(p))) docs.push_back(std::move(d));
  return docs;
}

// How often each word key occurs in the training documents (the first pass; it also fills
// `tok`'s map of raw spellings, which the aliases are made from).
std::unordered_map<std::string, uint32_t> CountWords(const std::vector<std::string>& docs,
                                                     Tokenizer& tok) {
  std::unordered_map<std::string, uint32_t> counts;
  for (size_t d = 0; d < docs.size(); ++d) {
    if (HeldOut(d)) continue;
    tok.Run(docs[d], [&](uint32_t special, std::string_view key) {
      if (special == kUnk) ++counts[std::string(key)];
    });
  }
  return counts;
}

// The word list with its ids and flags: the specials, then corpus words seen twice or more
// (most frequent first, ties by text, so the ids never depend on hash order), then hunspell's
// syllables the corpus did not have.
struct Vocabulary {
  std::vector<std::string> words = {"<s>", "</s>", "<unk>", "<num>", "<p>", "<code>"};
  std::vector<uint8_t> flags = std::vector<uint8_t>(words.size(), 0);
  std::unordered_map<std::string, uint32_t> ids;
  size_t from_corpus = 0;  // specials and corpus words; hunspell's come after them

  void Add(const std::string& w) {
    auto [it, fresh] = ids.emplace(w, static_cast<uint32_t>(words.size()));
    if (!fresh) return;
    words.push_back(w);
    // A token with a digit is never a syllable, whatever its letters ("2a").
    bool digit = std::any_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
    flags.push_back(!digit && congvan::text::IsVietnameseSyllable(w) ? kFlagSyllable : 0);
  }
};

Vocabulary BuildVocabulary(const std::unordered_map<std::string, uint32_t>& counts,
                           const std::string& hunspell_dic) {
  Vocabulary vocab;
  std::vector<std::pair<uint32_t, std::string>> sorted;
  for (auto& [k, c] : counts)
    if (c >= 2) sorted.emplace_back(c, k);
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  for (auto& [c, w] : sorted) vocab.Add(w);
  vocab.from_corpus = vocab.words.size();
  std::istringstream dic(Slurp(hunspell_dic));
  std::string line;
  std::getline(dic, line);  // entry count
  while (std::getline(dic, line)) {
    std::string w = line.substr(0, line.find('/'));
    w = CanonicalToneForm(congvan::text::ToU8(congvan::text::Lower(congvan::text::ToU32(w))));
    if (!w.empty() && congvan::text::IsVietnameseSyllable(w)) vocab.Add(w);
  }
  return vocab;
}

// Spellings that are looked up as another entry: the other tone placement of a syllable
// ("hoà" for "hòa"), and every raw corpus spelling whose canonical form is in the vocabulary.
// Parallel lists, in text order (a std::map), so the file is the same on every run.
struct Aliases {
  std::vector<std::string> text;
  std::vector<uint32_t> target;
};

Aliases BuildAliases(const Vocabulary& vocab,
                     const std::unordered_map<std::string, std::string>& canon) {
  std::map<std::string, uint32_t> aliases;
  for (uint32_t id = kFirstWordId; id < vocab.words.size(); ++id) {
    if (!(vocab.flags[id] & kFlagSyllable)) continue;
    std::string other = OtherTonePlacement(vocab.words[id]);
    if (!other.empty() && !vocab.ids.count(other)) aliases.emplace(other, id);
  }
  for (auto& [raw, key] : canon) {
    auto it = vocab.ids.find(key);
    if (raw != key && it != vocab.ids.end() && !vocab.ids.count(raw)) {
      aliases.emplace(raw, it->second);
    }
  }
  Aliases out;
  for (auto& [a, id] : aliases) {
    out.text.push_back(a);
    out.target.push_back(id);
  }
  return out;
}

// Capitalised letter runs inside the document codes of the training documents ("NĐ" of
// "30/2020/NĐ-CP", "UBND" of "1532/UBND-VP"), seen at least 3 times, with their counts: the
// decoder gives a run an OCR read without the bar of its Đ ("ND") the spelling the codes of
// the corpus use.
struct CodeRuns {
  std::vector<std::string> text;
  std::vector<uint32_t> count;
};

CodeRuns CountCodeRuns(const std::vector<std::string>& docs) {
  std::map<std::string, uint32_t> code_runs;
  for (size_t d = 0; d < docs.size(); ++d) {
    if (HeldOut(d)) continue;
    std::istringstream words(docs[d]);
    std::string word;
    while (words >> word) {
      std::u32string chunk = congvan::text::ToU32(word);
      ChunkParts p = SplitChunk(chunk);
      if (p.kind != TokenKind::kCode) continue;
      for (size_t i = p.core_begin; i < p.core_end;) {
        size_t j = i;
        while (j < p.core_end && congvan::text::IsLetter(chunk[j])) ++j;
        std::u32string_view run = std::u32string_view(chunk).substr(i, j - i);
        if (run.size() >= 2 && run.size() <= 8 &&
            congvan::text::ShapeOf(run) == congvan::text::CaseShape::kUpper)
          ++code_runs[congvan::text::ToU8(run)];
        i = j == i ? i + 1 : j;
      }
    }
  }
  CodeRuns out;
  for (auto& [run, count] : code_runs)
    if (count >= 3) out.text.push_back(run), out.count.push_back(count);
  return out;
}

// The trigram counts of the training documents as word ids (the second pass).
void AddSequences(const std::vector<std::string>& docs, const Vocabulary& vocab, Tokenizer& tok,
                  LanguageModelTrainer& trainer) {
  std::vector<uint32_t> seq;
  for (size_t d = 0; d < docs.size(); ++d) {
    if (HeldOut(d)) continue;
    seq.clear();
    tok.Run(docs[d], [&](uint32_t special, std::string_view key) {
      if (special != kUnk) { seq.push_back(special); return; }
      auto it = vocab.ids.find(std::string(key));
      seq.push_back(it == vocab.ids.end() ? kUnk : it->second);
    });
    trainer.AddSequence(seq);
  }
}

// The lexicon sections: vocabulary with its flags, aliases, code runs. Their order in the file
// is part of its bytes, so it stays fixed.
void WriteLexicon(const Vocabulary& vocab, const Aliases& aliases, const CodeRuns& code_runs,
                  ModelWriter& writer) {
  std::vector<uint32_t> offsets;
  std::string blob;
  PackStrings(vocab.words, offsets, blob);
  writer.AddArray(kVocabOffsets, offsets);
  writer.Add(kVocabBlob, blob);
  writer.AddArray(kVocabFlags, vocab.flags);
  PackStrings(aliases.text, offsets, blob);
  writer.AddArray(kAliasOffsets, offsets);
  writer.Add(kAliasBlob, blob);
  writer.AddArray(kAliasTargets, aliases.target);
  PackStrings(code_runs.text, offsets, blob);
  writer.AddArray(kCodeRunOffsets, offsets);
  writer.Add(kCodeRunBlob, blob);
  writer.AddArray(kCodeRunCounts, code_runs.count);
}

// The channel pairs per engine ("eng", "vie"): lines "engine TAB true TAB observed TAB count",
// the true side in the canonical tone placement the vocabulary uses; "#" lines are comments.
std::map<std::string, std::vector<ChannelModel::Pair>> ReadChannelPairs(const std::string& path) {
  std::map<std::string, std::vector<ChannelModel::Pair>> pairs;
  std::istringstream in(Slurp(path));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::stringstream ls(line);
    std::string x;
    while (std::getline(ls, x, '\t')) f.push_back(x);
    if (f.size() != 4) continue;
    std::string truth = CanonicalToneForm(f[1]);
    pairs[f[0]].push_back({congvan::text::Lower(congvan::text::ToU32(truth)),
                           congvan::text::Lower(congvan::text::ToU32(f[2])),
                           static_cast<uint32_t>(std::stoul(f[3]))});
  }
  return pairs;
}

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> args = {{"--corpus", "corpus/text"},
                                             {"--hunspell", "/usr/share/hunspell/vi_VN.dic"},
                                             {"--pairs", "models/channel_pairs.tsv"},
                                             {"--out", "models"},
                                             {"--min-trigram-count", "2"}};
  for (int i = 1; i + 1 < argc; i += 2) args[argv[i]] = argv[i + 1];
  auto t0 = std::chrono::steady_clock::now();

  std::optional<std::vector<std::string>> docs = ReadDocuments(args["--corpus"]);
  if (!docs) return 1;
  size_t held_out = 0;
  for (size_t d = 0; d < docs->size(); ++d) held_out += HeldOut(d);
  Tokenizer tok;
  const Vocabulary vocab = BuildVocabulary(CountWords(*docs, tok), args["--hunspell"]);
  if (vocab.words.size() >= (1u << kIdBits)) {
    std::fprintf(stderr, "train_models: vocabulary too large\n");
    return 1;
  }
  // The aliases read the raw spellings the first pass collected, before the second pass runs.
  const Aliases aliases = BuildAliases(vocab, tok.canon);
  const CodeRuns code_runs = CountCodeRuns(*docs);
  LanguageModelTrainer trainer(vocab.words.size());
  AddSequences(*docs, vocab, tok, trainer);

  ModelWriter writer;
  WriteLexicon(vocab, aliases, code_runs, writer);
  std::string lm_summary;
  trainer.Write(writer, std::stoi(args["--min-trigram-count"]), &lm_summary);

  std::map<std::string, std::vector<ChannelModel::Pair>> pairs = ReadChannelPairs(args["--pairs"]);
  if (pairs["eng"].empty() || pairs["vie"].empty()) {
    std::fprintf(stderr, "train_models: no channel pairs in %s\n", args["--pairs"].c_str());
    return 1;
  }
  ChannelModel eng = ChannelModel::Train(pairs["eng"], 3);
  ChannelModel vie = ChannelModel::Train(pairs["vie"], 3);
  writer.Add(kChannelEng, eng.Serialize());
  writer.Add(kChannelVie, vie.Serialize());
  std::string table_summary;
  if (congvan::Status st = AddCandidateTables(writer, vocab.words, pairs, &table_summary); !st.ok()) {
    std::fprintf(stderr, "train_models: %s\n", st.ToString().c_str());
    return 1;
  }
  std::string info = "docs " + std::to_string(docs->size()) + " (held out " +
                     std::to_string(held_out) + "), vocabulary " + std::to_string(vocab.words.size()) +
                     " (" + std::to_string(vocab.from_corpus) + " from corpus), aliases " +
                     std::to_string(aliases.text.size()) + ", code runs " +
                     std::to_string(code_runs.text.size()) + ", " + lm_summary + ", channel ops eng " +
                     std::to_string(eng.ops().size()) + " vie " + std::to_string(vie.ops().size()) +
                     table_summary;
  writer.Add(kTrainInfo, info);
  fs::create_directories(args["--out"]);
  fs::path out = fs::path(args["--out"]) / kRepairModelFile;
  congvan::Status st = writer.Save(out.string());
  if (!st.ok()) {
    std::fprintf(stderr, "train_models: %s\n", st.ToString().c_str());
    return 1;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("train_models: wrote %s (%.1f MB) in %.1f s: %s\n", out.c_str(),
              fs::file_size(out) / 1e6, secs, info.c_str());
  return 0;
}
