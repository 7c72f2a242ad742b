package io.kecs.ecs.taskdef;

import io.kecs.ecs.common.Names;
import io.kecs.ecs.common.Page;
import io.kecs.ecs.common.Pager;
import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.identity.Arn;
import io.kecs.identity.Scope;
import io.kecs.store.RecordTable;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Revisions of one kind of definition (task or daemon task), keyed so that key order is ECS's list
 * order: scope prefix, family, a space, then the revision zero-padded to ten digits. The space
 * sorts below every character a family may contain, so "web" comes before "web-api" as ECS lists
 * them, and padding makes revision 10 follow 9. Records are never removed (DELETE_IN_PROGRESS stays
 * listable), so the highest stored revision is also the highest ever used: revisions are never
 * reused.
 */
final class RevisionStore<T extends SdkPojo> {
  private final RecordTable<T> table;
  private final String resourceType;

  RevisionStore(RecordTable<T> table, String resourceType) {
    this.table = table;
    this.resourceType = resourceType;
  }

  String resourceType() {
    return resourceType;
  }

  String scopePrefix(Scope scope) {
    return Names.arnPrefix(scope, resourceType);
  }

  String familyPrefix(Scope scope, String family) {
    return scopePrefix(scope) + family + " ";
  }

  String key(Scope scope, String family, int revision) {
    return familyPrefix(scope, family) + String.format("%010d", revision);
  }

  Optional<T> get(Scope scope, String family, int revision) {
    return table.get(key(scope, family, revision));
  }

  /** The highest revision of a family that matches, e.g. the latest ACTIVE one. */
  /**
   * What a "family, family:revision or ARN" parameter names: with a revision that revision
   * (whatever its status), else the family's latest revision that {@code current} accepts.
   */
  Optional<T> resolve(Scope scope, String familyOrArn, Predicate<T> current) {
    return TaskDefinitionRef.parse(scope, resourceType, familyOrArn)
        .flatMap(
            ref ->
                ref.hasRevision()
                    ? get(scope, ref.family(), ref.revision())
                    : latest(scope, ref.family(), current));
  }

  Optional<T> latest(Scope scope, String family, Predicate<T> filter) {
    return family(scope, family).descendingMap().values().stream().filter(filter).findFirst();
  }

  int nextRevision(Scope scope, String family) {
    Map.Entry<String, T> last = family(scope, family).lastEntry();
    if (last == null) {
      return 1;
    }
    String key = last.getKey();
    return Integer.parseInt(key.substring(key.length() - 10)) + 1;
  }

  NavigableMap<String, T> all(Scope scope) {
    return table.range(scopePrefix(scope));
  }

  NavigableMap<String, T> family(Scope scope, String family) {
    return table.range(familyPrefix(scope, family));
  }

  T put(Scope scope, String family, int revision, T record) {
    return table.put(key(scope, family, revision), record);
  }

  /** Whether a definition ARN names a stored revision (any status): what tagging accepts. */
  boolean exists(Arn arn) {
    return TaskDefinitionRef.parse(arn.scope(), resourceType, arn.toString())
        .filter(TaskDefinitionRef::hasRevision)
        .flatMap(ref -> get(arn.scope(), ref.family(), ref.revision()))
        .isPresent();
  }

  /**
   * One page of {@code range} (whose keys start with {@code rangePrefix}) in ascending or
   * descending key order. The token must come from the same range: a key from another family or
   * scope would fall outside the range view.
   */
  static <T, R> Page<R> page(
      Pager pager,
      NavigableMap<String, T> range,
      String rangePrefix,
      boolean descending,
      Predicate<? super T> filter,
      Function<? super T, R> map,
      Integer maxResults,
      String nextToken) {
    if (nextToken != null && !nextToken.isEmpty()) {
      if (!pager.decode(nextToken).startsWith(rangePrefix)) {
        throw new InvalidParameterException(
            "Invalid nextToken: the token belongs to another listing.");
      }
    }
    return pager.page(
        descending ? range.descendingMap() : range, filter, map, maxResults, nextToken);
  }
}
