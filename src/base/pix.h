// PixPtr: sole owner of a Leptonica image. Every Pix in congvan lives in one of these.
#ifndef CONGVAN_BASE_PIX_H_
#define CONGVAN_BASE_PIX_H_

#include <memory>

struct Pix;

namespace congvan {

// Calls pixDestroy on the owned image.
struct PixDeleter {
  void operator()(Pix* pix) const;
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

// Takes ownership of a Pix returned by a Leptonica call (which may be null on failure).
inline PixPtr AdoptPix(Pix* pix) { return PixPtr(pix); }

}  // namespace congvan

#endif  // CONGVAN_BASE_PIX_H_
