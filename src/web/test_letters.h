// Test support for the web tests: a registry filled through the real pipeline.
#ifndef CONGVAN_WEB_TEST_LETTERS_H_
#define CONGVAN_WEB_TEST_LETTERS_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/pipeline.h"
#include "registry/registry.h"

namespace congvan::web::test {

// One OCR worker: the tests read a few small files.
inline pipeline::Options OneWorker() {
  pipeline::Options o;
  o.workers = 1;
  return o;
}

// Reads each of `files` with the pipeline and registers it in the registry at `db`, appending
// the registered ids to `ids`; a failure is a test failure naming the file.
inline void RegisterAll(const std::string& db, const std::vector<std::string>& files,
                        std::vector<std::int64_t>& ids) {
  auto pipeline = pipeline::Pipeline::Create(OneWorker());
  ASSERT_TRUE(pipeline.ok()) << pipeline.status().message();
  auto reg = registry::Registry::Open(db);
  ASSERT_TRUE(reg.ok()) << reg.status().message();
  for (const std::string& f : files) {
    Result<pipeline::Processed> p = (*pipeline)->Process(f);
    ASSERT_TRUE(p.ok()) << f << ": " << p.status().message();
    Result<registry::AddOutcome> added = pipeline::Register(**reg, *p);
    ASSERT_TRUE(added.ok()) << f << ": " << added.status().message();
    ids.push_back(added->id);
  }
}

}  // namespace congvan::web::test

#endif  // CONGVAN_WEB_TEST_LETTERS_H_
