#include "base/pix.h"

#include <leptonica/allheaders.h>

namespace congvan {

void PixDeleter::operator()(Pix* pix) const {
  if (pix != nullptr) pixDestroy(&pix);
}

}  // namespace congvan
