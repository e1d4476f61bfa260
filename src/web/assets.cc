#include "web/assets.h"

#include <algorithm>

namespace congvan::web {

const Asset* FindAsset(std::string_view name) {
  std::span<const Asset> all = EmbeddedAssets();
  auto it = std::find_if(all.begin(), all.end(), [&](const Asset& a) { return a.name == name; });
  return it == all.end() ? nullptr : &*it;
}

}  // namespace congvan::web
