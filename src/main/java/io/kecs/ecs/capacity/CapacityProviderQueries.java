package io.kecs.ecs.capacity;

import io.kecs.ecs.cluster.ClusterService;
import io.kecs.ecs.common.Page;
import io.kecs.ecs.common.Pager;
import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.ecs.tag.TagService;
import io.kecs.identity.Arn;
import io.kecs.identity.Scope;
import io.kecs.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ecs.model.CapacityProvider;
import software.amazon.awssdk.services.ecs.model.CapacityProviderField;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.DescribeCapacityProvidersRequest;
import software.amazon.awssdk.services.ecs.model.DescribeCapacityProvidersResponse;
import software.amazon.awssdk.services.ecs.model.Failure;

/**
 * DescribeCapacityProviders, and how a provider is shaped for any answer. Without names it lists
 * FARGATE, FARGATE_SPOT, then the ACTIVE custom providers by name, in pages of up to 10; deleted
 * (INACTIVE) providers are only found by name. Given a cluster, only the providers associated with
 * it and the Managed Instances providers scoped to it are answered.
 */
final class CapacityProviderQueries {
  private static final int MAX_DESCRIBE = 100;

  private final CapacityProviderStore store;
  private final TagService tags;
  private final ClusterService clusters;
  private final Pager pager = new Pager("capacity-providers", 10, 10);

  CapacityProviderQueries(CapacityProviderStore store, TagService tags, ClusterService clusters) {
    this.store = store;
    this.tags = tags;
    this.clusters = clusters;
  }

  /** A provider as answered: tags only when asked for (an empty list when it has none). */
  CapacityProvider shape(CapacityProvider stored, boolean withTags) {
    CapacityProvider.Builder b = stored.toBuilder();
    if (withTags) {
      b.tags(new ArrayList<>(tags.tagsOf(Arn.parse(stored.capacityProviderArn()).orElseThrow())));
    }
    return b.build();
  }

  DescribeCapacityProvidersResponse describe(
      RequestContext ctx, DescribeCapacityProvidersRequest request) {
    Scope scope = ctx.scope();
    List<String> names = request.capacityProviders();
    if (names.size() > MAX_DESCRIBE) {
      throw new InvalidParameterException(
          "capacityProviders can have at most "
              + MAX_DESCRIBE
              + " items, but had "
              + names.size()
              + ".");
    }
    pager.limit(request.maxResults());
    boolean withTags = request.include().contains(CapacityProviderField.TAGS);
    Optional<Cluster> cluster =
        Optional.ofNullable(request.cluster()).map(c -> clusters.requireActive(ctx, c));
    Predicate<CapacityProvider> visible = p -> belongs(p, cluster);
    if (!names.isEmpty()) {
      List<CapacityProvider> found = new ArrayList<>();
      List<Failure> failures = new ArrayList<>();
      for (String nameOrArn : names) {
        Optional<CapacityProvider> p = store.lookup(scope, nameOrArn).filter(visible);
        if (p.isPresent()) {
          found.add(shape(p.get(), withTags));
        } else {
          failures.add(
              Failure.builder().arn(failureArn(scope, nameOrArn)).reason("MISSING").build());
        }
      }
      return DescribeCapacityProvidersResponse.builder()
          .capacityProviders(found)
          .failures(failures)
          .build();
    }
    // Keys order the listing: built-ins first, then custom providers by name.
    TreeMap<String, CapacityProvider> listing = new TreeMap<>();
    for (String name : BuiltInProviders.NAMES) {
      listing.put("0/" + name, BuiltInProviders.of(scope, name));
    }
    for (CapacityProvider p : store.all(scope)) {
      if (CapacityProviderStore.isActive(p)) {
        listing.put("1/" + p.name(), p);
      }
    }
    Page<CapacityProvider> page =
        pager.page(
            listing, visible, p -> shape(p, withTags), request.maxResults(), request.nextToken());
    return DescribeCapacityProvidersResponse.builder()
        .capacityProviders(page.items())
        .failures(List.of())
        .nextToken(page.nextToken())
        .build();
  }

  /** With a cluster: the providers it is associated with, and those scoped to it. */
  private static boolean belongs(CapacityProvider p, Optional<Cluster> cluster) {
    if (cluster.isEmpty()) {
      return true;
    }
    Cluster c = cluster.get();
    return p.cluster() != null
        ? p.cluster().equals(c.clusterName())
        : c.capacityProviders().contains(p.name());
  }

  private static String failureArn(Scope scope, String nameOrArn) {
    return Arn.looksLikeArn(nameOrArn)
        ? nameOrArn
        : CapacityProviderStore.arn(scope, nameOrArn).toString();
  }
}
