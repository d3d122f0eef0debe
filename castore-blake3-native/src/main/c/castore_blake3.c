// The entry points castore calls through the JDK's foreign function API: the official BLAKE3 C
// implementation (blake3.c, included here so that its static subtree functions can be called),
// with its SIMD code chosen at run time by blake3_dispatch.c.
//
// Every function is short (the caller passes at most a few MiB at a time) and never blocks: the
// JVM calls them as critical functions, on heap arrays without copying them.
#include "blake3.c"

#define CASTORE_EXPORT __attribute__((visibility("default")))

// The size of the state an incremental hasher keeps (the caller allocates it).
CASTORE_EXPORT size_t castore_blake3_state_size(void) { return sizeof(blake3_hasher); }

CASTORE_EXPORT void castore_blake3_init(blake3_hasher *state) { blake3_hasher_init(state); }

CASTORE_EXPORT void castore_blake3_update(blake3_hasher *state, const uint8_t *input, size_t length) {
  blake3_hasher_update(state, input, length);
}

CASTORE_EXPORT void castore_blake3_finalize(const blake3_hasher *state, uint8_t out[BLAKE3_OUT_LEN]) {
  blake3_hasher_finalize(state, out, BLAKE3_OUT_LEN);
}

// The digest of length bytes in one call.
CASTORE_EXPORT void castore_blake3_hash(const uint8_t *input, size_t length, uint8_t out[BLAKE3_OUT_LEN]) {
  blake3_hasher hasher;
  blake3_hasher_init(&hasher);
  blake3_hasher_update(&hasher, input, length);
  blake3_hasher_finalize(&hasher, out, BLAKE3_OUT_LEN);
}

// The chaining value of a node of a larger input that is not its root: length bytes (at least
// one) whose first chunk is chunk number first_chunk of that input, either 2^k whole chunks with
// first_chunk a multiple of 2^k, or the input's last bytes from such a start. The node's tree is
// the left-balanced tree BLAKE3 builds over these bytes alone, with chunk counters from
// first_chunk, so it is hashed as blake3_hasher_update hashes a subtree, and its top node is
// compressed without the ROOT flag.
CASTORE_EXPORT void castore_blake3_chaining_value(const uint8_t *input, size_t length, uint64_t first_chunk,
                                                  uint8_t out[BLAKE3_OUT_LEN]) {
  output_t output;
  if (length <= BLAKE3_CHUNK_LEN) {
    blake3_chunk_state chunk;
    chunk_state_init(&chunk, IV, 0);
    chunk.chunk_counter = first_chunk;
    chunk_state_update(&chunk, input, length);
    output = chunk_state_output(&chunk);
  } else {
    uint8_t parent[BLAKE3_BLOCK_LEN];
    compress_subtree_to_parent_node(input, length, IV, first_chunk, 0, parent);
    output = parent_output(parent, IV, 0);
  }
  output_chaining_value(&output, out);
}

// The chaining value of a parent node that is not the root, from its children's chaining values
// (left then right, 64 bytes): joins the values of subtrees hashed in separate calls.
CASTORE_EXPORT void castore_blake3_parent_cv(const uint8_t children[BLAKE3_BLOCK_LEN], uint8_t out[BLAKE3_OUT_LEN]) {
  output_t output = parent_output(children, IV, 0);
  output_chaining_value(&output, out);
}
