// The entry points castore calls through the JDK's foreign function API: the official BLAKE3 C
// implementation (blake3.c, included here so that its static subtree functions can be called),
// with its SIMD code chosen at run time by blake3_dispatch.c.
//
// Every function is short (the caller passes at most a few MiB at a time) and never blocks: the
// JVM calls them as critical functions, on heap arrays without copying them. They all have the
// same signature, (pointer, pointer, u64, u64) -> void, unused arguments ignored: the JVM generates
// the code of a downcall once per signature, and each one cost a command about 0.02 s of start.
#include "blake3.c"

#define CASTORE_EXPORT __attribute__((visibility("default")))

// Writes the size of the state an incremental hasher keeps (the caller allocates it) to *size.
CASTORE_EXPORT void castore_blake3_state_size(void *size, void *unused, uint64_t unused2, uint64_t unused3) {
  (void)unused;
  (void)unused2;
  (void)unused3;
  *(uint64_t *)size = sizeof(blake3_hasher);
}

CASTORE_EXPORT void castore_blake3_init(void *state, void *unused, uint64_t unused2, uint64_t unused3) {
  (void)unused;
  (void)unused2;
  (void)unused3;
  blake3_hasher_init((blake3_hasher *)state);
}

// Adds length bytes of input.
CASTORE_EXPORT void castore_blake3_update(void *state, void *input, uint64_t length, uint64_t unused) {
  (void)unused;
  blake3_hasher_update((blake3_hasher *)state, input, (size_t)length);
}

// Writes the 32-byte digest of what was added so far to out; the state stays as it is.
CASTORE_EXPORT void castore_blake3_finalize(void *state, void *out, uint64_t unused, uint64_t unused2) {
  (void)unused;
  (void)unused2;
  blake3_hasher_finalize((const blake3_hasher *)state, out, BLAKE3_OUT_LEN);
}

// Writes the 32-byte digest of length bytes of input to out.
CASTORE_EXPORT void castore_blake3_hash(void *input, void *out, uint64_t length, uint64_t unused) {
  (void)unused;
  blake3_hasher hasher;
  blake3_hasher_init(&hasher);
  blake3_hasher_update(&hasher, input, (size_t)length);
  blake3_hasher_finalize(&hasher, out, BLAKE3_OUT_LEN);
}

// Writes to out the 32-byte chaining value of a node of a larger input that is not its root:
// length bytes of input (at least one) whose first chunk is chunk number first_chunk of that
// input, either 2^k whole chunks with first_chunk a multiple of 2^k, or the input's last bytes
// from such a start. The node's tree is the left-balanced tree BLAKE3 builds over these bytes
// alone, with chunk counters from first_chunk, so it is hashed as blake3_hasher_update hashes a
// subtree, and its top node is compressed without the ROOT flag.
CASTORE_EXPORT void castore_blake3_chaining_value(void *input, void *out, uint64_t length, uint64_t first_chunk) {
  output_t output;
  if (length <= BLAKE3_CHUNK_LEN) {
    blake3_chunk_state chunk;
    chunk_state_init(&chunk, IV, 0);
    chunk.chunk_counter = first_chunk;
    chunk_state_update(&chunk, input, (size_t)length);
    output = chunk_state_output(&chunk);
  } else {
    uint8_t parent[BLAKE3_BLOCK_LEN];
    compress_subtree_to_parent_node(input, (size_t)length, IV, first_chunk, 0, parent);
    output = parent_output(parent, IV, 0);
  }
  output_chaining_value(&output, out);
}

// Writes to out the chaining value of a parent node that is not the root, from its children's
// chaining values (left then right, 64 bytes): joins the values of subtrees hashed in separate
// calls.
CASTORE_EXPORT void castore_blake3_parent_cv(void *children, void *out, uint64_t unused, uint64_t unused2) {
  (void)unused;
  (void)unused2;
  output_t output = parent_output(children, IV, 0);
  output_chaining_value(&output, out);
}
