package io.kecs.cli;

import io.kecs.cli.cluster.Steps;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Numbered progress steps on stderr ({@code [2/4] Waiting for the API ... ok (1.2 s)}), so anything
 * slower than a second shows where it is. Silent when quiet; stdout stays free for data.
 */
final class Progress implements Steps {
  private final PrintWriter err;
  private final boolean silent;
  private final int total;
  private int step;
  private long stepStart;
  private boolean open;

  Progress(PrintWriter err, boolean silent, int total) {
    this.err = err;
    this.silent = silent;
    this.total = total;
  }

  @Override
  public void begin(String what) {
    closeOpenLine();
    step++;
    stepStart = System.nanoTime();
    if (!silent) {
      err.print("[" + step + "/" + total + "] " + what + " ... ");
      err.flush();
      open = true;
    }
  }

  @Override
  public void done(String result) {
    if (!silent && open) {
      err.println(result + " (" + seconds() + " s)");
      open = false;
    }
  }

  /** A line of detail under the current step (e.g. what k3d prints while it works). */
  @Override
  public void detail(String line) {
    if (!silent) {
      closeOpenLine();
      err.println("      " + line);
    }
  }

  void failed() {
    if (!silent && open) {
      err.println("failed (" + seconds() + " s)");
      open = false;
    }
  }

  private void closeOpenLine() {
    if (open) {
      err.println();
      open = false;
    }
  }

  private String seconds() {
    return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - stepStart) / 1e9);
  }
}
