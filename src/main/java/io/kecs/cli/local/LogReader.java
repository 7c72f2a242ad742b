package io.kecs.cli.local;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Prints the background server's log: all of it or its last lines, then optionally follows it. */
public final class LogReader {
  private final Path log;
  private final PrintWriter out;

  public LogReader(Path log, PrintWriter out) {
    this.log = log;
    this.out = out;
  }

  /** The last {@code lines} lines (all when negative); returns the byte offset printed up to. */
  public long print(int lines) throws IOException {
    byte[] bytes;
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
      bytes = new byte[(int) Math.min(f.length(), Integer.MAX_VALUE - 8)];
      f.readFully(bytes);
    }
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] != '\n') {
      end--; // a line still being written is left to follow()
    }
    int start = 0;
    if (lines >= 0) {
      start = end;
      for (int seen = 0; start > 0 && seen <= lines; ) {
        if (bytes[start - 1] == '\n' && ++seen > lines) {
          break;
        }
        start--;
      }
    }
    out.print(new String(bytes, start, end - start, StandardCharsets.UTF_8));
    out.flush();
    return end;
  }

  /**
   * Prints what is appended after {@code offset}, whole lines at a time, until {@code stop} says so
   * or the thread is interrupted (Ctrl-C ends the JVM anyway). A log that shrank was rotated or
   * truncated: it is read again from its start.
   */
  public void follow(long offset, Duration poll, BooleanSupplier stop) throws IOException {
    long position = offset;
    while (!stop.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
      long size = Files.exists(log) ? Files.size(log) : 0;
      if (size < position) {
        position = 0;
      }
      int printed = size > position ? printLines(position, size) : 0;
      position += printed;
      if (printed > 0) {
        continue;
      }
      try {
        Thread.sleep(poll.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Prints the complete lines between two offsets (bytes, so no character is cut in two). */
  private int printLines(long from, long to) throws IOException {
    byte[] chunk = new byte[(int) Math.min(to - from, 1 << 20)];
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
      f.seek(from);
      f.readFully(chunk);
    }
    int end = chunk.length;
    while (end > 0 && chunk[end - 1] != '\n') {
      end--;
    }
    if (end == 0 && chunk.length < (1 << 20)) {
      return 0; // a line still being written
    }
    int length = end == 0 ? chunk.length : end;
    out.print(new String(chunk, 0, length, StandardCharsets.UTF_8));
    out.flush();
    return length;
  }
}
