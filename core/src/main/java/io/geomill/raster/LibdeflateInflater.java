package io.geomill.raster;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.LogManager;

/**
 * libdeflate (through {@link Libdeflate}), which inflates GDAL's DEFLATE blocks in well under half zlib's time,
 * with zlib ({@link ZlibInflater}) as the fallback: before libdeflate is loaded, when it cannot be (no library,
 * no JNA: one warning per JVM), for the first rows alone of a block, and for a block libdeflate rejects, which
 * zlib then reads as far as it can or rejects with its clear message. Off with {@code -Dgeomill.libdeflate=false}
 * ({@link BlockInflater#create}).
 *
 * <p>Loading JNA and the library costs some 100 ms of CPU, so it is done only after {@link #LOAD_AFTER} bytes
 * were inflated in the JVM: a small raster does not pay it, a large one recovers it in its first tens of MB.
 */
final class LibdeflateInflater implements BlockInflater {
  /** Debian's soname, by which the runtime package (libdeflate0) installs it; libdeflate.so comes only with -dev. */
  static final String LIBRARY = "libdeflate.so.0";
  private static final long LOAD_AFTER = 16L << 20;
  /**
   * libdeflate decodes only whole blocks; zlib's partial inflate is cheaper for up to this fraction of a block
   * (zlib is about 3 times slower a byte), which is the halo row from the block below.
   */
  private static final int PARTIAL_FRACTION = 4;
  private static final AtomicLong INFLATED = new AtomicLong();
  /** Whether each library name loaded, tried once per JVM. */
  private static final Map<String, Boolean> LOADED = new ConcurrentHashMap<>();
  private static final Cleaner CLEANER = Cleaner.create();

  private final BlockInflater zlib;
  private final String library;
  private final long loadAfter;
  /** Null until {@link #loadAfter} bytes were inflated, then whether the library loaded. */
  private Boolean loaded;

  LibdeflateInflater(BlockInflater zlib) {
    this(zlib, LIBRARY, LOAD_AFTER);
  }

  /** For tests: another library name, and how many bytes to inflate in the JVM before loading it. */
  LibdeflateInflater(BlockInflater zlib, String library, long loadAfter) {
    this.zlib = zlib;
    this.library = library;
    this.loadAfter = loadAfter;
  }

  @Override
  public void inflate(byte[] compressed, int count, byte[] raw, int needed, int whole, int block)
      throws IOException {
    if (loaded == null && INFLATED.addAndGet(needed) > loadAfter) {
      loaded = available(library);
    }
    if (loaded != Boolean.TRUE || needed < whole / PARTIAL_FRACTION || !decompressed(compressed, count, raw,
        needed, whole)) {
      zlib.inflate(compressed, count, raw, needed, whole, block);
    }
  }

  /** Whether libdeflate decoded the whole block, at least {@code needed} bytes of it. */
  private static boolean decompressed(byte[] compressed, int count, byte[] raw, int needed, int whole) {
    Decompressor decompressor = Decompressor.OF_THREAD.get();
    int result = Libdeflate.libdeflate_zlib_decompress(decompressor.handle, compressed, count, raw, whole,
        decompressor.actual);
    return result == Libdeflate.SUCCESS && decompressor.actual[0] >= needed;
  }

  /** Whether libdeflate is loaded (loading it now if it was not tried yet): what the tests assume. */
  static boolean available() {
    return available(LIBRARY);
  }

  private static boolean available(String library) {
    return LOADED.computeIfAbsent(library, LibdeflateInflater::load);
  }

  private static boolean load(String library) {
    try {
      if (Libdeflate.register(library)) {
        Decompressor.OF_THREAD.get();
        return true;
      }
      warn(library, "not a 64-bit JVM");
    } catch (LinkageError | IllegalStateException e) {
      warn(library, e.toString().lines().findFirst().orElse("")); // JNA's lists every path it tried
    }
    return false;
  }

  private static void warn(String library, String why) {
    LogManager.getLogger(LibdeflateInflater.class).warn("DEFLATE blocks inflated by zlib, not " + library + ": "
        + why);
  }

  /** A thread's libdeflate decompressor, freed when the thread's map lets go of it (the thread ends). */
  private static final class Decompressor {
    static final ThreadLocal<Decompressor> OF_THREAD = ThreadLocal.withInitial(Decompressor::new);
    final long handle;
    final long[] actual = new long[1];

    private Decompressor() {
      long allocated = Libdeflate.libdeflate_alloc_decompressor();
      if (allocated == 0) {
        throw new IllegalStateException("libdeflate_alloc_decompressor: out of memory");
      }
      handle = allocated;
      CLEANER.register(this, () -> Libdeflate.libdeflate_free_decompressor(allocated));
    }
  }
}
