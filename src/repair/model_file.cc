#include "repair/model_file.h"

#include <fstream>

namespace congvan::repair {
namespace {

constexpr size_t kHeaderSize = 8 + 4 + 4 + 8 + 8;

void PutU32(std::string& out, uint32_t v) { out.append(reinterpret_cast<const char*>(&v), 4); }
void PutU64(std::string& out, uint64_t v) { out.append(reinterpret_cast<const char*>(&v), 8); }

// FNV-1a over 8-byte words (then the tail): catches truncation and bit rot at ~10 GB/s.
uint64_t Checksum(std::string_view data) {
  uint64_t h = 1469598103934665603ULL;
  size_t i = 0;
  for (; i + 8 <= data.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, data.data() + i, 8);
    h = (h ^ w) * 1099511628211ULL;
  }
  for (; i < data.size(); ++i) h = (h ^ static_cast<unsigned char>(data[i])) * 1099511628211ULL;
  return h;
}

}  // namespace

void ModelWriter::Add(uint32_t tag, std::string_view bytes) {
  sections_.emplace_back(tag, std::string(bytes));
}

std::string ModelWriter::Serialize() const {
  std::string payload;
  for (const auto& [tag, bytes] : sections_) {
    PutU32(payload, tag);
    PutU32(payload, 0);
    PutU64(payload, bytes.size());
    payload += bytes;
    payload.append((8 - bytes.size() % 8) % 8, '\0');
  }
  std::string out(kModelMagic, 8);
  PutU32(out, kModelVersion);
  PutU32(out, static_cast<uint32_t>(sections_.size()));
  PutU64(out, payload.size());
  PutU64(out, Checksum(payload));
  return out + payload;
}

Status ModelWriter::Save(const std::string& path) const {
  std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return Status::IoError("cannot write " + tmp);
    std::string bytes = Serialize();
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!f) return Status::IoError("cannot write " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) return Status::IoError("cannot rename " + tmp);
  return Status::Ok();
}

Result<ModelFile> ModelFile::Load(const std::string& path) {
  std::ifstream f(path, std::ios::binary | std::ios::ate);
  if (!f) return Status::NotFound("model file not found: " + path);
  std::streamsize n = f.tellg();
  if (n < 0) return Status::IoError("cannot read " + path);
  std::string bytes(static_cast<size_t>(n), '\0');
  f.seekg(0);
  if (!f.read(bytes.data(), n)) return Status::IoError("cannot read " + path);
  Result<ModelFile> r = FromBytes(std::move(bytes));
  if (!r.ok()) return r.status().WithContext(path);
  return r;
}

Result<ModelFile> ModelFile::FromBytes(std::string bytes) {
  if (bytes.size() < kHeaderSize || std::memcmp(bytes.data(), kModelMagic, 8) != 0)
    return Status::InvalidInput("not a congvan repair model (bad magic)");
  uint32_t version, count;
  uint64_t payload_size, checksum;
  std::memcpy(&version, bytes.data() + 8, 4);
  std::memcpy(&count, bytes.data() + 12, 4);
  std::memcpy(&payload_size, bytes.data() + 16, 8);
  std::memcpy(&checksum, bytes.data() + 24, 8);
  if (version != kModelVersion)
    return Status::Unsupported("repair model version " + std::to_string(version) +
                               ", this program reads version " + std::to_string(kModelVersion) +
                               "; rebuild the models");
  if (payload_size != bytes.size() - kHeaderSize)
    return Status::InvalidInput("repair model truncated or padded: header says " +
                                std::to_string(payload_size) + " payload bytes, file has " +
                                std::to_string(bytes.size() - kHeaderSize));
  ModelFile mf;
  mf.bytes_ = std::make_shared<const std::string>(std::move(bytes));
  std::string_view payload = std::string_view(*mf.bytes_).substr(kHeaderSize);
  if (Checksum(payload) != checksum) return Status::InvalidInput("repair model checksum mismatch");
  size_t pos = 0;
  for (uint32_t i = 0; i < count; ++i) {
    if (payload.size() - pos < 16) return Status::InvalidInput("repair model section header cut");
    uint32_t tag;
    uint64_t len;
    std::memcpy(&tag, payload.data() + pos, 4);
    std::memcpy(&len, payload.data() + pos + 8, 8);
    pos += 16;
    if (len > payload.size() - pos) return Status::InvalidInput("repair model section cut");
    mf.sections_[tag] = payload.substr(pos, len);
    pos += len + (8 - len % 8) % 8;
  }
  return mf;
}

Result<std::string_view> ModelFile::Section(uint32_t tag) const {
  auto it = sections_.find(tag);
  if (it == sections_.end())
    return Status::InvalidInput("repair model has no section " + std::to_string(tag));
  return it->second;
}

}  // namespace congvan::repair
