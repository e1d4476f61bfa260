#include "web/registry_pool.h"

namespace congvan::web {

// Connections beyond this many are closed when released instead of kept.
constexpr std::size_t kMaxIdle = 8;

RegistryPool::Lease::~Lease() {
  if (registry_ != nullptr) pool_->Release(std::move(registry_));
}

Result<RegistryPool::Lease> RegistryPool::Acquire() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!free_.empty()) {
      std::unique_ptr<registry::Registry> r = std::move(free_.back());
      free_.pop_back();
      return Lease(this, std::move(r));
    }
  }
  Result<std::unique_ptr<registry::Registry>> opened = registry::Registry::Open(db_path_);
  if (!opened.ok()) return opened.status();
  return Lease(this, std::move(*opened));
}

void RegistryPool::Release(std::unique_ptr<registry::Registry> registry) {
  std::lock_guard<std::mutex> lock(mu_);
  if (free_.size() < kMaxIdle) free_.push_back(std::move(registry));
}

}  // namespace congvan::web
