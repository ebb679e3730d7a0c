package io.vmclone.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Writers started together, each on a thread of its own, and the rate they made together: the
 * raw-rate parts' way of timing a window (from the common start to the last writer's end).
 */
final class ConcurrentWriters {

  private ConcurrentWriters() {}

  /**
   * Writes per second of the writers together.
   *
   * @param writer writer {@code i}'s work, returning how many writes it made
   */
  static double rate(int writers, IntFunction<Callable<Integer>> writer) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(writers);
    try {
      CountDownLatch go = new CountDownLatch(1);
      long[] ends = new long[writers];
      List<Future<Integer>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int index = w;
        Callable<Integer> work = writer.apply(index);
        done.add(
            threads.submit(
                () -> {
                  go.await();
                  int count = work.call();
                  ends[index] = System.nanoTime();
                  return count;
                }));
      }
      long start = System.nanoTime();
      go.countDown();
      long writes = 0;
      for (Future<Integer> each : done) {
        writes += each.get();
      }
      long end = start;
      for (long e : ends) {
        end = Math.max(end, e);
      }
      return writes / ((end - start) / 1e9);
    } finally {
      threads.shutdownNow();
    }
  }
}
