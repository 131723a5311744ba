// One oneDNN CPU engine and stream for the process, and a small cache of primitives keyed by their shapes:
// training repeats the same few shapes every step, and creating a primitive costs far more than running it.
#pragma once
#include <dnnl.hpp>

#include <memory>
#include <string>
#include <unordered_map>

namespace tfy {

using dnnl::memory;
using tag = dnnl::memory::format_tag;
using dt = dnnl::memory::data_type;

dnnl::engine& cpuEngine();
dnnl::stream& cpuStream();

template <typename Entry>
class PrimitiveCache {
 public:
  template <typename Make>
  Entry& get(const std::string& key, Make make) {
    auto found = entries_.find(key);
    if (found != entries_.end()) return *found->second;
    if (entries_.size() >= kCapacity) entries_.clear();  // shapes churn only in tests and fuzzing
    auto entry = std::make_unique<Entry>(make());
    Entry& ref = *entry;
    entries_.emplace(key, std::move(entry));
    return ref;
  }

 private:
  static constexpr size_t kCapacity = 256;
  std::unordered_map<std::string, std::unique_ptr<Entry>> entries_;
};

/** "a,b,c" of the given integers: cache keys. */
template <typename V>
std::string joinKey(const char* prefix, const V& values) {
  std::string key(prefix);
  for (auto v : values) {
    key += ',';
    key += std::to_string(v);
  }
  return key;
}

}  // namespace tfy
