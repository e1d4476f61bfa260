// The page's stylesheet, script and icon, embedded in the binary at build time (src/web/assets/
// turned into a generated .cc by src/web/embed_assets.cmake), so the server needs no files and
// no network: nothing is loaded from a CDN.
#ifndef CONGVAN_WEB_ASSETS_H_
#define CONGVAN_WEB_ASSETS_H_

#include <span>
#include <string_view>

namespace congvan::web {

// One embedded file of src/web/assets/.
struct Asset {
  std::string_view name;          // file name: "app.css"
  std::string_view content_type;  // "text/css; charset=utf-8"
  std::string_view bytes;
};

// Every embedded asset (defined in the generated web_assets_data.cc).
std::span<const Asset> EmbeddedAssets();

// The asset called exactly `name`, or nullptr. Only names in the table match, so no request
// can reach a file on disk.
const Asset* FindAsset(std::string_view name);

}  // namespace congvan::web

#endif  // CONGVAN_WEB_ASSETS_H_
