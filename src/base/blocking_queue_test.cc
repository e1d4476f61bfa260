#include "base/blocking_queue.h"

#include <gtest/gtest.h>

#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace congvan {
namespace {

TEST(BlockingQueueTest, CloseLetsConsumersTakeWhatIsLeft) {
  BlockingQueue<std::string> q;
  EXPECT_TRUE(q.Push("một"));
  EXPECT_TRUE(q.Push("hai"));
  q.Close();
  EXPECT_FALSE(q.Push("ba"));  // refused once closed
  std::string late = "bốn";
  EXPECT_FALSE(q.TryPush(late));
  EXPECT_EQ(late, "bốn");  // left as it was
  EXPECT_EQ(q.Pop(), "một");
  EXPECT_EQ(q.Pop(), "hai");
  EXPECT_EQ(q.Pop(), std::nullopt);
  EXPECT_EQ(q.Pop(), std::nullopt);
}

TEST(BlockingQueueTest, ShutdownHandsBackTheItemsNeverTaken) {
  BlockingQueue<int> q(4);
  for (int i = 1; i <= 3; ++i) ASSERT_TRUE(q.Push(i));
  EXPECT_EQ(q.Pop(), 1);
  EXPECT_EQ(q.Shutdown(), (std::vector<int>{2, 3}));
  EXPECT_EQ(q.size(), 0u);
  EXPECT_EQ(q.Pop(), std::nullopt);
  EXPECT_FALSE(q.Push(5));
}

TEST(BlockingQueueTest, TryPushRefusesWhenFull) {
  BlockingQueue<int> q(2);
  int a = 1, b = 2, c = 3;
  EXPECT_TRUE(q.TryPush(a));
  EXPECT_TRUE(q.TryPush(b));
  EXPECT_FALSE(q.TryPush(c));
  EXPECT_EQ(q.size(), 2u);
  EXPECT_EQ(q.Pop(), 1);
  EXPECT_TRUE(q.TryPush(c));
  EXPECT_EQ(q.Shutdown(), (std::vector<int>{2, 3}));
}

TEST(BlockingQueueTest, ZeroCapacityMeansOne) {
  BlockingQueue<int> q(0);
  int a = 1, b = 2;
  EXPECT_TRUE(q.TryPush(a));
  EXPECT_FALSE(q.TryPush(b));
}

// A producer far faster than its consumer never holds more than the bound, and every item
// arrives once, in order. Push blocks whenever the queue is full, whatever the threads' speeds.
TEST(BlockingQueueTest, PushWaitsForRoom) {
  constexpr int kItems = 2000;
  constexpr std::size_t kCapacity = 3;
  BlockingQueue<int> q(kCapacity);
  std::thread producer([&q] {
    for (int i = 0; i < kItems; ++i) ASSERT_TRUE(q.Push(i));
    q.Close();
  });
  int expected = 0;
  while (std::optional<int> item = q.Pop()) {
    ASSERT_LE(q.size(), kCapacity);
    ASSERT_EQ(*item, expected++);
  }
  producer.join();
  EXPECT_EQ(expected, kItems);
}

// A producer waiting on a full queue is released by Shutdown with false, whether it was already
// waiting or arrives after: no ordering between the threads is assumed.
TEST(BlockingQueueTest, ShutdownReleasesAWaitingProducer) {
  BlockingQueue<int> q(1);
  ASSERT_TRUE(q.Push(1));
  bool pushed = true;
  std::thread producer([&q, &pushed] { pushed = q.Push(2); });
  const std::vector<int> left = q.Shutdown();
  producer.join();
  EXPECT_FALSE(pushed);
  EXPECT_EQ(left, std::vector<int>{1});
}

// Consumers waiting on an empty queue all wake on Close (a hang here fails by the test timeout).
TEST(BlockingQueueTest, CloseWakesEveryWaitingConsumer) {
  BlockingQueue<int> q;
  std::vector<std::optional<int>> got(4, 0);
  std::vector<std::thread> consumers;
  for (auto& slot : got) consumers.emplace_back([&q, &slot] { slot = q.Pop(); });
  q.Close();
  for (std::thread& t : consumers) t.join();
  for (const auto& slot : got) EXPECT_EQ(slot, std::nullopt);
}

// Several producers and consumers: every item is delivered exactly once.
TEST(BlockingQueueTest, ManyProducersAndConsumersDeliverEachItemOnce) {
  constexpr int kProducers = 3, kConsumers = 3, kEach = 500;
  BlockingQueue<int> q(2);
  std::vector<int> seen(kProducers * kEach, 0);
  std::mutex seen_mu;
  std::vector<std::thread> consumers;
  for (int c = 0; c < kConsumers; ++c) {
    consumers.emplace_back([&] {
      while (std::optional<int> item = q.Pop()) {
        std::lock_guard<std::mutex> lock(seen_mu);
        ++seen[*item];
      }
    });
  }
  std::vector<std::thread> producers;
  for (int p = 0; p < kProducers; ++p) {
    producers.emplace_back([&q, p] {
      for (int i = 0; i < kEach; ++i) q.Push(p * kEach + i);
    });
  }
  for (std::thread& t : producers) t.join();
  q.Close();
  for (std::thread& t : consumers) t.join();
  for (int count : seen) ASSERT_EQ(count, 1);
}

}  // namespace
}  // namespace congvan
