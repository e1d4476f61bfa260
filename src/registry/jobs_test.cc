#include "registry/jobs.h"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "base/sha256.h"
#include "registry/registry.h"
#include "support/registry_backends.h"
#include "support/testing.h"

namespace congvan::registry {
namespace {

using namespace std::chrono_literals;
using testing::RawRegistry;

class JobQueueTest : public testing::RegistryBackendTest {
 protected:
  std::unique_ptr<Registry> Open(const std::string& location) {
    Result<std::unique_ptr<Registry>> reg = Registry::Open(location);
    EXPECT_TRUE(reg.ok()) << reg.status().ToString();
    return reg.ok() ? std::move(*reg) : nullptr;
  }
};

// Bytes a text column would not carry: NULs, every byte value, invalid UTF-8.
std::string FileBytes(const std::string& tag) {
  std::string bytes = "%PDF-1.4\n" + tag + '\0';
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  bytes += std::string("\xff\xfe\0\0\xc3", 5);
  return bytes;
}

// Claims for `worker` until a job comes (a lease elsewhere must expire first) or a generous
// deadline passes.
std::optional<Job> ClaimWhenFree(JobQueue& queue, const std::string& worker,
                                 std::chrono::milliseconds lease) {
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (std::chrono::steady_clock::now() < deadline) {
    Result<std::optional<Job>> job = queue.Claim(worker, lease);
    EXPECT_TRUE(job.ok()) << job.status().ToString();
    if (!job.ok()) return std::nullopt;
    if (job->has_value()) return std::move(*job);
    std::this_thread::sleep_for(10ms);
  }
  return std::nullopt;
}

TEST_P(JobQueueTest, EnqueueClaimFinish) {
  const std::string location = NewRegistryLocation();
  std::unique_ptr<Registry> reg = Open(location);
  ASSERT_NE(reg, nullptr);
  JobQueue queue(reg->db());
  const std::string bytes = FileBytes("a");
  Result<EnqueueOutcome> queued = queue.Enqueue("scans/công văn 1.pdf", bytes);
  ASSERT_TRUE(queued.ok()) << queued.status().ToString();
  EXPECT_EQ(queued->kind, EnqueueOutcome::Kind::kQueued);
  EXPECT_GT(queued->job_id, 0);

  Result<std::optional<Job>> job = queue.Claim("worker-1", 1h);
  ASSERT_TRUE(job.ok()) << job.status().ToString();
  ASSERT_TRUE(job->has_value());
  EXPECT_EQ((*job)->id, queued->job_id);
  EXPECT_EQ((*job)->name, "scans/công văn 1.pdf");
  EXPECT_EQ((*job)->bytes, bytes);  // every byte back, NULs included
  EXPECT_EQ((*job)->sha256, Sha256Hex(bytes));
  EXPECT_EQ((*job)->attempts, 1);

  // Nothing else to take while the lease runs.
  Result<std::optional<Job>> none = queue.Claim("worker-2", 1h);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  Result<QueueCounts> counts = queue.Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->claimed, 1);
  EXPECT_EQ(counts->expired, 0);
  EXPECT_EQ(counts->queued, 0);

  EXPECT_TRUE(*queue.Renew((*job)->id, "worker-1", 1h));
  EXPECT_FALSE(*queue.Renew((*job)->id, "worker-2", 1h));  // not its job
  Result<bool> finished = queue.Finish((*job)->id, 42, "registered");
  ASSERT_TRUE(finished.ok()) << finished.status().ToString();
  EXPECT_TRUE(*finished);
  EXPECT_FALSE(*queue.Finish((*job)->id, 42, "registered"));  // done once
  EXPECT_FALSE(*queue.Renew((*job)->id, "worker-1", 1h));     // nothing left to hold

  Result<std::optional<JobRecord>> record = queue.Find((*job)->id);
  ASSERT_TRUE(record.ok() && record->has_value());
  EXPECT_EQ((*record)->state, JobState::kDone);
  EXPECT_EQ((*record)->document_id, 42);
  EXPECT_EQ((*record)->outcome, "registered");
  EXPECT_EQ((*record)->worker, "worker-1");
  EXPECT_EQ((*record)->size, static_cast<std::int64_t>(bytes.size()));
  counts = queue.Counts();
  EXPECT_EQ(counts->done, 1);
  EXPECT_EQ(counts->claimed, 0);
}

TEST_P(JobQueueTest, TheSameBytesTwiceAreOneJob) {
  std::unique_ptr<Registry> reg = Open(NewRegistryLocation());
  ASSERT_NE(reg, nullptr);
  JobQueue queue(reg->db());
  Result<EnqueueOutcome> first = queue.Enqueue("a.pdf", FileBytes("same"));
  Result<EnqueueOutcome> second = queue.Enqueue("copy of a.pdf", FileBytes("same"));
  Result<EnqueueOutcome> other = queue.Enqueue("b.pdf", FileBytes("other"));
  ASSERT_TRUE(first.ok() && second.ok() && other.ok());
  EXPECT_EQ(second->kind, EnqueueOutcome::Kind::kAlreadyQueued);
  EXPECT_EQ(second->job_id, first->job_id);
  EXPECT_EQ(second->state, JobState::kQueued);
  EXPECT_NE(other->job_id, first->job_id);
  EXPECT_EQ(queue.Counts()->queued, 2);

  // Done, it is still the one job.
  Result<std::optional<Job>> job = queue.Claim("w", 1h);
  ASSERT_TRUE(job.ok() && job->has_value());
  ASSERT_EQ((*job)->id, first->job_id);  // the oldest first
  ASSERT_TRUE(queue.Finish((*job)->id, 7, "registered").ok());
  Result<EnqueueOutcome> third = queue.Enqueue("a.pdf", FileBytes("same"));
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->kind, EnqueueOutcome::Kind::kAlreadyQueued);
  EXPECT_EQ(third->state, JobState::kDone);
  EXPECT_EQ(third->document_id, 7);
}

TEST_P(JobQueueTest, BytesOfARegisteredLetterAreNotQueued) {
  std::unique_ptr<Registry> reg = Open(NewRegistryLocation());
  ASSERT_NE(reg, nullptr);
  const std::string bytes = FileBytes("registered");
  DocumentRecord doc;
  doc.sha256 = Sha256Hex(bytes);
  doc.path = "letter.pdf";
  doc.file_type = "pdf";
  doc.source = "text";
  doc.text = "Kính gửi: Phòng Nội vụ";
  Result<AddOutcome> added = reg->Add(doc);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  JobQueue queue(reg->db());
  Result<EnqueueOutcome> out = queue.Enqueue("letter again.pdf", bytes);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->kind, EnqueueOutcome::Kind::kAlreadyRegistered);
  EXPECT_EQ(out->document_id, added->id);
  EXPECT_EQ(out->job_id, 0);
  EXPECT_EQ(queue.Counts()->queued, 0);
}

TEST_P(JobQueueTest, AFailureThatMayPassIsRetriedThenTheJobStaysFailedWithItsBytes) {
  const std::string location = NewRegistryLocation();
  std::unique_ptr<Registry> reg = Open(location);
  ASSERT_NE(reg, nullptr);
  JobQueue queue(reg->db(), /*max_attempts=*/2);
  const std::string bytes = FileBytes("flaky");
  const std::int64_t id = queue.Enqueue("flaky.pdf", bytes)->job_id;

  std::optional<Job> first = *queue.Claim("w1", 1h);
  ASSERT_TRUE(first.has_value());
  Result<JobState> state = queue.Fail(id, "w1", "database went away", /*retry=*/true);
  ASSERT_TRUE(state.ok()) << state.status().ToString();
  EXPECT_EQ(*state, JobState::kQueued);
  EXPECT_EQ((*queue.Find(id))->error, "database went away");

  std::optional<Job> second = *queue.Claim("w2", 1h);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->attempts, 2);
  EXPECT_EQ(*queue.Fail(id, "w2", "database went away again", true), JobState::kFailed);
  EXPECT_FALSE(queue.Claim("w3", 1h)->has_value());

  Result<QueueCounts> counts = queue.Counts();
  EXPECT_EQ(counts->failed, 1);
  EXPECT_EQ(counts->queued, 0);
  RawRegistry raw(location);
  EXPECT_EQ(raw.Int("SELECT length(bytes) FROM jobs"), static_cast<std::int64_t>(bytes.size()));

  // Handed in again, the failed job is queued again from the start.
  Result<EnqueueOutcome> again = queue.Enqueue("flaky.pdf", bytes);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->kind, EnqueueOutcome::Kind::kRequeued);
  EXPECT_EQ(again->job_id, id);
  std::optional<Job> third = *queue.Claim("w3", 1h);
  ASSERT_TRUE(third.has_value());
  EXPECT_EQ(third->attempts, 1);
  EXPECT_EQ(third->bytes, bytes);
}

TEST_P(JobQueueTest, TheFilesOwnFailureIsNotRetried) {
  std::unique_ptr<Registry> reg = Open(NewRegistryLocation());
  ASSERT_NE(reg, nullptr);
  JobQueue queue(reg->db());
  const std::int64_t id = queue.Enqueue("broken.png", FileBytes("broken"))->job_id;
  ASSERT_TRUE(queue.Claim("w", 1h)->has_value());
  EXPECT_EQ(*queue.Fail(id, "w", "not an image", /*retry=*/false), JobState::kFailed);
  EXPECT_FALSE(queue.Claim("w", 1h)->has_value());
  Result<std::optional<JobRecord>> record = queue.Find(id);
  EXPECT_EQ((*record)->state, JobState::kFailed);
  EXPECT_EQ((*record)->error, "not an image");
  EXPECT_EQ((*record)->attempts, 1);
}

TEST_P(JobQueueTest, AJobWhoseLeaseExpiredIsTakenOverAndItsFirstWorkerLetGo) {
  const std::string location = NewRegistryLocation();
  std::unique_ptr<Registry> reg_a = Open(location);
  std::unique_ptr<Registry> reg_b = Open(location);
  ASSERT_NE(reg_a, nullptr);
  ASSERT_NE(reg_b, nullptr);
  JobQueue a(reg_a->db()), b(reg_b->db());
  const std::int64_t id = a.Enqueue("slow.pdf", FileBytes("slow"))->job_id;
  // A one-millisecond lease: "a" stands for a worker killed right after its claim.
  std::optional<Job> first = *a.Claim("a", 1ms);
  ASSERT_TRUE(first.has_value());
  std::optional<Job> taken = ClaimWhenFree(b, "b", 1h);
  ASSERT_TRUE(taken.has_value());
  EXPECT_EQ(taken->id, id);
  EXPECT_EQ(taken->attempts, 2);
  EXPECT_EQ(taken->bytes, first->bytes);
  EXPECT_EQ((*b.Find(id))->worker, "b");

  // The first worker was not dead after all: it can no longer keep, fail or release the job,
  EXPECT_FALSE(*a.Renew(id, "a", 1h));
  EXPECT_EQ(*a.Fail(id, "a", "late failure", true), JobState::kClaimed);
  EXPECT_FALSE(*a.Release(id, "a"));
  EXPECT_EQ((*b.Find(id))->worker, "b");
  EXPECT_EQ((*b.Find(id))->error, "");
  // but what it registered counts, once.
  EXPECT_TRUE(*a.Finish(id, 5, "registered"));
  EXPECT_FALSE(*b.Finish(id, 5, "already"));
  EXPECT_EQ((*b.Find(id))->outcome, "registered");
  EXPECT_EQ(b.Counts()->done, 1);
}

TEST_P(JobQueueTest, AJobWhoseWorkersAllDiedStaysFailed) {
  std::unique_ptr<Registry> reg = Open(NewRegistryLocation());
  ASSERT_NE(reg, nullptr);
  JobQueue queue(reg->db(), /*max_attempts=*/2);
  const std::int64_t id = queue.Enqueue("poison.pdf", FileBytes("poison"))->job_id;
  ASSERT_TRUE(queue.Claim("w1", 1ms)->has_value());
  std::optional<Job> second = ClaimWhenFree(queue, "w2", 1ms);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->attempts, 2);
  // Once w2's lease has passed too, the next claim gives the job up instead of taking it.
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while ((*queue.Find(id))->state == JobState::kClaimed &&
         std::chrono::steady_clock::now() < deadline) {
    EXPECT_FALSE(queue.Claim("w3", 1h)->has_value());
    std::this_thread::sleep_for(10ms);
  }
  Result<std::optional<JobRecord>> record = queue.Find(id);
  EXPECT_EQ((*record)->state, JobState::kFailed);
  EXPECT_EQ((*record)->attempts, 2);
  EXPECT_NE((*record)->error.find("stopped before finishing"), std::string::npos)
      << (*record)->error;
}

TEST_P(JobQueueTest, ReleaseQueuesTheJobAgainWithoutCountingTheAttempt) {
  std::unique_ptr<Registry> reg = Open(NewRegistryLocation());
  ASSERT_NE(reg, nullptr);
  JobQueue queue(reg->db());
  const std::int64_t id = queue.Enqueue("a.pdf", FileBytes("a"))->job_id;
  ASSERT_TRUE(queue.Claim("w", 1h)->has_value());
  EXPECT_TRUE(*queue.Release(id, "w"));
  EXPECT_EQ(queue.Counts()->queued, 1);
  std::optional<Job> again = *queue.Claim("v", 1h);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->attempts, 1);
}

TEST_P(JobQueueTest, ClaimersOnSeveralConnectionsNeverGetTheSameJob) {
  const std::string location = NewRegistryLocation();
  constexpr int kJobs = 60, kClaimers = 4;
  {
    std::unique_ptr<Registry> reg = Open(location);
    ASSERT_NE(reg, nullptr);
    JobQueue queue(reg->db());
    for (int i = 0; i < kJobs; ++i) {
      ASSERT_TRUE(queue.Enqueue("page" + std::to_string(i), FileBytes(std::to_string(i))).ok());
    }
  }
  std::mutex mu;
  std::map<std::int64_t, std::vector<std::string>> claimed_by;  // job -> workers that got it
  std::vector<std::string> errors;
  auto claimer = [&](int n) {
    const std::string name = "claimer-" + std::to_string(n);
    Result<std::unique_ptr<Registry>> reg = Registry::Open(location);
    if (!reg.ok()) {
      std::lock_guard<std::mutex> lock(mu);
      errors.push_back(reg.status().ToString());
      return;
    }
    JobQueue queue((*reg)->db());
    for (;;) {
      Result<std::optional<Job>> job = queue.Claim(name, 1h);
      if (!job.ok() || !job->has_value()) {
        std::lock_guard<std::mutex> lock(mu);
        if (!job.ok()) errors.push_back(job.status().ToString());
        return;
      }
      {
        std::lock_guard<std::mutex> lock(mu);
        claimed_by[(*job)->id].push_back(name);
      }
      Result<bool> done = queue.Finish((*job)->id, (*job)->id, "registered");
      if (!done.ok() || !*done) {
        std::lock_guard<std::mutex> lock(mu);
        errors.push_back("finishing job " + std::to_string((*job)->id) + " of " + name);
      }
    }
  };
  std::vector<std::thread> threads;
  for (int n = 0; n < kClaimers; ++n) threads.emplace_back(claimer, n);
  for (std::thread& t : threads) t.join();
  for (const std::string& e : errors) ADD_FAILURE() << e;
  EXPECT_EQ(claimed_by.size(), static_cast<std::size_t>(kJobs));
  std::set<std::string> claimers;
  for (const auto& [id, workers] : claimed_by) {
    EXPECT_EQ(workers.size(), 1u) << "job " << id << " claimed " << workers.size() << " times";
    claimers.insert(workers.begin(), workers.end());
  }
  std::unique_ptr<Registry> reg = Open(location);
  ASSERT_NE(reg, nullptr);
  Result<QueueCounts> counts = JobQueue(reg->db()).Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->done, kJobs);
  EXPECT_EQ(counts->queued + counts->claimed + counts->failed, 0);
}

CONGVAN_ON_BOTH_BACKENDS(JobQueueTest);

}  // namespace
}  // namespace congvan::registry
