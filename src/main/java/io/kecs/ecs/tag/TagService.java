package io.kecs.ecs.tag;

import io.kecs.ecs.error.EcsMessages;
import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.ecs.error.ResourceNotFoundException;
import io.kecs.identity.Arn;
import io.kecs.protocol.AwsJsonService;
import io.kecs.protocol.RequestContext;
import io.kecs.store.RecordTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ecs.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.ecs.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TagResourceRequest;
import software.amazon.awssdk.services.ecs.model.TagResourceResponse;
import software.amazon.awssdk.services.ecs.model.UntagResourceRequest;
import software.amazon.awssdk.services.ecs.model.UntagResourceResponse;

/**
 * Tags of every ECS resource, kept in one table keyed by resource ARN (a record is the resource ARN
 * and its tags). Aggregates register which of their ARNs exist, so TagResource on a missing
 * resource fails as on ECS.
 */
public final class TagService {
  static final int MAX_TAGS = 50;
  private static final java.util.Set<String> LONG_FORMAT_TYPES =
      java.util.Set.of("service", "task", "container-instance");

  private final RecordTable<TagResourceRequest> table;
  private final Map<String, Predicate<Arn>> resourceTypes = new ConcurrentHashMap<>();

  public TagService(RecordTable<TagResourceRequest> table) {
    this.table = table;
  }

  /** Declares a taggable resource type (e.g. {@code cluster}) and how to tell that one exists. */
  public void registerResourceType(String resourceType, Predicate<Arn> exists) {
    resourceTypes.put(resourceType, exists);
  }

  /** Checks tags given at creation time against the ECS tag rules. */
  public static void validate(List<Tag> tags) {
    if (tags == null) {
      return;
    }
    if (tags.size() > MAX_TAGS) {
      throw new InvalidParameterException(
          "A resource can have at most " + MAX_TAGS + " tags, but " + tags.size() + " were given.");
    }
    for (Tag tag : tags) {
      String key = tag.key();
      if (key == null || key.isEmpty() || key.length() > 128) {
        throw new InvalidParameterException("Tag keys must be between 1 and 128 characters long.");
      }
      if (tag.value() != null && tag.value().length() > 256) {
        throw new InvalidParameterException("Tag values must be at most 256 characters long.");
      }
      if (key.regionMatches(true, 0, "aws:", 0, 4)) {
        throw new InvalidParameterException(
            "Tag keys with the prefix 'aws:' are reserved for AWS use and cannot be added or"
                + " removed.");
      }
    }
  }

  public List<Tag> tagsOf(Arn resource) {
    return table.get(resource.toString()).map(TagResourceRequest::tags).orElse(List.of());
  }

  /** Replaces the tags of a resource being created; null or empty leaves it untagged. */
  public void setTags(Arn resource, List<Tag> tags) {
    validate(tags);
    if (tags == null || tags.isEmpty()) {
      table.delete(resource.toString());
    } else {
      table.put(resource.toString(), record(resource, merge(List.of(), tags)));
    }
  }

  /**
   * Sets tags ECS itself decided, already checked or owned by ECS (the {@code aws:ecs:} managed
   * tags, tags propagated from a service or task definition).
   */
  public void setSystemTags(Arn resource, List<Tag> tags) {
    if (tags == null || tags.isEmpty()) {
      table.delete(resource.toString());
    } else {
      table.put(resource.toString(), record(resource, merge(List.of(), tags)));
    }
  }

  /** Forgets the tags of a resource that is gone for good. */
  public void forget(Arn resource) {
    table.delete(resource.toString());
  }

  public TagResourceResponse tagResource(RequestContext ctx, TagResourceRequest request) {
    Arn arn = existingResource(request.resourceArn());
    validate(request.tags());
    List<Tag> merged = merge(tagsOf(arn), request.tags());
    if (merged.size() > MAX_TAGS) {
      throw new InvalidParameterException(
          "A resource can have at most "
              + MAX_TAGS
              + " tags; this request would leave "
              + merged.size()
              + ".");
    }
    table.put(arn.toString(), record(arn, merged));
    return TagResourceResponse.builder().build();
  }

  public UntagResourceResponse untagResource(RequestContext ctx, UntagResourceRequest request) {
    Arn arn = existingResource(request.resourceArn());
    for (String key : request.tagKeys()) {
      if (key.regionMatches(true, 0, "aws:", 0, 4)) {
        throw new InvalidParameterException(
            "Tag keys with the prefix 'aws:' are reserved for AWS use and cannot be removed.");
      }
    }
    List<Tag> kept = new ArrayList<>(tagsOf(arn));
    kept.removeIf(t -> request.tagKeys().contains(t.key()));
    if (kept.isEmpty()) {
      table.delete(arn.toString());
    } else {
      table.put(arn.toString(), record(arn, kept));
    }
    return UntagResourceResponse.builder().build();
  }

  public ListTagsForResourceResponse listTagsForResource(
      RequestContext ctx, ListTagsForResourceRequest request) {
    Arn arn = existingResource(request.resourceArn());
    return ListTagsForResourceResponse.builder().tags(tagsOf(arn)).build();
  }

  private Arn existingResource(String resourceArn) {
    Arn arn =
        Arn.parse(resourceArn)
            .filter(a -> a.service().equals("ecs"))
            .orElseThrow(
                () -> new InvalidParameterException("Invalid resource ARN: " + resourceArn));
    // Services, tasks and container instances have carried their cluster's name in their ARN
    // since 2018; ECS tags only ARNs in that long format.
    if (LONG_FORMAT_TYPES.contains(arn.resourceType()) && !arn.resourcePath().contains("/")) {
      throw new InvalidParameterException(EcsMessages.LONG_ARN_FOR_TAGGING);
    }
    Predicate<Arn> exists = resourceTypes.get(arn.resourceType());
    if (exists == null) {
      throw new InvalidParameterException(
          "The resource type '" + arn.resourceType() + "' does not support tagging.");
    }
    if (!exists.test(arn)) {
      throw new ResourceNotFoundException("The specified resource is not found: " + resourceArn);
    }
    return arn;
  }

  private static List<Tag> merge(List<Tag> existing, List<Tag> added) {
    Map<String, Tag> byKey = new LinkedHashMap<>();
    existing.forEach(t -> byKey.put(t.key(), t));
    added.forEach(t -> byKey.put(t.key(), t));
    return List.copyOf(byKey.values());
  }

  private static TagResourceRequest record(Arn arn, List<Tag> tags) {
    return TagResourceRequest.builder().resourceArn(arn.toString()).tags(tags).build();
  }

  /** Binds the ECS operations this service answers. */
  public void bind(AwsJsonService api) {
    api.add("TagResource", TagResourceRequest.class, this::tagResource)
        .add("UntagResource", UntagResourceRequest.class, this::untagResource)
        .add("ListTagsForResource", ListTagsForResourceRequest.class, this::listTagsForResource);
  }
}
