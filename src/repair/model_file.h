// The restorer's binary model file: a version header and tagged sections, read with one read().
//
// Layout (little-endian): "CVREPAIR" | u32 version | u32 section count | u64 payload bytes |
// u64 checksum of the payload | sections. Each section: u32 tag | u32 0 | u64 length | bytes,
// padded to 8 so arrays inside can be used in place without copying (load must stay well under
// 300 ms, and parsing tens of MB would not).
#ifndef CONGVAN_REPAIR_MODEL_FILE_H_
#define CONGVAN_REPAIR_MODEL_FILE_H_

#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace congvan::repair {

inline constexpr uint32_t kModelVersion = 2;
inline constexpr char kModelMagic[8] = {'C', 'V', 'R', 'E', 'P', 'A', 'I', 'R'};

// Builds a model file in memory; the trainer writes it out with Save().
class ModelWriter {
 public:
  // Adds a section holding `bytes` under `tag`; tags must be unique.
  void Add(uint32_t tag, std::string_view bytes);
  template <typename T>
  void AddArray(uint32_t tag, const std::vector<T>& v) {
    Add(tag, std::string_view(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T)));
  }
  // The complete file image, header included.
  std::string Serialize() const;
  Status Save(const std::string& path) const;

 private:
  std::vector<std::pair<uint32_t, std::string>> sections_;
};

// A loaded model file: owns the bytes, checks header, size and checksum, hands out sections.
class ModelFile {
 public:
  static Result<ModelFile> Load(const std::string& path);
  static Result<ModelFile> FromBytes(std::string bytes);

  // The bytes of section `tag`, or an error naming the missing section.
  Result<std::string_view> Section(uint32_t tag) const;
  // A section viewed as an array of T; fails when its length is not a multiple of sizeof(T).
  template <typename T>
  Result<std::span<const T>> Array(uint32_t tag) const {
    Result<std::string_view> s = Section(tag);
    if (!s.ok()) return s.status();
    if (s->size() % sizeof(T) != 0)
      return Status::InvalidInput("model section " + std::to_string(tag) + " has a bad length");
    return std::span<const T>(reinterpret_cast<const T*>(s->data()), s->size() / sizeof(T));
  }
  size_t size_bytes() const { return bytes_ ? bytes_->size() : 0; }

 private:
  // Shared so the views handed out stay valid when the ModelFile is moved into its owner.
  std::shared_ptr<const std::string> bytes_;
  std::map<uint32_t, std::string_view> sections_;
};

// Section tags.
enum SectionTag : uint32_t {
  kVocabOffsets = 1, kVocabBlob = 2, kVocabFlags = 3, kAliasOffsets = 4, kAliasBlob = 5,
  kAliasTargets = 6, kCodeRunOffsets = 7, kCodeRunBlob = 8, kCodeRunCounts = 9, kUnigrams = 10, kBigramKeys = 11, kBigramValues = 12, kTrigramKeys = 13,
  kTrigramValues = 14, kTrigramContexts = 15, kChannelEng = 20, kChannelVie = 21,
  kCandidatesEng = 22, kCandidatesVie = 23, kTrainInfo = 30,
};

}  // namespace congvan::repair

#endif  // CONGVAN_REPAIR_MODEL_FILE_H_
