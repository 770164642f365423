package io.geomill.batch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.UncheckedIOException;

/**
 * Java serialization to and from bytes. Task results cross Spark's configured serializer, and Kryo (the
 * usual choice with Sedona) cannot handle records; as bytes they pass any serializer. Classes resolve through
 * the thread's context class loader, which is the one that sees the application jar under spark-submit.
 */
final class JavaBytes {
  private JavaBytes() {}

  static byte[] serialize(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialize " + value.getClass().getName() + ": " + e.getMessage(), e);
    }
    return bytes.toByteArray();
  }

  static Object deserialize(byte[] bytes) {
    return read(new ByteArrayInputStream(bytes));
  }

  static Object read(InputStream in) {
    try (ObjectInputStream objects = new ContextClassLoaderObjectInputStream(in)) {
      return objects.readObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot deserialize: " + e.getMessage(), e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("cannot deserialize: class not found: " + e.getMessage(), e);
    }
  }

  private static final class ContextClassLoaderObjectInputStream extends ObjectInputStream {
    ContextClassLoaderObjectInputStream(InputStream in) throws IOException {
      super(in);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      if (loader != null) {
        try {
          return Class.forName(desc.getName(), false, loader);
        } catch (ClassNotFoundException notThere) {
          // fall back to the default resolution below
        }
      }
      return super.resolveClass(desc);
    }
  }
}
