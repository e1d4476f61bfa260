// BoundedQueue<T>: the files waiting for a watch worker. Bounded so a burst of thousands of
// files waits on disk, not in memory: the producer only offers (TryPush) and keeps what does not
// fit for later, so it never blocks and keeps draining inotify.
#ifndef CONGVAN_WATCH_BOUNDED_QUEUE_H_
#define CONGVAN_WATCH_BOUNDED_QUEUE_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace congvan::watch {

template <typename T>
class BoundedQueue {
 public:
  explicit BoundedQueue(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

  // Adds `item` unless the queue is full or closed; says whether it did.
  bool TryPush(T& item) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (closed_ || items_.size() >= capacity_) return false;
      items_.push_back(std::move(item));
    }
    cv_.notify_one();
    return true;
  }

  // Blocks until an item is there (returns it) or the queue is closed (nullopt).
  std::optional<T> Pop() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return closed_ || !items_.empty(); });
    if (closed_) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    return item;
  }

  // Closes the queue: consumers stop after the item in hand. Returns the items never taken.
  std::vector<T> Close() {
    std::vector<T> left;
    {
      std::lock_guard<std::mutex> lock(mu_);
      closed_ = true;
      for (T& item : items_) left.push_back(std::move(item));
      items_.clear();
    }
    cv_.notify_all();
    return left;
  }

  std::size_t size() {
    std::lock_guard<std::mutex> lock(mu_);
    return items_.size();
  }

 private:
  const std::size_t capacity_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<T> items_;
  bool closed_ = false;
};

}  // namespace congvan::watch

#endif  // CONGVAN_WATCH_BOUNDED_QUEUE_H_
