// WorkQueue<T>: a blocking FIFO shared by the pipeline's threads, closed to stop its consumers.
#ifndef CONGVAN_PIPELINE_WORK_QUEUE_H_
#define CONGVAN_PIPELINE_WORK_QUEUE_H_

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>

namespace congvan::pipeline {

template <typename T>
class WorkQueue {
 public:
  // Adds an item and wakes one waiting consumer.
  void Push(T item) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      items_.push_back(std::move(item));
    }
    cv_.notify_one();
  }

  // Blocks until an item is there (returns it) or the queue is closed and empty (nullopt).
  std::optional<T> Pop() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return closed_ || !items_.empty(); });
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    return item;
  }

  // Wakes every consumer; Pop() returns nullopt once the remaining items are taken.
  void Close() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      closed_ = true;
    }
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<T> items_;
  bool closed_ = false;
};

}  // namespace congvan::pipeline

#endif  // CONGVAN_PIPELINE_WORK_QUEUE_H_
