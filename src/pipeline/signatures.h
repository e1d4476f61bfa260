// What a letter's verified digital signatures add to its fields: the `digital_signature` field
// taken from the signature that verified (not from the visible stamp's text), and review flags
// when the file was changed after signing or the visible stamp disagrees with the signature.
#ifndef CONGVAN_PIPELINE_SIGNATURES_H_
#define CONGVAN_PIPELINE_SIGNATURES_H_

#include <vector>

#include "base/pdf_signature.h"
#include "extract/letter.h"

namespace congvan::pipeline {

// Stores `signatures` in `letter`, fills its digital_signature from the issuing body's (the
// first) signature and adds the flags a clerk must see.
void ApplySignatures(std::vector<PdfSignature> signatures, extract::Letter& letter);

}  // namespace congvan::pipeline

#endif  // CONGVAN_PIPELINE_SIGNATURES_H_
