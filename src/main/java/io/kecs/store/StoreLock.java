package io.kecs.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exclusive claim of one process on a data directory, for as long as it serves: an OS file lock
 * on {@code kecs.lock}, so it ends with the process however it ends ({@code kill -9} included), and
 * the lock file says who holds it (pid, endpoint) for the message a second server prints.
 */
public final class StoreLock implements AutoCloseable {
  static final String FILE = "kecs.lock";

  // POSIX drops every lock a process holds on a file when it closes any descriptor of that file,
  // so a second claim from this JVM must be refused before it opens the file at all.
  private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private StoreLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /** Claims {@code dataDir} (which must exist) or says who holds it. */
  public static StoreLock acquire(Path dataDir) {
    Path file = dataDir.resolve(FILE).toAbsolutePath().normalize();
    if (!HELD_HERE.add(file)) {
      throw new StoreLockedException(dataDir, holderOf(file));
    }
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        String holder = holderOf(file);
        channel.close();
        HELD_HERE.remove(file);
        throw new StoreLockedException(dataDir, holder);
      }
      StoreLock claimed = new StoreLock(file, channel, lock);
      claimed.describe("pid " + ProcessHandle.current().pid() + ", starting");
      return claimed;
    } catch (IOException e) {
      HELD_HERE.remove(file);
      closeQuietly(channel);
      throw new StoreException("Cannot lock the store in " + dataDir + ": " + e, e);
    }
  }

  /** Records where the holder serves, once it does, for the message a second server prints. */
  public void serving(String endpoint) {
    describe("pid " + ProcessHandle.current().pid() + ", serving " + endpoint);
  }

  private void describe(String holder) {
    try {
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
    } catch (IOException e) {
      // The lock still holds; only the description for others is missing.
    }
  }

  private static String holderOf(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8).trim();
      return text.isEmpty() ? "another process" : text;
    } catch (IOException e) {
      return "another process";
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // closing the channel below releases it as well
    } finally {
      closeQuietly(channel);
      HELD_HERE.remove(file);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }
}
