package io.kecs.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.kecs.store.ChangeListener;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * Each service's running and desired counts over the last hour, for the dashboard's small chart. A
 * point is kept only when a count changes, so an idle service costs one point. Kept in memory: a
 * restart starts the chart afresh (ECS keeps no such history either; CloudWatch does).
 */
final class RunningHistory implements ChangeListener {
  static final Duration WINDOW = Duration.ofHours(1);
  private static final int MAX_POINTS = 2000;
  private static final ObjectMapper JSON = new ObjectMapper();

  record Point(long epochMillis, int running, int desired) {}

  private final Clock clock;
  private final Map<String, Deque<Point>> byService = new ConcurrentHashMap<>();

  RunningHistory(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void changed(String kind, String id, Object record) {
    if (!kind.equals("service")) {
      return;
    }
    if (!(record instanceof Service s)) {
      byService.remove(id);
      return;
    }
    int running = s.runningCount() == null ? 0 : s.runningCount();
    int desired = s.desiredCount() == null ? 0 : s.desiredCount();
    long now = clock.millis();
    Deque<Point> points = byService.computeIfAbsent(id, k -> new ArrayDeque<>());
    synchronized (points) {
      Point last = points.peekLast();
      if (last == null || last.running() != running || last.desired() != desired) {
        points.addLast(new Point(now, running, desired));
      }
      trim(points, now);
    }
  }

  void clear() {
    byService.clear();
  }

  /** {@code {"points":[[epochMillis,running,desired],...]}} for one service ARN. */
  String json(String serviceArn) {
    ArrayNode out = JSON.createArrayNode();
    Deque<Point> points = byService.get(serviceArn);
    if (points != null) {
      synchronized (points) {
        trim(points, clock.millis());
        for (Point p : points) {
          out.addArray().add(p.epochMillis()).add(p.running()).add(p.desired());
        }
      }
    }
    return JSON.createObjectNode()
        .put("windowMillis", WINDOW.toMillis())
        .set("points", out)
        .toString();
  }

  /** Drops points older than the window, keeping the last of them as the chart's starting value. */
  private static void trim(Deque<Point> points, long now) {
    long oldest = now - WINDOW.toMillis();
    while (points.size() > 1) {
      Point first = points.removeFirst();
      if (points.size() < MAX_POINTS && points.peekFirst().epochMillis() >= oldest) {
        points.addFirst(first);
        return;
      }
    }
  }
}
