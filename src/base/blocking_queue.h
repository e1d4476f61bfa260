// BlockingQueue<T>: a FIFO shared between threads, with an optional bound.
//
// Producers either wait for room (Push: backpressure, so a fast stage cannot run ahead of a slow
// one without limit) or only offer (TryPush: a producer that must never block, such as a file
// watcher draining inotify, keeps what does not fit for later). Consumers block in Pop() until
// an item is there or the queue is closed. Two ways to stop:
//   Close()     no more items come in; consumers take what is left, then Pop() returns nullopt;
//   Shutdown()  no more items come in and none go out: the items never taken are returned to the
//               caller, and every waiting producer and consumer wakes at once.
#ifndef CONGVAN_BASE_BLOCKING_QUEUE_H_
#define CONGVAN_BASE_BLOCKING_QUEUE_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <limits>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace congvan {

template <typename T>
class BlockingQueue {
 public:
  static constexpr std::size_t kUnbounded = std::numeric_limits<std::size_t>::max();

  // A queue holding at most `capacity` items (at least 1).
  explicit BlockingQueue(std::size_t capacity = kUnbounded)
      : capacity_(capacity == 0 ? 1 : capacity) {}

  BlockingQueue(const BlockingQueue&) = delete;
  BlockingQueue& operator=(const BlockingQueue&) = delete;

  // Waits for room, then adds `item` and wakes one consumer. False (the item is dropped) when the
  // queue is or gets closed first.
  bool Push(T item) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      not_full_.wait(lock, [this] { return closed_ || items_.size() < capacity_; });
      if (closed_) return false;
      items_.push_back(std::move(item));
    }
    not_empty_.notify_one();
    return true;
  }

  // Adds `item` (moving from it) unless the queue is full or closed; says whether it did. Never
  // blocks; on false `item` is left as it was.
  bool TryPush(T& item) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (closed_ || items_.size() >= capacity_) return false;
      items_.push_back(std::move(item));
    }
    not_empty_.notify_one();
    return true;
  }

  // Blocks until an item is there (returns it) or the queue is closed and empty (nullopt).
  std::optional<T> Pop() {
    std::optional<T> item;
    {
      std::unique_lock<std::mutex> lock(mu_);
      not_empty_.wait(lock, [this] { return closed_ || !items_.empty(); });
      if (items_.empty()) return std::nullopt;
      item.emplace(std::move(items_.front()));
      items_.pop_front();
    }
    not_full_.notify_one();
    return item;
  }

  // Refuses further items; consumers still take the ones queued, then Pop() returns nullopt.
  void Close() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      closed_ = true;
    }
    not_empty_.notify_all();
    not_full_.notify_all();
  }

  // Refuses further items and hands back the ones never taken: consumers stop after the item in
  // hand.
  std::vector<T> Shutdown() {
    std::vector<T> left;
    {
      std::lock_guard<std::mutex> lock(mu_);
      closed_ = true;
      left.reserve(items_.size());
      for (T& item : items_) left.push_back(std::move(item));
      items_.clear();
    }
    not_empty_.notify_all();
    not_full_.notify_all();
    return left;
  }

  std::size_t size() const {
    std::lock_guard<std::mutex> lock(mu_);
    return items_.size();
  }

 private:
  const std::size_t capacity_;
  mutable std::mutex mu_;
  std::condition_variable not_empty_;  // signalled when an item arrives or the queue closes
  std::condition_variable not_full_;   // signalled when an item leaves or the queue closes
  std::deque<T> items_;
  bool closed_ = false;
};

}  // namespace congvan

#endif  // CONGVAN_BASE_BLOCKING_QUEUE_H_
