package io.kecs.runtime.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * fabric8's CRUD store with what its watches lack: the event history a real API server keeps.
 *
 * <p>The mock (7.x) ignores a watch's {@code resourceVersion}: every watch starts with the current
 * objects as ADDED events. A client that resumes a watch after an outage thus never hears of an
 * object deleted meanwhile, and never gets 410 Gone. Here, as in kube-apiserver, a watch from
 * version N is sent every event after N, in order; a deletion gets a version of its own; and a
 * watch from a version older than the history kept (after {@link #forgetHistory()}, or once {@link
 * #KEPT} events have passed) gets an ERROR event with Status 410 Expired, so the client relists.
 * Watches without a version (or version 0) are left to the mock: they start with the current
 * objects, as kube-apiserver's do.
 */
final class HistoryCrudDispatcher extends KubernetesCrudDispatcher {
  /** As etcd compacts, the oldest events go once this many are kept. */
  static final int KEPT = 10_000;

  /**
   * One change of one object.
   *
   * @param revision the resourceVersion the change made (for a deletion, one of its own)
   * @param beforeKeys the object's keys in the store before the change; null when it was created
   * @param before the object before the change (JSON); null when it was created
   * @param afterKeys the object's keys in the store after the change; null when it was deleted
   * @param after the object after the change (JSON); null when it was deleted
   */
  record Change(
      long revision,
      AttributeSet beforeKeys,
      String before,
      AttributeSet afterKeys,
      String after) {}

  private final Deque<Change> history = new ArrayDeque<>();
  private final Set<ResumedWatch> watches = new HashSet<>();
  private long oldestKept;

  @Override
  public void processEvent(
      String path,
      AttributeSet pathAttributes,
      AttributeSet oldAttributes,
      GenericKubernetesResource resource,
      String newState) {
    String before = oldAttributes == null ? null : map.get(oldAttributes);
    long deletedAt = 0;
    if (newState == null && before != null) {
      // kube-apiserver gives a deletion a resourceVersion of its own; the mock sends the object
      // with the version of its last change, which a resuming client has already seen.
      deletedAt = requestResourceVersion();
      before = withResourceVersion(before, deletedAt);
      map.put(oldAttributes, before);
    }
    super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
    if (Objects.equals(before, newState)) {
      return;
    }
    AttributeSet afterKeys = newState == null ? null : keysOf(newState);
    long revision = newState == null ? deletedAt : resourceVersion(newState);
    record(new Change(revision, oldAttributes, before, afterKeys, newState));
  }

  private synchronized void record(Change change) {
    history.addLast(change);
    if (history.size() > KEPT) {
      oldestKept = history.removeFirst().revision() + 1;
    }
    watches.forEach(w -> w.offer(change));
  }

  /** Drops every event so far, as a compaction would: watches from before now get 410 Gone. */
  synchronized void forgetHistory() {
    history.clear();
    oldestKept = requestResourceVersion();
  }

  @Override
  public MockResponse handleWatch(String path) {
    String from = parameter(path, "resourceVersion");
    if (from == null || from.isEmpty() || from.equals("0")) {
      return super.handleWatch(path);
    }
    long version = Long.parseLong(from);
    AttributeSet query = attributeExtractor.fromPath(path);
    String name = fieldSelectorName(path);
    if (name != null) {
      query = query.add(new Attribute("name", name));
    }
    synchronized (this) {
      if (version < oldestKept) {
        return new MockResponse().withWebSocketUpgrade(ResumedWatch.expired(version, oldestKept));
      }
      ResumedWatch watch = new ResumedWatch(query, this::forget);
      history.stream().filter(c -> c.revision() > version).forEach(watch::offer);
      watches.add(watch);
      return new MockResponse().withWebSocketUpgrade(watch);
    }
  }

  private synchronized void forget(ResumedWatch watch) {
    watches.remove(watch);
  }

  private AttributeSet keysOf(String stored) {
    // The mock derives an object's keys in ways of its own; take them from where it stored it.
    return map.entrySet().stream()
        .filter(e -> e.getValue() == stored)
        .map(java.util.Map.Entry::getKey)
        .findFirst()
        .orElseGet(() -> attributeExtractor.fromResource(stored));
  }

  private long resourceVersion(String json) {
    return tree(json).path("metadata").path("resourceVersion").asLong(0);
  }

  private String withResourceVersion(String json, long version) {
    JsonNode node = tree(json);
    ((ObjectNode) node.path("metadata")).put("resourceVersion", String.valueOf(version));
    return node.toString();
  }

  private JsonNode tree(String json) {
    try {
      return context.getMapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String fieldSelectorName(String path) {
    String selector = parameter(path, "fieldSelector");
    if (selector == null || !selector.startsWith("metadata.name=")) {
      return null;
    }
    return selector.substring("metadata.name=".length());
  }

  static String parameter(String path, String name) {
    String query = URI.create(path).getRawQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
