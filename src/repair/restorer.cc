#include "repair/restorer.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cwctype>
#include <filesystem>
#include <functional>
#include <limits>
#include <optional>
#include <unordered_map>

#include "repair/candidate_table.h"
#include "repair/channel.h"
#include "repair/decoder.h"
#include "repair/language_model.h"
#include "repair/lexicon.h"
#include "repair/model_file.h"
#include "repair/splitter.h"
#include "text/letters.h"
#include "text/syllable.h"
#include "text/utf8.h"

namespace congvan::repair {
namespace {

constexpr size_t kMinGluedLetters = 4;   // two syllables of two letters at least
constexpr size_t kMaxGluedLetters = 14;  // two syllables of seven letters ("nghiêng") at most
constexpr size_t kMinGluedPart = 2;      // one-letter syllables are rarely glued, and match too often
constexpr size_t kMinPlainPart = 3;      // a word without marks splits only into parts this long

// Where `word` (lower case) splits into two syllables of the lexicon, each of kMinGluedPart
// letters or more; 0 when it splits in no place or in more than one.
size_t GluedSplit(const std::u32string& word, const Lexicon& lexicon) {
  size_t found = 0;
  for (size_t i = kMinGluedPart; i + kMinGluedPart <= word.size(); ++i) {
    const uint32_t left = lexicon.Find(text::ToU8(std::u32string_view(word).substr(0, i)));
    const uint32_t right = lexicon.Find(text::ToU8(std::u32string_view(word).substr(i)));
    if (!lexicon.IsSyllable(left) || !lexicon.IsSyllable(right)) continue;
    if (found != 0) return 0;  // two readings: leave the word as written
    found = i;
  }
  return found;
}

// Good Vietnamese text with two syllables written without the space between them ("nhândân",
// "củađơn", "VỀVIỆC", "tỉnhNinh"), as a web page that lost the space between two spans prints
// them: a word unknown as a whole that splits in exactly one place into two syllables of the
// lexicon gets its space back, when it holds a letter with a mark or is written in lower case
// after its first letter with both parts long (so that foreign words, names and codes stay). Vietnamese never writes
// two syllables as one word; a word that splits two ways ("cáchuyện": "các huyện", "cá
// chuyện") is left as written.
std::string SplitGluedSyllables(const std::string& text, const Lexicon& lexicon) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  const std::u32string all = text::ToU32(text);
  size_t i = 0;
  while (i < all.size()) {
    if (!text::IsLetter(all[i])) {
      text::AppendUtf8(out, all[i++]);
      continue;
    }
    size_t j = i;
    bool marked = false;
    while (j < all.size() && text::IsLetter(all[j])) marked |= all[j++] >= 0x80;
    const std::u32string_view word(all.data() + i, j - i);
    const std::u32string lower = word.size() <= kMaxGluedLetters ? text::Lower(word) : std::u32string();
    // A word inside an address, a file name or a code ("vanthu@ubnd.gov.vn", "QĐ-UBND").
    auto joins = [](char32_t c) { return c == '@' || c == '.' || c == '_' || c == '/' || c == '-' || c == ':'; };
    const bool in_code = (i > 0 && joins(all[i - 1])) ||
                         (j < all.size() && joins(all[j]) && j + 1 < all.size() && !std::iswspace(all[j + 1]));
    size_t cut = 0;
    if (!in_code && word.size() >= kMinGluedLetters && word.size() <= kMaxGluedLetters &&
        lexicon.Find(text::ToU8(lower)) == kUnk) {
      cut = GluedSplit(lower, lexicon);
      // A word without marks may be foreign ("online", "Viettel"): only one in lower case after
      // its first letter whose parts are both long ("Giaocho") is taken for two syllables.
      const bool plain_ok = std::u32string_view(lower).substr(1) == word.substr(1) && cut >= kMinPlainPart &&
                            word.size() - cut >= kMinPlainPart;
      if (!marked && !plain_ok) cut = 0;
    }
    if (cut != 0) {
      out += text::ToU8(word.substr(0, cut));
      out += ' ';
      out += text::ToU8(word.substr(cut));
    } else {
      out += text::ToU8(word);
    }
    i = j;
  }
  return out;
}

// A text is treated as damaged (every word open to change) when this share of its words has no
// letter outside ASCII (clean Vietnamese: about a third; English-model OCR: over 80%) ...
constexpr double kDamagedAsciiShare = 0.6;
// ... or this share of its words is no known token at all.
constexpr double kDamagedUnknownShare = 0.12;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// A whitespace-separated chunk of the input and its parts.
struct Chunk {
  size_t begin, end;  // bytes in the text
  std::u32string text;
  ChunkParts parts;
};

// The chunks of text[range.first, range.second), with byte offsets into the whole text.
std::vector<Chunk> Chunks(std::string_view text, std::pair<size_t, size_t> range) {
  std::vector<Chunk> out;
  size_t i = range.first;
  const size_t end = std::min(range.second, text.size());
  while (i < end) {
    while (i < end && IsSpace(text[i])) ++i;
    size_t b = i;
    while (i < end && !IsSpace(text[i])) ++i;
    if (i > b) {
      Chunk c{b, i, text::ToU32(text.substr(b, i - b)), {}};
      c.parts = SplitChunk(c.text);
      out.push_back(std::move(c));
    }
  }
  return out;
}

std::vector<Chunk> Chunks(std::string_view text) { return Chunks(text, {0, text.size()}); }

// Texts are decoded in batches of whole lines of about this many chunks, so that memory stays
// bounded whatever the input (a lattice position holds a dozen candidates): a letter of three
// pages (~2,000) is one batch; 10 MB of text is hundreds.
constexpr size_t kBatchChunks = 8192;

// Byte ranges that partition `text`, each but the first starting at a chunk: a new one starts
// at a line's first chunk once the current one holds kBatchChunks chunks, or at any chunk once
// it holds twice that (one line without breaks). Never empty.
std::vector<std::pair<size_t, size_t>> Batches(std::string_view text) {
  std::vector<std::pair<size_t, size_t>> out;
  size_t begin = 0, held = 0, i = 0;
  bool line_break = false;
  while (i < text.size()) {
    if (IsSpace(text[i])) {
      line_break |= text[i] == '\n';
      ++i;
      continue;
    }
    if (held >= kBatchChunks && (line_break || held >= 2 * kBatchChunks)) {
      out.emplace_back(begin, i);
      begin = i;
      held = 0;
    }
    ++held;
    line_break = false;
    while (i < text.size() && !IsSpace(text[i])) ++i;
  }
  out.emplace_back(begin, text.size());
  return out;
}

// Byte length of the first `n` code points of `s` (UTF-8).
size_t BytesOf(std::u32string_view s) { return text::ToU8(s).size(); }

// NFC, with every ill-formed UTF-8 sequence replaced by U+FFFD: the steps after this one
// count a token's bytes from its code points (text::ToU32 reads an ill-formed sequence as
// U+FFFD, three bytes), so the text they index must spell it that way too.
std::string ToNfc(std::string_view text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_SUCCESS(status) && !nfc->isNormalized(u, status) && U_SUCCESS(status)) {
    icu::UnicodeString n = nfc->normalize(u, status);
    if (U_SUCCESS(status)) u = std::move(n);
  }
  std::string out;
  u.toUTF8String(out);
  return out;
}

}  // namespace

struct Restorer::Impl {
  ModelFile file;
  Lexicon lexicon;
  LanguageModel lm;
  ChannelModel eng, vie;
  CandidateTable eng_table, vie_table;  // lists of common tokens, computed at build time
  DecoderOptions options;

  // A channel and the candidate lists stored for it.
  struct Channel {
    const ChannelModel& model;
    const CandidateTable& table;
  };
  Channel EngChannel() const { return {eng, eng_table}; }
  Channel VieChannel() const { return {vie, vie_table}; }

  // Which words are open to change: given the chunk index and the word's lexicon id.
  using OpenFn = std::function<bool(size_t chunk, uint32_t id)>;

  // A merged token the lattice holds as parts: positions [first, first + count), and the two
  // readings the splitter compared, for Explain.
  struct SplitRecord {
    size_t first = 0, count = 0;
    float split_score = 0, whole_score = 0, split_channel = 0;
    Candidate whole;  // the whole token's best candidate
  };

  // The lattice of `chunks` (one batch of a text). With `splits` given, open tokens that read
  // better as two or three words are put in as their parts (see splitter.h), and recorded
  // there.
  std::vector<Position> Lattice(const std::vector<Chunk>& chunks, const Channel& channel,
                                const OpenFn& open,
                                std::vector<SplitRecord>* splits = nullptr) const {
    Decoder decoder(lexicon, lm);
    Splitter splitter(decoder, lexicon, lm, channel.model, channel.table, options);
    std::vector<std::pair<size_t, std::u32string>> split_tries;  // position, core
    std::vector<Position> positions;
    positions.reserve(chunks.size() * 2);
    // Same token, same candidates (and reserve): letters repeat most words many times.
    std::unordered_map<std::u32string, std::pair<std::vector<Candidate>, std::vector<Candidate>>>
        cache;
    std::vector<std::span<const Candidate>> reserves;  // per position, into `cache`
    auto punct = [&]() {
      Position p;
      p.candidates.push_back({kPunct, 0.0f, {}});
      positions.push_back(std::move(p));
    };
    for (size_t ci = 0; ci < chunks.size(); ++ci) {
      const Chunk& c = chunks[ci];
      const ChunkParts& parts = c.parts;
      if (parts.core_begin > 0) punct();
      if (parts.core_end > parts.core_begin) {
        std::u32string_view core =
            std::u32string_view(c.text).substr(parts.core_begin, parts.core_end - parts.core_begin);
        Position p;
        p.byte_begin = c.begin + BytesOf(std::u32string_view(c.text).substr(0, parts.core_begin));
        p.byte_end = p.byte_begin + BytesOf(core);
        if (parts.kind == TokenKind::kNumber) {
          p.candidates.push_back({kNum, 0.0f, {}});
        } else if (parts.kind == TokenKind::kCode) {
          p.candidates.push_back({kCode, 0.0f, {}});
          if (open(ci, kCode)) {
            std::u32string fixed = decoder.RepairCode(core);
            if (!fixed.empty()) {
              p.word = true;  // rendered (and explained) like a changed word
              p.candidates[0].channel = 1.0f;
              p.candidates.push_back({kCode, 0.0f, std::move(fixed), true});
            }
          }
        } else {
          p.word = true;
          std::u32string key = text::Lower(core);
          std::string lower = text::ToU8(key);
          uint32_t id = lexicon.Find(lower);
          bool is_open = open(ci, id);
          key.push_back(is_open ? U'1' : U'0');
          key.push_back(text::ShapeOf(core) == text::CaseShape::kUpper ? U'U' : U'l');
          auto it = cache.find(key);
          if (it == cache.end()) {
            std::vector<Candidate> reserve;
            auto list = channel.table.WordCandidates(decoder, core, is_open, channel.model,
                                                     options, &reserve);
            it = cache.emplace(key, std::make_pair(std::move(list), std::move(reserve))).first;
          }
          p.candidates = it->second.first;
          reserves.resize(positions.size() + 1);
          reserves.back() = it->second.second;  // the cache's nodes outlive AddFromContext
          if (splits && is_open && splitter.Eligible(core, id))
            split_tries.emplace_back(positions.size(), core);
        }
        positions.push_back(std::move(p));
      }
      if (parts.core_end < c.text.size() && parts.core_end >= parts.core_begin &&
          !(parts.core_end == parts.core_begin && parts.core_begin > 0))
        punct();
    }
    reserves.resize(positions.size());
    if (!split_tries.empty()) SplitMerged(splitter, split_tries, positions, reserves, *splits);
    decoder.AddFromContext(positions, reserves, options);
    return positions;
  }

  // The candidate a position would take on its own (channel and unigram): the neighbours'
  // words the splitter scores a token between, before the Viterbi has chosen them.
  uint32_t Guess(const Position& p) const {
    const Candidate* best = &p.candidates[0];
    float best_rank = std::numeric_limits<float>::infinity();
    for (const Candidate& c : p.candidates) {
      float rank = c.channel - lm.UnigramLogProb(c.id);
      if (rank < best_rank) best_rank = rank, best = &c;
    }
    return best->id;
  }

  // Replaces every token of `tries` (position index, core) that the splitter splits by its
  // parts, in `positions` and `reserves` alike, and records the splits.
  void SplitMerged(Splitter& splitter, const std::vector<std::pair<size_t, std::u32string>>& tries,
                   std::vector<Position>& positions,
                   std::vector<std::span<const Candidate>>& reserves,
                   std::vector<SplitRecord>& splits) const {
    // The same token between the same guesses splits the same way (10 MB of one token).
    std::unordered_map<std::u32string, std::optional<SplitChoice>> decided;
    // Into `decided` (its nodes stay put): a copy per position would be the candidates of
    // every part again, for every repetition of the token.
    std::vector<const SplitChoice*> choice(positions.size(), nullptr);
    std::vector<size_t> try_of(positions.size());
    bool any = false;
    for (size_t t = 0; t < tries.size(); ++t) {
      const auto& [i, core] = tries[t];
      try_of[i] = t;
      uint32_t u = i >= 2 ? Guess(positions[i - 2]) : kBos;
      uint32_t v = i >= 1 ? Guess(positions[i - 1]) : kBos;
      std::vector<uint32_t> after;
      for (size_t j = i + 1; j < positions.size() && j <= i + 2; ++j)
        after.push_back(Guess(positions[j]));
      std::u32string key = core;
      for (uint32_t id : {u, v}) key.push_back(static_cast<char32_t>(id));
      key.push_back(U'|');
      for (uint32_t id : after) key.push_back(static_cast<char32_t>(id));
      auto it = decided.find(key);
      if (it == decided.end())
        it = decided.emplace(key, splitter.Best(core, positions[i].candidates, u, v, after)).first;
      if (it->second) choice[i] = &*it->second;
      any |= choice[i] != nullptr;
    }
    if (!any) return;
    std::vector<Position> out;
    std::vector<std::span<const Candidate>> out_reserves;
    out.reserve(positions.size() + tries.size());
    out_reserves.reserve(out.capacity());
    for (size_t i = 0; i < positions.size(); ++i) {
      if (!choice[i]) {
        out.push_back(std::move(positions[i]));
        out_reserves.push_back(reserves[i]);
        continue;
      }
      const Position& whole = positions[i];
      const SplitChoice& c = *choice[i];
      const std::u32string& core = tries[try_of[i]].second;
      SplitRecord rec;
      rec.first = out.size();
      rec.count = c.parts.size();
      rec.split_score = c.split_score;
      rec.whole_score = c.whole_score;
      rec.split_channel = c.split_channel;
      rec.whole = whole.candidates[c.whole_best];
      size_t byte = whole.byte_begin;
      for (size_t k = 0; k < c.parts.size(); ++k) {
        const SplitPart& part = c.parts[k];
        Position p;
        p.byte_begin = byte;
        p.byte_end = byte + BytesOf(std::u32string_view(core).substr(part.begin,
                                                                      part.end - part.begin));
        byte = p.byte_end;
        p.word = !part.number;
        p.space_before = k > 0;
        p.case_of_first_letter = text::ShapeOf(core) != text::CaseShape::kUpper;
        p.candidates = part.candidates;
        out_reserves.push_back(part.reserve);  // into the splitter's cache
        out.push_back(std::move(p));
      }
      splits.push_back(rec);
    }
    positions.swap(out);
    reserves.swap(out_reserves);
  }

  // Appends to `changes` what one decoded batch changed (Explain).
  void ExplainBatch(std::string_view text, const std::vector<Position>& positions,
                    const std::vector<uint32_t>& chosen, const std::vector<SplitRecord>& splits,
                    std::vector<Change>& changes) const;

  // The text a chosen candidate writes in place of `orig`, in `orig`'s capitalisation.
  std::string Written(const Candidate& c, std::string_view orig,
                      bool case_of_first_letter = false) const {
    const std::u32string& text = Decoder(lexicon, lm).TextOf(c);
    if (c.verbatim) return text::ToU8(text);
    std::u32string orig32 = text::ToU32(orig);
    text::CaseShape shape = text::ShapeOf(orig32);
    if (case_of_first_letter && shape == text::CaseShape::kUpper && lexicon.IsSyllable(c.id))
      shape = text::CaseShape::kTitle;  // ShapeOf: the first letter is a capital
    return text::ToU8(text::ApplyCase(text, shape));
  }

  // Appends to `out` the bytes [range.first, range.second) of `text` with the chosen
  // candidates of `positions` (which lie in that range) written in.
  void Render(std::string_view text, std::pair<size_t, size_t> range,
              const std::vector<Position>& positions, const std::vector<uint32_t>& chosen,
              std::string& out) const {
    size_t at = range.first;
    for (size_t i = 0; i < positions.size(); ++i) {
      const Position& p = positions[i];
      bool changed = p.word && chosen[i] != 0;
      if (!changed && !p.space_before) continue;
      std::string_view orig = text.substr(p.byte_begin, p.byte_end - p.byte_begin);
      out.append(text.substr(at, p.byte_begin - at));
      if (p.space_before) out += ' ';  // a part of a merged token
      if (changed) out += Written(p.candidates[chosen[i]], orig, p.case_of_first_letter);
      else out.append(orig);
      at = p.byte_end;
    }
    out.append(text.substr(at, range.second - at));
  }

  // A merged token as one change: the parts as written, against the best reading of the token
  // whole; the scores are those the splitter compared (split cost included).
  Change SplitChange(std::string_view text, const std::vector<Position>& positions,
                     const std::vector<uint32_t>& chosen, const SplitRecord& rec) const {
    Change ch;
    const Position& first = positions[rec.first];
    const Position& last = positions[rec.first + rec.count - 1];
    ch.offset = first.byte_begin;
    ch.original = text.substr(first.byte_begin, last.byte_end - first.byte_begin);
    for (size_t k = rec.first; k < rec.first + rec.count; ++k) {
      const Position& p = positions[k];
      std::string_view orig = text.substr(p.byte_begin, p.byte_end - p.byte_begin);
      if (k > rec.first) ch.replacement += ' ';
      ch.replacement += p.word && chosen[k] != 0
                            ? Written(p.candidates[chosen[k]], orig, p.case_of_first_letter)
                            : std::string(orig);
    }
    std::string whole = rec.whole.id == kUnk || rec.whole.verbatim
                            ? ch.original
                            : Written(rec.whole, ch.original);
    ch.alternatives.push_back({ch.replacement, rec.split_score, rec.split_channel});
    ch.alternatives.push_back({whole + " (whole)", rec.whole_score, rec.whole.channel});
    return ch;
  }

  // In damaged text every word is open. In good text only unknown tokens are, and not
  // unknown capitalised abbreviations (CCHC, CV) that are no syllable: those are names, not
  // damage, and the nearest syllable ("CÁC") would make good text worse.
  OpenFn OpenPolicy(const std::vector<Chunk>& chunks, bool damaged) const {
    return [&chunks, damaged](size_t ci, uint32_t id) {
      if (damaged) return true;
      if (id != kUnk) return false;
      const Chunk& c = chunks[ci];
      std::u32string_view core = std::u32string_view(c.text).substr(
          c.parts.core_begin, c.parts.core_end - c.parts.core_begin);
      return !(text::ShapeOf(core) == text::CaseShape::kUpper && core.size() <= 6 &&
               !text::IsVietnameseSyllable(text::ToU8(core)));
    };
  }

  // What decides whether a text is damaged, counted batch by batch.
  struct WordCounts {
    size_t words = 0, ascii = 0, unknown = 0;
    bool Damaged() const {
      if (words == 0) return false;
      return ascii > kDamagedAsciiShare * words || unknown > kDamagedUnknownShare * words;
    }
  };

  void CountWords(const std::vector<Chunk>& chunks, WordCounts& counts) const {
    for (const Chunk& c : chunks) {
      if (c.parts.kind != TokenKind::kWord || c.parts.core_end == c.parts.core_begin) continue;
      std::u32string_view core = std::u32string_view(c.text).substr(
          c.parts.core_begin, c.parts.core_end - c.parts.core_begin);
      std::u32string lower = text::Lower(core);
      uint32_t id = lexicon.Find(text::ToU8(lower));
      if (id != kUnk && !lexicon.IsSyllable(id)) continue;  // UBND, TTHC: says nothing
      if (id == kUnk && text::ShapeOf(core) == text::CaseShape::kUpper && core.size() <= 6 &&
          !text::IsVietnameseSyllable(text::ToU8(core)))
        continue;  // an abbreviation the corpus does not know (CCHC, THCBKS): neither
      ++counts.words;
      if (id == kUnk) ++counts.unknown;
      if (std::all_of(lower.begin(), lower.end(), [](char32_t ch) { return ch < 0x80; }))
        ++counts.ascii;
    }
  }

  // Whether the whole of `text` is damaged; `first` receives the chunks of batches[0], which
  // is all of most texts, so they are not split twice.
  bool Damaged(std::string_view text, const std::vector<std::pair<size_t, size_t>>& batches,
               std::vector<Chunk>& first) const {
    WordCounts counts;
    first = Chunks(text, batches[0]);
    CountWords(first, counts);
    for (size_t b = 1; b < batches.size(); ++b) CountWords(Chunks(text, batches[b]), counts);
    return counts.Damaged();
  }
};

Restorer::Restorer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Restorer::~Restorer() = default;
Restorer::Restorer(Restorer&&) noexcept = default;
Restorer& Restorer::operator=(Restorer&&) noexcept = default;

Result<Restorer> Restorer::Load(const std::string& models_dir) {
  std::string path = (std::filesystem::path(models_dir) / kRepairModelFile).string();
  Result<ModelFile> file = ModelFile::Load(path);
  if (!file.ok()) return file.status();
  auto impl = std::make_unique<Impl>();
  impl->file = std::move(file).value();
  Result<Lexicon> lex = Lexicon::FromModel(impl->file);
  if (!lex.ok()) return lex.status().WithContext(path);
  impl->lexicon = std::move(lex).value();
  Result<LanguageModel> lm = LanguageModel::FromModel(impl->file, impl->lexicon.size());
  if (!lm.ok()) return lm.status().WithContext(path);
  impl->lm = std::move(lm).value();
  Result<ChannelModel> eng = ChannelModel::FromModel(impl->file, kChannelEng);
  if (!eng.ok()) return eng.status().WithContext(path);
  Result<ChannelModel> vie = ChannelModel::FromModel(impl->file, kChannelVie);
  if (!vie.ok()) return vie.status().WithContext(path);
  impl->eng = std::move(eng).value();
  impl->vie = std::move(vie).value();
  Result<CandidateTable> eng_table =
      CandidateTable::FromModel(impl->file, kCandidatesEng, impl->lexicon.size());
  if (!eng_table.ok()) return eng_table.status().WithContext(path);
  Result<CandidateTable> vie_table =
      CandidateTable::FromModel(impl->file, kCandidatesVie, impl->lexicon.size());
  if (!vie_table.ok()) return vie_table.status().WithContext(path);
  impl->eng_table = std::move(eng_table).value();
  impl->vie_table = std::move(vie_table).value();
  return Restorer(std::move(impl));
}

std::string Restorer::Restore(std::string_view input) const {
  std::string text = ToNfc(input);
  auto batches = Batches(text);
  std::vector<Chunk> chunks;
  const bool damaged = impl_->Damaged(text, batches, chunks);
  if (!damaged) {
    std::string spaced = SplitGluedSyllables(text, impl_->lexicon);
    if (spaced != text) {
      text = std::move(spaced);
      batches = Batches(text);
      chunks = Chunks(text, batches.empty() ? std::pair<size_t, size_t>{0, 0} : batches[0]);
    }
  }
  const auto channel = damaged ? impl_->EngChannel() : impl_->VieChannel();
  Decoder decoder(impl_->lexicon, impl_->lm);
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (size_t b = 0; b < batches.size(); ++b) {
    if (b > 0) chunks = Chunks(text, batches[b]);
    // Only damaged text is searched for merged tokens: an OCR that knows Vietnamese keeps its
    // spaces, and an unknown word in good text is a name, not two words.
    std::vector<Impl::SplitRecord> splits;
    auto positions = impl_->Lattice(chunks, channel, impl_->OpenPolicy(chunks, damaged),
                                    damaged ? &splits : nullptr);
    impl_->Render(text, batches[b], positions, decoder.Best(positions), out);
  }
  return out;
}

PageText Restorer::RestoreOcr(const PageText& page, float min_confidence) const {
  PageText out = page;
  std::string text;
  std::vector<float> conf;
  for (size_t l = 0; l < page.lines.size(); ++l) {
    std::string line = ToNfc(page.lines[l].text);
    std::vector<Chunk> cs = Chunks(line);
    bool words_match = cs.size() == page.lines[l].words.size();
    for (size_t i = 0; i < cs.size(); ++i)
      conf.push_back(words_match ? page.lines[l].words[i].confidence : page.lines[l].confidence);
    if (l > 0) text += '\n';
    text += line;
  }
  Decoder decoder(impl_->lexicon, impl_->lm);
  std::string repaired;
  repaired.reserve(text.size() + text.size() / 8);
  size_t base = 0;  // the batch's first chunk in the whole text
  for (auto batch : Batches(text)) {
    std::vector<Chunk> chunks = Chunks(text, batch);
    auto open = [&](size_t ci, uint32_t id) {
      // conf holds one value per chunk of every line, so the joined text has as many chunks.
      float c = base + ci < conf.size() ? conf[base + ci] : 0.0f;
      return id == kUnk || c < min_confidence;
    };
    auto positions = impl_->Lattice(chunks, impl_->VieChannel(), open);
    impl_->Render(text, batch, positions, decoder.Best(positions), repaired);
    base += chunks.size();
  }
  // Newlines are never touched, so the repaired text splits back into the same lines.
  size_t at = 0;
  for (size_t l = 0; l < out.lines.size(); ++l) {
    size_t nl = repaired.find('\n', at);
    std::string line = repaired.substr(at, nl == std::string::npos ? std::string::npos : nl - at);
    at = nl == std::string::npos ? repaired.size() : nl + 1;
    Line& ln = out.lines[l];
    ln.text = line;
    std::vector<Chunk> cs = Chunks(line);
    if (cs.size() == ln.words.size())
      for (size_t i = 0; i < cs.size(); ++i) ln.words[i].text = line.substr(cs[i].begin, cs[i].end - cs[i].begin);
  }
  return out;
}

std::vector<Restorer::Change> Restorer::Explain(std::string_view input) const {
  std::string text = ToNfc(input);
  const auto batches = Batches(text);
  std::vector<Chunk> chunks;
  const bool damaged = impl_->Damaged(text, batches, chunks);
  const auto channel = damaged ? impl_->EngChannel() : impl_->VieChannel();
  Decoder decoder(impl_->lexicon, impl_->lm);
  std::vector<Change> changes;
  for (size_t b = 0; b < batches.size(); ++b) {
    if (b > 0) chunks = Chunks(text, batches[b]);
    std::vector<Impl::SplitRecord> splits;  // as Restore()
    auto positions = impl_->Lattice(chunks, channel, impl_->OpenPolicy(chunks, damaged),
                                    damaged ? &splits : nullptr);
    impl_->ExplainBatch(text, positions, decoder.Best(positions), splits, changes);
  }
  return changes;
}

void Restorer::Impl::ExplainBatch(std::string_view text, const std::vector<Position>& positions,
                                  const std::vector<uint32_t>& chosen,
                                  const std::vector<SplitRecord>& splits,
                                  std::vector<Change>& changes) const {
  Decoder decoder(lexicon, lm);
  auto split = splits.begin();
  for (size_t i = 0; i < positions.size(); ++i) {
    if (split != splits.end() && split->first == i) {
      changes.push_back(SplitChange(text, positions, chosen, *split));
      i += split->count - 1;
      ++split;
      continue;
    }
    const Position& p = positions[i];
    if (!p.word || chosen[i] == 0) continue;
    Change ch;
    ch.offset = p.byte_begin;
    ch.original = std::string(text.substr(p.byte_begin, p.byte_end - p.byte_begin));
    ch.replacement = Written(p.candidates[chosen[i]], ch.original);
    for (uint32_t c = 0; c < p.candidates.size(); ++c) {
      const Candidate& cand = p.candidates[c];
      std::string t = c == 0 ? ch.original : text::ToU8(decoder.TextOf(cand));
      ch.alternatives.push_back({t, decoder.LocalCost(positions, chosen, i, c), cand.channel});
    }
    std::stable_sort(ch.alternatives.begin(), ch.alternatives.end(),
                     [](const Alternative& a, const Alternative& b) { return a.score < b.score; });
    changes.push_back(std::move(ch));
  }
}

Restorer::Stats Restorer::stats() const {
  Stats s;
  s.file_bytes = impl_->file.size_bytes();
  s.vocabulary = impl_->lexicon.size();
  s.syllables = impl_->lexicon.syllable_count();
  s.bigrams = impl_->lm.bigram_count();
  s.trigrams = impl_->lm.trigram_count();
  s.stored_lists = impl_->eng_table.size() + impl_->vie_table.size();
  return s;
}

}  // namespace congvan::repair
