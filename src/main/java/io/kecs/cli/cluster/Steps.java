package io.kecs.cli.cluster;

/** Where a multi-step cluster operation reports its progress. */
public interface Steps {
  void begin(String what);

  void done(String result);

  /** A line of detail under the current step (what k3d prints while it works). */
  void detail(String line);
}
