/* Compares zlib's deflate with libdeflate's on the files of a folder, single-threaded,
 * at one level: the evidence for the decision docs/benchmarks.md asks about (pack's
 * 0.5x target is below what zlib level 6 can reach on two cores). Not part of solpack.
 *
 *   apt-get install -y libdeflate-dev zlib1g-dev
 *   cc -O2 -o /tmp/deflate-compare Scripts/deflate-compare.c -lz -ldeflate
 *   /tmp/deflate-compare zlib|libdeflate|both FOLDER [LEVEL]
 *
 * zlib is used as solpack's Deflater uses it: raw deflate, window 15, memLevel 8,
 * default strategy. Prints CPU seconds and total compressed bytes per library; run a
 * single library under `valgrind --tool=callgrind` for an instruction count. */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <libdeflate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

static int level = 6;
static int use_zlib = 0, use_libdeflate = 0;
static double zlib_seconds = 0, libdeflate_seconds = 0;
static unsigned long long input_bytes = 0, zlib_bytes = 0, libdeflate_bytes = 0;
static unsigned long files = 0;
static struct libdeflate_compressor *compressor;

static double cpu_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static size_t with_zlib(const unsigned char *in, size_t size, unsigned char *out, size_t room) {
  z_stream stream;
  memset(&stream, 0, sizeof stream);
  if (deflateInit2(&stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) exit(2);
  stream.next_in = (unsigned char *)in;
  stream.avail_in = (uInt)size;
  stream.next_out = out;
  stream.avail_out = (uInt)room;
  if (deflate(&stream, Z_FINISH) != Z_STREAM_END) exit(3);
  size_t written = stream.total_out;
  deflateEnd(&stream);
  return written;
}

static int visit(const char *path, const struct stat *info, int type, struct FTW *ftw) {
  (void)ftw;
  if (type != FTW_F) return 0;
  FILE *file = fopen(path, "rb");
  if (!file) return 0;
  size_t size = (size_t)info->st_size;
  unsigned char *in = malloc(size + 1);
  size_t got = fread(in, 1, size, file);
  fclose(file);
  size_t room = compressBound(size) + 64;
  unsigned char *out = malloc(room);
  double start = cpu_now();
  if (use_zlib) {
    zlib_bytes += with_zlib(in, got, out, room);
    zlib_seconds += cpu_now() - start;
  }
  start = cpu_now();
  if (use_libdeflate) {
    size_t written = libdeflate_deflate_compress(compressor, in, got, out, room);
    if (written == 0) exit(4);
    libdeflate_bytes += written;
    libdeflate_seconds += cpu_now() - start;
  }
  input_bytes += got;
  files++;
  free(in);
  free(out);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s zlib|libdeflate|both FOLDER [LEVEL]\n", argv[0]);
    return 64;
  }
  use_zlib = !strcmp(argv[1], "zlib") || !strcmp(argv[1], "both");
  use_libdeflate = !strcmp(argv[1], "libdeflate") || !strcmp(argv[1], "both");
  if (argc > 3) level = atoi(argv[3]);
  compressor = libdeflate_alloc_compressor(level);
  if (nftw(argv[2], visit, 32, FTW_PHYS) != 0) return 1;
  printf("%lu files, %llu bytes, level %d\n", files, input_bytes, level);
  if (use_zlib)
    printf("zlib %s:       %.3f s CPU, %llu bytes (%.2f %%)\n", zlibVersion(), zlib_seconds,
           zlib_bytes, 100.0 * zlib_bytes / input_bytes);
  if (use_libdeflate)
    printf("libdeflate %s: %.3f s CPU, %llu bytes (%.2f %%)\n", LIBDEFLATE_VERSION_STRING,
           libdeflate_seconds, libdeflate_bytes, 100.0 * libdeflate_bytes / input_bytes);
  return 0;
}
