package io.kecs.ecs.taskdef;

import io.kecs.ecs.common.Page;
import io.kecs.ecs.common.Pager;
import io.kecs.identity.Scope;
import io.kecs.protocol.RequestContext;
import java.util.NavigableMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionFamiliesRequest;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionFamiliesResponse;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionsRequest;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionsResponse;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionFamilyStatus;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/**
 * ListTaskDefinitions and ListTaskDefinitionFamilies. Revisions are listed in store key order
 * (family, then revision numerically; {@link RevisionStore}), reversed for DESC; tokens name the
 * last key returned, so pages never repeat or skip. As on ECS, ListTaskDefinitions' {@code
 * familyPrefix} is a whole family name, while ListTaskDefinitionFamilies' is a true prefix.
 */
final class TaskDefinitionListing {
  private static final int MAX_RESULTS = 100;

  private final RevisionStore<TaskDefinition> store;
  private final Pager ascending = new Pager("taskDefinitions.ASC", MAX_RESULTS, MAX_RESULTS);
  private final Pager descending = new Pager("taskDefinitions.DESC", MAX_RESULTS, MAX_RESULTS);
  private final Pager families = new Pager("taskDefinitionFamilies", MAX_RESULTS, MAX_RESULTS);

  TaskDefinitionListing(RevisionStore<TaskDefinition> store) {
    this.store = store;
  }

  ListTaskDefinitionsResponse list(RequestContext ctx, ListTaskDefinitionsRequest r) {
    Scope scope = ctx.scope();
    TaskDefinitionStatus status = r.status() == null ? TaskDefinitionStatus.ACTIVE : r.status();
    boolean byFamily = r.familyPrefix() != null && !r.familyPrefix().isEmpty();
    String prefix =
        byFamily ? store.familyPrefix(scope, r.familyPrefix()) : store.scopePrefix(scope);
    NavigableMap<String, TaskDefinition> range =
        byFamily ? store.family(scope, r.familyPrefix()) : store.all(scope);
    boolean desc = r.sort() == SortOrder.DESC;
    Page<String> page =
        RevisionStore.page(
            desc ? descending : ascending,
            range,
            prefix,
            desc,
            d -> d.status() == status,
            TaskDefinition::taskDefinitionArn,
            r.maxResults(),
            r.nextToken());
    return ListTaskDefinitionsResponse.builder()
        .taskDefinitionArns(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** One family as ListTaskDefinitionFamilies sees it. */
  private record Family(String name, boolean active) {
    Family merge(Family other) {
      return new Family(name, active || other.active);
    }
  }

  ListTaskDefinitionFamiliesResponse listFamilies(
      RequestContext ctx, ListTaskDefinitionFamiliesRequest r) {
    TaskDefinitionFamilyStatus status =
        r.status() == null ? TaskDefinitionFamilyStatus.ALL : r.status();
    String familyPrefix = r.familyPrefix() == null ? "" : r.familyPrefix();
    NavigableMap<String, Family> byName = new TreeMap<>();
    for (TaskDefinition d : store.all(ctx.scope()).values()) {
      if (d.family().startsWith(familyPrefix)) {
        byName.merge(
            d.family(), new Family(d.family(), TaskDefinitionService.isActive(d)), Family::merge);
      }
    }
    Page<String> page =
        families.page(
            byName,
            f ->
                status == TaskDefinitionFamilyStatus.ALL
                    || (status == TaskDefinitionFamilyStatus.ACTIVE) == f.active(),
            Family::name,
            r.maxResults(),
            r.nextToken());
    return ListTaskDefinitionFamiliesResponse.builder()
        .families(page.items())
        .nextToken(page.nextToken())
        .build();
  }
}
