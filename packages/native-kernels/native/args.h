// Argument checking at the JS boundary: every pointer the kernels touch comes from a Float32Array (or Int32Array)
// whose length was checked against the shape parameters, so a bad call throws a JS error instead of reading or
// writing out of bounds.
#pragma once
#include <napi.h>

#include <cstdint>
#include <string>
#include <vector>

namespace tfy {

// Largest element count one tensor may have here (2^31 - 1): index arithmetic below stays in int64.
constexpr int64_t kMaxElements = 2147483647;

struct ArgError {
  std::string message;
  bool isType;
};

[[noreturn]] inline void rangeError(const std::string& message) { throw ArgError{message, false}; }
[[noreturn]] inline void typeError(const std::string& message) { throw ArgError{message, true}; }

inline std::string argName(size_t i, const char* name) { return "argument " + std::to_string(i) + " (" + name + ")"; }

/** Product of dims, or a RangeError when it exceeds kMaxElements. */
inline int64_t elements(std::initializer_list<int64_t> dims) {
  int64_t n = 1;
  for (int64_t d : dims) {
    if (d < 0) rangeError("negative dimension");
    if (d != 0 && n > kMaxElements / d) rangeError("tensor too large");
    n *= d;
  }
  return n;
}

template <typename T, napi_typedarray_type Kind>
T* typedArray(const Napi::CallbackInfo& info, size_t i, const char* name, int64_t expected, bool optional) {
  if (i >= info.Length() || info[i].IsNull() || info[i].IsUndefined()) {
    if (optional) return nullptr;
    typeError(argName(i, name) + " is missing");
  }
  if (!info[i].IsTypedArray() || info[i].As<Napi::TypedArray>().TypedArrayType() != Kind) {
    typeError(argName(i, name) + (Kind == napi_float32_array ? " must be a Float32Array"
                                  : Kind == napi_uint8_array ? " must be a Uint8Array" : " must be an Int32Array"));
  }
  auto array = info[i].As<Napi::TypedArrayOf<T>>();
  if (expected >= 0 && static_cast<int64_t>(array.ElementLength()) != expected) {
    rangeError(argName(i, name) + " has " + std::to_string(array.ElementLength()) + " elements, expected " +
               std::to_string(expected));
  }
  return array.Data();
}

inline float* floats(const Napi::CallbackInfo& info, size_t i, const char* name, int64_t expected) {
  return typedArray<float, napi_float32_array>(info, i, name, expected, false);
}
inline float* optionalFloats(const Napi::CallbackInfo& info, size_t i, const char* name, int64_t expected) {
  return typedArray<float, napi_float32_array>(info, i, name, expected, true);
}
inline uint8_t* bytes(const Napi::CallbackInfo& info, size_t i, const char* name, int64_t expected) {
  return typedArray<uint8_t, napi_uint8_array>(info, i, name, expected, false);
}
inline int32_t* int32s(const Napi::CallbackInfo& info, size_t i, const char* name, int64_t expected) {
  return typedArray<int32_t, napi_int32_array>(info, i, name, expected, false);
}

/** An array of `count` integers, each within [lo, hi]. */
inline std::vector<int64_t> ints(const Napi::CallbackInfo& info, size_t i, const char* name, size_t count,
                                 int64_t lo = 0, int64_t hi = kMaxElements) {
  if (i >= info.Length() || !info[i].IsArray()) typeError(argName(i, name) + " must be an array of integers");
  auto array = info[i].As<Napi::Array>();
  if (count != SIZE_MAX && array.Length() != count) {
    rangeError(argName(i, name) + " must have " + std::to_string(count) + " entries, got " + std::to_string(array.Length()));
  }
  std::vector<int64_t> out(array.Length());
  for (uint32_t k = 0; k < array.Length(); k++) {
    Napi::Value v = array[k];
    if (!v.IsNumber()) typeError(argName(i, name) + "[" + std::to_string(k) + "] must be a number");
    double d = v.As<Napi::Number>().DoubleValue();
    if (!(d >= static_cast<double>(lo) && d <= static_cast<double>(hi)) || d != static_cast<double>(static_cast<int64_t>(d))) {
      rangeError(argName(i, name) + "[" + std::to_string(k) + "] must be an integer in [" + std::to_string(lo) + ", " +
                 std::to_string(hi) + "], got " + std::to_string(d));
    }
    out[k] = static_cast<int64_t>(d);
  }
  return out;
}

inline int64_t integer(const Napi::CallbackInfo& info, size_t i, const char* name, int64_t lo, int64_t hi) {
  if (i >= info.Length() || !info[i].IsNumber()) typeError(argName(i, name) + " must be a number");
  double d = info[i].As<Napi::Number>().DoubleValue();
  if (!(d >= static_cast<double>(lo) && d <= static_cast<double>(hi)) || d != static_cast<double>(static_cast<int64_t>(d))) {
    rangeError(argName(i, name) + " must be an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  }
  return static_cast<int64_t>(d);
}

inline double number(const Napi::CallbackInfo& info, size_t i, const char* name) {
  if (i >= info.Length() || !info[i].IsNumber()) typeError(argName(i, name) + " must be a number");
  return info[i].As<Napi::Number>().DoubleValue();
}

/** Runs `body`, turning argument and library errors into JS exceptions named after the function. */
template <typename F>
Napi::Value guarded(const Napi::CallbackInfo& info, const char* fn, F body) {
  Napi::Env env = info.Env();
  try {
    body();
    return env.Undefined();
  } catch (const ArgError& e) {
    std::string message = std::string(fn) + ": " + e.message;
    if (e.isType) throw Napi::TypeError::New(env, message);
    throw Napi::RangeError::New(env, message);
  } catch (const Napi::Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Napi::Error::New(env, std::string(fn) + ": " + e.what());
  }
}

}  // namespace tfy
