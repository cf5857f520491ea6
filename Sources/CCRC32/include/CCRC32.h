#ifndef SOLPACK_CCRC32_H
#define SOLPACK_CCRC32_H

#include <stddef.h>
#include <stdint.h>

/// Whether this processor can fold CRC-32 with carry-less multiplication
/// (x86-64 with PCLMULQDQ and SSE4.1). Where it cannot, callers use zlib's crc32.
int solpack_crc32_fold_available(void);

/// Advances the CRC-32 (ISO-HDLC, reflected 0xEDB88320) register `state` — the
/// inverted CRC, as zlib keeps it inside `crc32` — over `length` bytes. `length`
/// must be at least 64 and a multiple of 16; only call when
/// `solpack_crc32_fold_available()` is non-zero.
uint32_t solpack_crc32_fold(uint32_t state, const uint8_t *bytes, size_t length);

#endif
