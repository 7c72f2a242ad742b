package io.kecs.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Latencies in milliseconds and their percentiles, printed as one RESULT line. */
final class Stats {
  private final String name;
  private final List<Double> millis = new ArrayList<>();

  Stats(String name) {
    this.name = name;
  }

  void addNanos(long nanos) {
    millis.add(nanos / 1e6);
  }

  double percentile(double p) {
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1)));
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "RESULT %s n=%d p50=%.1fms p90=%.1fms p99=%.1fms max=%.1fms",
        name,
        millis.size(),
        percentile(50),
        percentile(90),
        percentile(99),
        percentile(100));
  }
}
