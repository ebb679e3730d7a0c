package io.vmclone.sandbox.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The policy file, re-read when it changes: {@link #reloadIfChanged} compares the file's
 * modification time and size with those of the last read, and {@link #pollEvery} calls it on a
 * timer. Revoking a right is an edit of the file. An edit that does not parse leaves the previous
 * policy in force and says why in the log, so a typo never opens or closes the sandbox by accident.
 */
public final class PolicyFile implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(PolicyFile.class.getName());

  private record Stamp(FileTime modified, long size) {}

  private final Path file;
  private final List<Consumer<Policy>> listeners = new CopyOnWriteArrayList<>();
  private volatile Policy current;
  private Stamp stamp;
  private ScheduledExecutorService poller;

  private PolicyFile(Path file, Policy current, Stamp stamp) {
    this.file = file;
    this.current = current;
    this.stamp = stamp;
  }

  /**
   * Reads the file once.
   *
   * @throws IllegalArgumentException when it is not a valid policy, naming the file
   */
  public static PolicyFile load(Path file) throws IOException {
    Stamp stamp = stampOf(file);
    return new PolicyFile(file, parse(file), stamp);
  }

  /** The policy in force. */
  public Policy current() {
    return current;
  }

  public Path path() {
    return file;
  }

  /** Called with the new policy after each reload that changed it (on the reloading thread). */
  public void onChange(Consumer<Policy> listener) {
    listeners.add(listener);
  }

  /** Re-reads the file if it changed since the last read; true if a new policy is in force. */
  public synchronized boolean reloadIfChanged() {
    Stamp now;
    try {
      now = stampOf(file);
    } catch (IOException gone) {
      LOG.warning(
          "cannot read the policy file " + file + " (" + gone + "); the previous policy stays");
      return false;
    }
    if (now.equals(stamp)) {
      return false;
    }
    stamp = now;
    Policy read;
    try {
      read = parse(file);
    } catch (IOException | IllegalArgumentException invalid) {
      LOG.warning(invalid.getMessage() + "; the previous policy stays in force");
      return false;
    }
    current = read;
    LOG.info("policy " + file + " reloaded");
    listeners.forEach(listener -> listener.accept(read));
    return true;
  }

  /** Checks the file for changes at this interval, on a daemon thread, until {@link #close}. */
  public synchronized void pollEvery(Duration interval) {
    if (poller != null) {
      return;
    }
    poller =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "policy-file");
              thread.setDaemon(true);
              return thread;
            });
    poller.scheduleWithFixedDelay(
        this::reloadQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void close() {
    if (poller != null) {
      poller.shutdownNow();
    }
  }

  private void reloadQuietly() {
    try {
      reloadIfChanged();
    } catch (RuntimeException failure) {
      LOG.log(Level.WARNING, "applying the reloaded policy failed", failure);
    }
  }

  private static Policy parse(Path file) throws IOException {
    try {
      return Policy.parse(Files.readString(file));
    } catch (IllegalArgumentException invalid) {
      throw new IllegalArgumentException(
          "the policy file " + file + " is not valid: " + invalid.getMessage(), invalid);
    }
  }

  private static Stamp stampOf(Path file) throws IOException {
    return new Stamp(Files.getLastModifiedTime(file), Files.size(file));
  }
}
