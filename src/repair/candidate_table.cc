#include "repair/candidate_table.h"

#include <algorithm>
#include <cstring>

#include "text/letters.h"
#include "text/utf8.h"

namespace congvan::repair {
namespace {

// Section layout (little-endian u32 unless said): count | key bytes | key_offsets[count + 1] |
// list_offsets[count + 1] | main_sizes[count] | keys (padded to 4) | entries (u32 id, f32).
constexpr size_t kWord = sizeof(uint32_t);

template <typename T>
void Append(std::string& out, const std::vector<T>& v) {
  out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}

// True when `offsets` never decreases, starts at 0 and ends at `total`.
bool Monotonic(std::span<const uint32_t> offsets, size_t total) {
  if (offsets.empty() || offsets.front() != 0 || offsets.back() != total) return false;
  for (size_t i = 1; i < offsets.size(); ++i)
    if (offsets[i] < offsets[i - 1]) return false;
  return true;
}

}  // namespace

Result<CandidateTable> CandidateTable::FromModel(const ModelFile& file, uint32_t tag,
                                                 size_t vocab_size) {
  CandidateTable table;
  Result<std::string_view> section = file.Section(tag);
  if (!section.ok()) return table;  // an older model: compute every list
  std::string_view s = *section;
  auto bad = [tag] {
    return Status::InvalidInput("repair model candidate table " + std::to_string(tag) +
                                " is broken");
  };
  if (s.size() < 2 * kWord) return bad();
  uint32_t count, key_bytes;
  std::memcpy(&count, s.data(), kWord);
  std::memcpy(&key_bytes, s.data() + kWord, kWord);
  const size_t words = 2 + 3 * size_t{count} + 2;
  const size_t padded_keys = (size_t{key_bytes} + kWord - 1) / kWord * kWord;
  if (s.size() < words * kWord + padded_keys) return bad();
  const auto* base = reinterpret_cast<const uint32_t*>(s.data());
  table.count_ = count;
  table.key_offsets_ = {base + 2, size_t{count} + 1};
  table.list_offsets_ = {base + 3 + count, size_t{count} + 1};
  table.main_sizes_ = {base + 4 + 2 * size_t{count}, count};
  table.keys_ = s.substr(words * kWord, key_bytes);
  std::string_view rest = s.substr(words * kWord + padded_keys);
  if (rest.size() % sizeof(Entry) != 0) return bad();
  table.entries_ = {reinterpret_cast<const Entry*>(rest.data()), rest.size() / sizeof(Entry)};
  if (!Monotonic(table.key_offsets_, key_bytes) ||
      !Monotonic(table.list_offsets_, table.entries_.size()))
    return bad();
  for (size_t i = 0; i < count; ++i)
    if (table.main_sizes_[i] == 0 ||
        table.main_sizes_[i] > table.list_offsets_[i + 1] - table.list_offsets_[i])
      return bad();
  for (const Entry& e : table.entries_)
    if (e.id >= vocab_size) return bad();
  return table;
}

std::optional<CandidateTable::Lists> CandidateTable::Find(std::string_view lower) const {
  auto key = [this](size_t i) {
    return keys_.substr(key_offsets_[i], key_offsets_[i + 1] - key_offsets_[i]);
  };
  size_t lo = 0, hi = count_;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (key(mid) < lower) lo = mid + 1;
    else hi = mid;
  }
  if (lo == count_ || key(lo) != lower) return std::nullopt;
  std::span<const Entry> all =
      entries_.subspan(list_offsets_[lo], list_offsets_[lo + 1] - list_offsets_[lo]);
  return Lists{all.first(main_sizes_[lo]), all.subspan(main_sizes_[lo])};
}

std::vector<Candidate> CandidateTable::WordCandidates(const Decoder& decoder,
                                                      std::u32string_view observed, bool open,
                                                      const ChannelModel& channel,
                                                      const DecoderOptions& options,
                                                      std::vector<Candidate>* reserve) const {
  if (open && count_ > 0) {
    std::u32string lower = text::Lower(observed);
    // Capitals change the candidates of an abbreviation only ("UBND"), not of "HUYEN".
    const bool same_as_lower = text::ShapeOf(observed) != text::CaseShape::kUpper ||
                               !decoder.AbbreviationShape(lower);
    if (same_as_lower) {
      if (std::optional<Lists> stored = Find(text::ToU8(lower))) {
        std::vector<Candidate> out;
        out.reserve(stored->main.size());
        for (const Entry& e : stored->main) out.push_back({e.id, e.channel, {}});
        if (reserve)
          for (const Entry& e : stored->reserve) reserve->push_back({e.id, e.channel, {}});
        return out;
      }
    }
  }
  return decoder.WordCandidates(observed, open, channel, options, reserve);
}

std::string CandidateTable::Build(const Decoder& decoder, const ChannelModel& channel,
                                  const DecoderOptions& options,
                                  std::vector<std::string> tokens) {
  std::sort(tokens.begin(), tokens.end());
  tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
  std::vector<uint32_t> key_offsets{0}, list_offsets{0}, main_sizes;
  std::string keys;
  std::vector<Entry> entries;
  std::vector<Candidate> reserve;
  for (const std::string& token : tokens) {
    reserve.clear();
    std::vector<Candidate> list =
        decoder.WordCandidates(text::ToU32(token), true, channel, options, &reserve);
    for (const Candidate& c : list) entries.push_back({c.id, c.channel});
    for (const Candidate& c : reserve) entries.push_back({c.id, c.channel});
    keys += token;
    key_offsets.push_back(static_cast<uint32_t>(keys.size()));
    list_offsets.push_back(static_cast<uint32_t>(entries.size()));
    main_sizes.push_back(static_cast<uint32_t>(list.size()));
  }
  std::string out;
  std::vector<uint32_t> head{static_cast<uint32_t>(main_sizes.size()),
                             static_cast<uint32_t>(keys.size())};
  Append(out, head);
  Append(out, key_offsets);
  Append(out, list_offsets);
  Append(out, main_sizes);
  out += keys;
  out.append((kWord - keys.size() % kWord) % kWord, '\0');
  Append(out, entries);
  return out;
}

}  // namespace congvan::repair
