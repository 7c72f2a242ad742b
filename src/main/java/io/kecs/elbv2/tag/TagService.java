package io.kecs.elbv2.tag;

import io.kecs.elbv2.common.Elbv2Arns;
import io.kecs.elbv2.common.Elbv2Tables;
import io.kecs.elbv2.error.DuplicateTagKeys;
import io.kecs.elbv2.error.ListenerNotFound;
import io.kecs.elbv2.error.LoadBalancerNotFound;
import io.kecs.elbv2.error.RuleNotFound;
import io.kecs.elbv2.error.TargetGroupNotFound;
import io.kecs.elbv2.error.TooManyTags;
import io.kecs.elbv2.error.TrustStoreNotFound;
import io.kecs.elbv2.error.ValidationError;
import io.kecs.protocol.AwsException;
import io.kecs.protocol.AwsQueryService;
import io.kecs.protocol.RequestContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;

/** Tags per resource ARN, at most 50 each; the resource types register how they are found. */
public final class TagService {
  static final int MAX_TAGS = 50;
  static final int MAX_RESOURCES = 20;

  private final Elbv2Tables tables;
  private final Map<String, Predicate<String>> exists = new ConcurrentHashMap<>();
  private final Map<String, Function<String, AwsException>> notFound = new ConcurrentHashMap<>();

  public TagService(Elbv2Tables tables) {
    this.tables = tables;
    notFound.put(
        "loadbalancer", a -> new LoadBalancerNotFound("Load balancer '" + a + "' not found"));
    notFound.put("targetgroup", a -> new TargetGroupNotFound("Target group '" + a + "' not found"));
    notFound.put("listener", a -> new ListenerNotFound("Listener '" + a + "' not found"));
    notFound.put("listener-rule", a -> new RuleNotFound("Rule '" + a + "' not found"));
    notFound.put("truststore", a -> new TrustStoreNotFound("Trust store '" + a + "' not found"));
  }

  /** How to tell whether a resource of {@code type} (ARN resource type) exists. */
  public void registerResourceType(String type, Predicate<String> existsByArn) {
    exists.put(type, existsByArn);
  }

  public void bind(AwsQueryService service) {
    service.add("AddTags", AddTagsRequest.class, this::addTags);
    service.add("RemoveTags", RemoveTagsRequest.class, this::removeTags);
    service.add("DescribeTags", DescribeTagsRequest.class, this::describeTags);
  }

  public List<Tag> tagsOf(String arn) {
    return tables.tags.get(arn).map(TagDescription::tags).orElse(List.of());
  }

  /** Checks tags given at creation; call before anything is stored. */
  public void check(List<Tag> tags) {
    merge(List.of(), tags);
  }

  /** Adds tags to a resource; the caller holds the write lock and checked the resource. */
  public void apply(String arn, List<Tag> tags) {
    if (tags.isEmpty()) {
      return;
    }
    List<Tag> merged = merge(tagsOf(arn), tags);
    tables.tags.put(arn, TagDescription.builder().resourceArn(arn).tags(merged).build());
  }

  public void forget(String arn) {
    tables.tags.delete(arn);
  }

  private AddTagsResponse addTags(RequestContext ctx, AddTagsRequest r) {
    checkResources(r.resourceArns());
    synchronized (tables.lock()) {
      r.resourceArns().forEach(this::requireExists);
      for (String arn : r.resourceArns()) {
        merge(tagsOf(arn), r.tags());
      }
      for (String arn : r.resourceArns()) {
        apply(arn, r.tags());
      }
    }
    return AddTagsResponse.builder().build();
  }

  private RemoveTagsResponse removeTags(RequestContext ctx, RemoveTagsRequest r) {
    checkResources(r.resourceArns());
    synchronized (tables.lock()) {
      r.resourceArns().forEach(this::requireExists);
      Set<String> keys = new HashSet<>(r.tagKeys());
      for (String arn : r.resourceArns()) {
        List<Tag> kept = tagsOf(arn).stream().filter(t -> !keys.contains(t.key())).toList();
        tables.tags.put(arn, TagDescription.builder().resourceArn(arn).tags(kept).build());
      }
    }
    return RemoveTagsResponse.builder().build();
  }

  private DescribeTagsResponse describeTags(RequestContext ctx, DescribeTagsRequest r) {
    checkResources(r.resourceArns());
    List<TagDescription> out = new ArrayList<>();
    for (String arn : r.resourceArns()) {
      requireExists(arn);
      out.add(TagDescription.builder().resourceArn(arn).tags(tagsOf(arn)).build());
    }
    return DescribeTagsResponse.builder().tagDescriptions(out).build();
  }

  private static void checkResources(List<String> arns) {
    if (arns.isEmpty() || arns.size() > MAX_RESOURCES) {
      throw new ValidationError(
          "1 validation error detected: Value at 'resourceArns' failed to satisfy constraint:"
              + " Member must have length between 1 and "
              + MAX_RESOURCES);
    }
  }

  private void requireExists(String arn) {
    String type = Elbv2Arns.resourceType(arn).orElse("");
    Predicate<String> check = exists.get(type);
    if (check == null) {
      throw new ValidationError("'" + arn + "' is not a valid Elastic Load Balancing resource ARN");
    }
    if (!check.test(arn)) {
      throw notFound.get(type).apply(arn);
    }
  }

  private static List<Tag> merge(List<Tag> current, List<Tag> added) {
    Set<String> seen = new HashSet<>();
    for (Tag t : added) {
      if (t.key() == null || t.key().isEmpty() || t.key().length() > 128) {
        throw new ValidationError("Tag keys must be between 1 and 128 characters long");
      }
      if (t.key().startsWith("aws:")) {
        throw new ValidationError("Tag keys starting with 'aws:' are reserved for AWS use");
      }
      if (t.value() != null && t.value().length() > 256) {
        throw new ValidationError("Tag values must be at most 256 characters long");
      }
      if (!seen.add(t.key())) {
        throw new DuplicateTagKeys("Tag key '" + t.key() + "' is specified more than once");
      }
    }
    Map<String, Tag> byKey = new LinkedHashMap<>();
    current.forEach(t -> byKey.put(t.key(), t));
    added.forEach(t -> byKey.put(t.key(), t));
    if (byKey.size() > MAX_TAGS) {
      throw new TooManyTags("A resource can have at most " + MAX_TAGS + " tags");
    }
    return List.copyOf(byKey.values());
  }
}
