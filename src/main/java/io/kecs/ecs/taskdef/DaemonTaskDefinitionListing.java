package io.kecs.ecs.taskdef;

import io.kecs.ecs.common.Page;
import io.kecs.ecs.common.Pager;
import io.kecs.identity.Scope;
import io.kecs.protocol.RequestContext;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ecs.model.DaemonTaskDefinition;
import software.amazon.awssdk.services.ecs.model.DaemonTaskDefinitionRevisionFilter;
import software.amazon.awssdk.services.ecs.model.DaemonTaskDefinitionStatusFilter;
import software.amazon.awssdk.services.ecs.model.DaemonTaskDefinitionSummary;
import software.amazon.awssdk.services.ecs.model.ListDaemonTaskDefinitionsRequest;
import software.amazon.awssdk.services.ecs.model.ListDaemonTaskDefinitionsResponse;
import software.amazon.awssdk.services.ecs.model.SortOrder;

/**
 * ListDaemonTaskDefinitions: summaries filtered by family prefix, exact family and status (ACTIVE
 * by default, DELETE_IN_PROGRESS, or ALL), optionally only the last registered revision of each
 * family among those the status admits, in family-then-revision order (reversed for DESC).
 */
final class DaemonTaskDefinitionListing {
  private static final int MAX_RESULTS = 100;

  private final RevisionStore<DaemonTaskDefinition> store;
  private final Pager ascending = new Pager("daemonTaskDefinitions.ASC", MAX_RESULTS, MAX_RESULTS);
  private final Pager descending =
      new Pager("daemonTaskDefinitions.DESC", MAX_RESULTS, MAX_RESULTS);

  DaemonTaskDefinitionListing(RevisionStore<DaemonTaskDefinition> store) {
    this.store = store;
  }

  ListDaemonTaskDefinitionsResponse list(RequestContext ctx, ListDaemonTaskDefinitionsRequest r) {
    Scope scope = ctx.scope();
    boolean byFamily = r.family() != null && !r.family().isEmpty();
    String prefix = byFamily ? store.familyPrefix(scope, r.family()) : store.scopePrefix(scope);
    NavigableMap<String, DaemonTaskDefinition> range =
        byFamily ? store.family(scope, r.family()) : store.all(scope);
    String familyPrefix = r.familyPrefix() == null ? "" : r.familyPrefix();
    DaemonTaskDefinitionStatusFilter status =
        r.status() == null ? DaemonTaskDefinitionStatusFilter.ACTIVE : r.status();
    Predicate<DaemonTaskDefinition> filter =
        d -> d.family().startsWith(familyPrefix) && admits(status, d);
    if (r.revision() == DaemonTaskDefinitionRevisionFilter.LAST_REGISTERED) {
      Set<String> last = lastPerFamily(range, filter);
      filter = filter.and(d -> last.contains(d.daemonTaskDefinitionArn()));
    }
    boolean desc = r.sort() == SortOrder.DESC;
    Page<DaemonTaskDefinitionSummary> page =
        RevisionStore.page(
            desc ? descending : ascending,
            range,
            prefix,
            desc,
            filter,
            DaemonTaskDefinitionListing::summary,
            r.maxResults(),
            r.nextToken());
    return ListDaemonTaskDefinitionsResponse.builder()
        .daemonTaskDefinitions(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private static boolean admits(DaemonTaskDefinitionStatusFilter status, DaemonTaskDefinition d) {
    return status == DaemonTaskDefinitionStatusFilter.ALL
        || status.toString().equals(d.statusAsString());
  }

  /** The ARN of the highest matching revision of each family. */
  private static Set<String> lastPerFamily(
      NavigableMap<String, DaemonTaskDefinition> range, Predicate<DaemonTaskDefinition> filter) {
    Map<String, String> last = new LinkedHashMap<>();
    for (DaemonTaskDefinition d : range.values()) {
      if (filter.test(d)) {
        last.put(d.family(), d.daemonTaskDefinitionArn());
      }
    }
    return new HashSet<>(last.values());
  }

  private static DaemonTaskDefinitionSummary summary(DaemonTaskDefinition d) {
    return DaemonTaskDefinitionSummary.builder()
        .arn(d.daemonTaskDefinitionArn())
        .registeredAt(d.registeredAt())
        .registeredBy(d.registeredBy())
        .deleteRequestedAt(d.deleteRequestedAt())
        .status(d.status())
        .build();
  }
}
