// CRC-32 by folding with carry-less multiplication, after Gopal et al., "Fast CRC
// Computation for Generic Polynomials Using PCLMULQDQ Instruction" (Intel, 2009).
// zlib 1.2.13 computes CRC-32 a table lookup per byte (about 4 instructions a byte);
// folding 64 bytes takes about 17, and every archive byte solpack writes or reads
// is checksummed.

#include "CCRC32.h"

#if defined(__x86_64__)

#include <immintrin.h>

// Powers of x modulo the reflected polynomial, as the paper defines them:
// fold4 advances 512 bits, fold1 128 bits, fold64 the last 64 bits; barrett holds
// P(x) and floor(x^64 / P(x)) for the final reduction to 32 bits.
static const uint64_t fold4[2] __attribute__((aligned(16))) = {0x154442bd4, 0x1c6e41596};
static const uint64_t fold1[2] __attribute__((aligned(16))) = {0x1751997d0, 0x0ccaa009e};
static const uint64_t fold64[2] __attribute__((aligned(16))) = {0x163cd6124, 0};
static const uint64_t barrett[2] __attribute__((aligned(16))) = {0x1db710641, 0x1f7011641};

#define SOLPACK_CRC_TARGET __attribute__((target("pclmul,sse4.1")))

// Multiplies both 64-bit halves of `value` by the matching halves of `factors`
// and adds (xors) the products to `next`.
SOLPACK_CRC_TARGET static inline __m128i fold(__m128i value, __m128i factors, __m128i next) {
  __m128i low = _mm_clmulepi64_si128(value, factors, 0x00);
  __m128i high = _mm_clmulepi64_si128(value, factors, 0x11);
  return _mm_xor_si128(_mm_xor_si128(low, high), next);
}

SOLPACK_CRC_TARGET uint32_t solpack_crc32_fold(uint32_t state, const uint8_t *bytes, size_t length) {
  const __m128i *block = (const __m128i *)bytes;
  __m128i a = _mm_xor_si128(_mm_loadu_si128(block), _mm_cvtsi32_si128((int)state));
  __m128i b = _mm_loadu_si128(block + 1);
  __m128i c = _mm_loadu_si128(block + 2);
  __m128i d = _mm_loadu_si128(block + 3);
  block += 4;
  length -= 64;

  // Four independent lanes keep the multiplier busy.
  __m128i factors = _mm_load_si128((const __m128i *)fold4);
  for (; length >= 64; length -= 64, block += 4) {
    a = fold(a, factors, _mm_loadu_si128(block));
    b = fold(b, factors, _mm_loadu_si128(block + 1));
    c = fold(c, factors, _mm_loadu_si128(block + 2));
    d = fold(d, factors, _mm_loadu_si128(block + 3));
  }

  factors = _mm_load_si128((const __m128i *)fold1);
  a = fold(a, factors, b);
  a = fold(a, factors, c);
  a = fold(a, factors, d);
  for (; length >= 16; length -= 16, block += 1) {
    a = fold(a, factors, _mm_loadu_si128(block));
  }

  // 128 bits to 64: the low half times x^64 mod P joins the high half.
  const __m128i low32 = _mm_setr_epi32(-1, 0, -1, 0);
  a = _mm_xor_si128(_mm_srli_si128(a, 8), _mm_clmulepi64_si128(a, factors, 0x10));
  // 96 bits to 64.
  __m128i shifted = _mm_srli_si128(a, 4);
  a = _mm_clmulepi64_si128(_mm_and_si128(a, low32), _mm_load_si128((const __m128i *)fold64), 0x00);
  a = _mm_xor_si128(a, shifted);

  // Barrett reduction to the 32-bit remainder.
  const __m128i reduce = _mm_load_si128((const __m128i *)barrett);
  __m128i quotient = _mm_clmulepi64_si128(_mm_and_si128(a, low32), reduce, 0x10);
  __m128i product = _mm_clmulepi64_si128(_mm_and_si128(quotient, low32), reduce, 0x00);
  return (uint32_t)_mm_extract_epi32(_mm_xor_si128(a, product), 1);
}

int solpack_crc32_fold_available(void) {
  return __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1");
}

#else

int solpack_crc32_fold_available(void) { return 0; }

// Never called: availability is 0 here.
uint32_t solpack_crc32_fold(uint32_t state, const uint8_t *bytes, size_t length) {
  (void)state;
  (void)bytes;
  (void)length;
  __builtin_trap();
}

#endif
