#include "base/status.h"

#include <gtest/gtest.h>

#include "base/sha256.h"

namespace congvan {
namespace {

Result<int> ParsePositive(int v) {
  if (v <= 0) return Status::InvalidInput("not positive: " + std::to_string(v));
  return v;
}

Status Chain(int v) {
  CONGVAN_RETURN_IF_ERROR(ParsePositive(v).status());
  return Status::Ok();
}

TEST(StatusTest, OkAndErrorsCarryCodeAndMessage) {
  EXPECT_TRUE(Status::Ok().ok());
  Status s = Status::TooLarge("scan.pdf has 300 pages, the limit is 200");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Code::kTooLarge);
  EXPECT_EQ(s.ToString(), "too large: scan.pdf has 300 pages, the limit is 200");
  EXPECT_EQ(s.WithContext("a/b.pdf").message(), "a/b.pdf: scan.pdf has 300 pages, the limit is 200");
}

TEST(StatusTest, ResultHoldsValueOrStatus) {
  Result<int> good = ParsePositive(3);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 3);
  Result<int> bad = ParsePositive(-1);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Code::kInvalidInput);
  EXPECT_TRUE(Chain(1).ok());
  EXPECT_EQ(Chain(0).message(), "not positive: 0");
}

// Reading the value of an error is a caller's bug: it stops with the error it holds, not with
// std::bad_variant_access.
TEST(StatusDeathTest, ValueOfAnErrorNamesTheError) {
  Result<int> r = Status::NotFound("no such letter: 12/UBND");
  EXPECT_DEATH((void)r.value(), "value\\(\\) on an error: not found: no such letter: 12/UBND");
}

TEST(Sha256Test, KnownDigests) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace congvan
