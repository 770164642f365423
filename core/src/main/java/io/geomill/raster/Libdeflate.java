package io.geomill.raster;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * libdeflate's decompression functions (the system's {@code libdeflate.so.0}, Debian's libdeflate0), mapped
 * directly by JNA ({@link Native#register}): a direct call costs a JNI call, an interface-mapped one a proxy,
 * reflection and boxing. Pointers and {@code size_t} are Java longs, so only for 64-bit JVMs; none of the JNA
 * types appear outside this class, which is the only one loading JNA.
 */
final class Libdeflate {
  /** libdeflate_result: the stream decoded and ended within the buffer. */
  static final int SUCCESS = 0;
  private static boolean registered;

  private Libdeflate() {
  }

  /**
   * Registers this class's functions with the library named {@code name} (a soname or path), once per JVM; true
   * when they are usable. Throws what JNA does when the library or JNA itself cannot be loaded (an
   * {@link UnsatisfiedLinkError}, a {@link LinkageError} in general).
   */
  static synchronized boolean register(String name) {
    if (Native.POINTER_SIZE != 8 || Native.SIZE_T_SIZE != 8) {
      return false;
    }
    NativeLibrary library = NativeLibrary.getInstance(name); // throws when there is no such library
    if (!registered) {
      Native.register(Libdeflate.class, library);
      registered = true;
    }
    return true;
  }

  /** A new decompressor (struct libdeflate_decompressor *), 0 when out of memory. */
  static native long libdeflate_alloc_decompressor();

  /**
   * Decodes the zlib stream {@code in[0, inBytes)} into {@code out[0, outBytes)}, its decoded length in
   * {@code actual[0]}: a libdeflate_result, {@link #SUCCESS} or an error (bad data, output too long).
   */
  static native int libdeflate_zlib_decompress(long decompressor, byte[] in, long inBytes, byte[] out,
      long outBytes, long[] actual);

  static native void libdeflate_free_decompressor(long decompressor);
}
