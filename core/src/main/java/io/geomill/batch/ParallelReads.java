package io.geomill.batch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Many small reads from a remote file system (HDFS, an object store) cost a round trip each: done by a few
 * threads, each taking a batch of them, instead of one after the other. The file systems are thread-safe.
 */
final class ParallelReads {
  static final int THREADS = 16;
  static final int BATCH_SIZE = 64;

  private ParallelReads() {}

  @FunctionalInterface
  interface Read<I, O> {
    O apply(I input) throws IOException;
  }

  /** {@code read} applied to every input; results in input order. */
  static <I, O> List<O> map(List<I> inputs, Read<I, O> read) throws IOException {
    int batches = (inputs.size() + BATCH_SIZE - 1) / BATCH_SIZE;
    if (batches <= 1) {
      return readAll(inputs, read);
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, batches), runnable -> {
      Thread thread = new Thread(runnable, "geomill-reads");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<List<O>>> parts = new ArrayList<>(batches);
      for (int from = 0; from < inputs.size(); from += BATCH_SIZE) {
        List<I> batch = inputs.subList(from, Math.min(inputs.size(), from + BATCH_SIZE));
        parts.add(pool.submit(() -> readAll(batch, read)));
      }
      List<O> results = new ArrayList<>(inputs.size());
      for (Future<List<O>> part : parts) {
        results.addAll(part.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading " + inputs.size() + " files");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw e.getCause() instanceof RuntimeException unchecked ? unchecked : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static <I, O> List<O> readAll(List<I> inputs, Read<I, O> read) throws IOException {
    List<O> results = new ArrayList<>(inputs.size());
    for (I input : inputs) {
      results.add(read.apply(input));
    }
    return results;
  }
}
