// What a letter's verified digital signatures add to its fields: the `digital_signature` field
// taken from the signature that verified (not from the visible stamp's text), and review flags
// when the file was changed after signing or the visible stamp disagrees with the signature.
#ifndef CONGVAN_PIPELINE_SIGNATURES_H_
#define CONGVAN_PIPELINE_SIGNATURES_H_

#include <vector>

#include "base/pdf_signature.h"
#include "extract/letter.h"

namespace congvan::pipeline {

// Stores `signatures` in `letter`. Its digital_signature stays the visible stamp's when a
// signature of the file matches that stamp (signer and time), and is the first signature when
// the letter shows none; a stamp that matches no signature, or a file changed after signing, is
// a reason for review.
void ApplySignatures(std::vector<PdfSignature> signatures, extract::Letter& letter);

}  // namespace congvan::pipeline

#endif  // CONGVAN_PIPELINE_SIGNATURES_H_
