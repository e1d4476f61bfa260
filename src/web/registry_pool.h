// A few open Registry connections shared by the server's request threads. SQLite connections
// must not be used by two threads at once, so each request leases one for its duration; a
// connection is opened when none is free and kept for the next request.
#ifndef CONGVAN_WEB_REGISTRY_POOL_H_
#define CONGVAN_WEB_REGISTRY_POOL_H_

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/status.h"
#include "registry/registry.h"

namespace congvan::web {

class RegistryPool {
 public:
  explicit RegistryPool(std::string db_path) : db_path_(std::move(db_path)) {}

  // One connection, returned to the pool when the lease dies.
  class Lease {
   public:
    Lease(RegistryPool* pool, std::unique_ptr<registry::Registry> registry)
        : pool_(pool), registry_(std::move(registry)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    registry::Registry& operator*() const { return *registry_; }
    registry::Registry* operator->() const { return registry_.get(); }

   private:
    RegistryPool* pool_;
    std::unique_ptr<registry::Registry> registry_;
  };

  // A free connection, or a new one (Registry::Open's error when the file cannot be opened).
  Result<Lease> Acquire();

 private:
  void Release(std::unique_ptr<registry::Registry> registry);

  std::string db_path_;
  std::mutex mu_;
  std::vector<std::unique_ptr<registry::Registry>> free_;
};

}  // namespace congvan::web

#endif  // CONGVAN_WEB_REGISTRY_POOL_H_
