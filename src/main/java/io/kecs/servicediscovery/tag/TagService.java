package io.kecs.servicediscovery.tag;

import io.kecs.identity.Arn;
import io.kecs.protocol.AwsJsonService;
import io.kecs.protocol.RequestContext;
import io.kecs.servicediscovery.error.InvalidInput;
import io.kecs.servicediscovery.error.ResourceNotFoundException;
import io.kecs.servicediscovery.error.TooManyTagsException;
import io.kecs.store.RecordTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.servicediscovery.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.servicediscovery.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.servicediscovery.model.Tag;
import software.amazon.awssdk.services.servicediscovery.model.TagResourceRequest;
import software.amazon.awssdk.services.servicediscovery.model.TagResourceResponse;
import software.amazon.awssdk.services.servicediscovery.model.UntagResourceRequest;
import software.amazon.awssdk.services.servicediscovery.model.UntagResourceResponse;

/**
 * Tags of namespaces and services, one record per resource ARN. The namespace and service
 * aggregates say which ARNs exist, so tagging a missing resource fails as on AWS.
 */
public final class TagService {
  static final int MAX_TAGS = 50;

  private final RecordTable<TagResourceRequest> table;
  private volatile Predicate<Arn> exists = arn -> false;

  public TagService(RecordTable<TagResourceRequest> table) {
    this.table = table;
  }

  /** Wires what tells a taggable resource exists (namespaces and services). */
  public void connectResources(Predicate<Arn> exists) {
    this.exists = exists;
  }

  public void bind(AwsJsonService service) {
    service.add("TagResource", TagResourceRequest.class, this::tagResource);
    service.add("UntagResource", UntagResourceRequest.class, this::untagResource);
    service.add("ListTagsForResource", ListTagsForResourceRequest.class, this::listTagsForResource);
  }

  /** Checks tags given at creation against the Cloud Map rules. */
  public static void validate(String resource, List<Tag> tags) {
    if (tags.size() > MAX_TAGS) {
      throw new TooManyTagsException(
          "A resource can have at most " + MAX_TAGS + " tags.",
          resource == null ? Map.of() : Map.of("ResourceName", resource));
    }
    for (Tag tag : tags) {
      if (tag.key() == null || tag.key().isEmpty() || tag.key().length() > 128) {
        throw new InvalidInput("Tag keys must be between 1 and 128 characters long.");
      }
      if (tag.value() == null || tag.value().length() > 256) {
        throw new InvalidInput("Tag values must be between 0 and 256 characters long.");
      }
      if (tag.key().regionMatches(true, 0, "aws:", 0, 4)) {
        throw new InvalidInput("Tag keys starting with 'aws:' are reserved.");
      }
    }
  }

  /** Tags a resource being created; no tags leaves it untagged. */
  public void setTags(Arn resource, List<Tag> tags) {
    validate(resource.toString(), tags);
    if (!tags.isEmpty()) {
      table.put(resource.toString(), record(resource.toString(), merge(Map.of(), tags)));
    }
  }

  /** Drops the tags of a deleted resource. */
  public void forget(Arn resource) {
    table.delete(resource.toString());
  }

  TagResourceResponse tagResource(RequestContext ctx, TagResourceRequest request) {
    Arn arn = require(ctx, request.resourceARN());
    validate(request.resourceARN(), request.tags());
    Map<String, String> merged = merge(current(arn), request.tags());
    if (merged.size() > MAX_TAGS) {
      throw new TooManyTagsException(
          "A resource can have at most " + MAX_TAGS + " tags.",
          Map.of("ResourceName", request.resourceARN()));
    }
    table.put(arn.toString(), record(arn.toString(), merged));
    return TagResourceResponse.builder().build();
  }

  UntagResourceResponse untagResource(RequestContext ctx, UntagResourceRequest request) {
    Arn arn = require(ctx, request.resourceARN());
    Map<String, String> kept = new LinkedHashMap<>(current(arn));
    request.tagKeys().forEach(kept::remove);
    if (kept.isEmpty()) {
      table.delete(arn.toString());
    } else {
      table.put(arn.toString(), record(arn.toString(), kept));
    }
    return UntagResourceResponse.builder().build();
  }

  ListTagsForResourceResponse listTagsForResource(
      RequestContext ctx, ListTagsForResourceRequest request) {
    Arn arn = require(ctx, request.resourceARN());
    List<Tag> tags = new ArrayList<>();
    current(arn).forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
    return ListTagsForResourceResponse.builder().tags(tags).build();
  }

  private Arn require(RequestContext ctx, String resourceArn) {
    return Arn.parse(resourceArn)
        .filter(a -> a.scope().equals(ctx.scope()))
        .filter(exists)
        .orElseThrow(
            () -> new ResourceNotFoundException("The resource " + resourceArn + " was not found."));
  }

  private Map<String, String> current(Arn arn) {
    Map<String, String> tags = new LinkedHashMap<>();
    table.get(arn.toString()).ifPresent(r -> r.tags().forEach(t -> tags.put(t.key(), t.value())));
    return tags;
  }

  private static Map<String, String> merge(Map<String, String> base, List<Tag> added) {
    Map<String, String> out = new LinkedHashMap<>(base);
    added.forEach(t -> out.put(t.key(), t.value()));
    return out;
  }

  private static TagResourceRequest record(String arn, Map<String, String> tags) {
    List<Tag> list = new ArrayList<>();
    tags.forEach((k, v) -> list.add(Tag.builder().key(k).value(v).build()));
    return TagResourceRequest.builder().resourceARN(arn).tags(list).build();
  }
}
