{
  "targets": [
    {
      "target_name": "tfyaml_native",
      "sources": [
        "native/addon.cc", "native/conv.cc", "native/matmul.cc", "native/pool.cc",
        "native/elementwise.cc", "native/reduce.cc", "native/copy.cc", "native/norm.cc",
        "native/resize.cc", "native/labels.cc",
        "native/optimizer.cc", "native/recurrent.cc", "native/relu_bias_grad.cc"
      ],
      "include_dirs": [
        "<!(node -p \"require('node-addon-api').include_dir\")",
        "<!(node scripts/onednn.mjs include)",
        "<!(node scripts/onednn.mjs include)/oneapi/dnnl"
      ],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS", "NODE_ADDON_API_DISABLE_DEPRECATED"],
      "cflags!": ["-fno-exceptions"],
      "cflags_cc!": ["-fno-exceptions", "-std=gnu++17"],
      "cflags_cc": [
        "-std=c++17", "-O3", "-fopenmp", "-fexceptions", "-ffp-contract=off",
        "-march=<!(node -p \"process.env.TFYAML_NATIVE_MARCH || 'native'\")"
      ],
      "libraries": [
        "-L<!(node scripts/onednn.mjs libdir)",
        "-Wl,-rpath,<!(node scripts/onednn.mjs libdir)",
        "-ldnnl", "-fopenmp"
      ],
      "xcode_settings": {
        "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
        "CLANG_CXX_LANGUAGE_STANDARD": "c++17",
        "MACOSX_DEPLOYMENT_TARGET": "11.0",
        "OTHER_CPLUSPLUSFLAGS": ["-O3", "-Xpreprocessor", "-fopenmp"],
        "OTHER_LDFLAGS": ["-lomp"]
      }
    }
  ]
}
