package io.kecs.ecs.attribute;

import io.kecs.ecs.cluster.ClusterService;
import io.kecs.ecs.common.Page;
import io.kecs.ecs.common.Pager;
import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.ecs.error.TargetNotFoundException;
import io.kecs.identity.Arn;
import io.kecs.protocol.AwsJsonService;
import io.kecs.protocol.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.DeleteAttributesRequest;
import software.amazon.awssdk.services.ecs.model.DeleteAttributesResponse;
import software.amazon.awssdk.services.ecs.model.ListAttributesRequest;
import software.amazon.awssdk.services.ecs.model.ListAttributesResponse;
import software.amazon.awssdk.services.ecs.model.PutAttributesRequest;
import software.amazon.awssdk.services.ecs.model.PutAttributesResponse;
import software.amazon.awssdk.services.ecs.model.TargetType;

/**
 * PutAttributes, DeleteAttributes and ListAttributes. Both writes check every attribute and find
 * every target before changing anything, then apply all edits at once, so a call either takes
 * effect completely or not at all. Both answer the attributes as given, with the target type filled
 * in.
 */
public final class AttributeService {
  static final int MAX_PER_CALL = 10;

  private final ClusterService clusters;
  private final AttributeTargets targets;
  private final Pager pager = new Pager("attributes", 100, 100);

  public AttributeService(ClusterService clusters, AttributeTargets targets) {
    this.clusters = clusters;
    this.targets = targets;
  }

  public PutAttributesResponse putAttributes(RequestContext ctx, PutAttributesRequest request) {
    Cluster cluster = clusters.requireActive(ctx, request.cluster());
    List<Attribute> given = checkCount(request.attributes());
    given.forEach(AttributeRules::validate);
    Map<Arn, List<Attribute>> byTarget = byTarget(cluster, given);
    Map<Arn, UnaryOperator<List<Attribute>>> edits = new LinkedHashMap<>();
    byTarget.forEach(
        (arn, added) ->
            edits.put(
                arn,
                current -> {
                  Map<String, Attribute> byName = new LinkedHashMap<>();
                  current.forEach(a -> byName.put(a.name(), a));
                  added.forEach(a -> byName.put(a.name(), stored(a)));
                  List<Attribute> result = List.copyOf(byName.values());
                  AttributeRules.checkCustomLimit(arn.toString(), result);
                  return result;
                }));
    targets.edit(edits);
    return PutAttributesResponse.builder().attributes(answered(given)).build();
  }

  /** Removes attributes by name; a value, if given, is not compared (ECS asks to omit it). */
  public DeleteAttributesResponse deleteAttributes(
      RequestContext ctx, DeleteAttributesRequest request) {
    Cluster cluster = clusters.requireActive(ctx, request.cluster());
    List<Attribute> given = checkCount(request.attributes());
    given.forEach(a -> AttributeRules.validate(Attribute.builder().name(a.name()).build()));
    Map<Arn, List<Attribute>> byTarget = byTarget(cluster, given);
    Map<Arn, UnaryOperator<List<Attribute>>> edits = new LinkedHashMap<>();
    byTarget.forEach(
        (arn, removed) -> {
          List<String> names = removed.stream().map(Attribute::name).toList();
          edits.put(
              arn, current -> current.stream().filter(a -> !names.contains(a.name())).toList());
        });
    targets.edit(edits);
    return DeleteAttributesResponse.builder().attributes(answered(given)).build();
  }

  public ListAttributesResponse listAttributes(RequestContext ctx, ListAttributesRequest request) {
    Cluster cluster = clusters.requireActive(ctx, request.cluster());
    if (request.attributeValue() != null && request.attributeName() == null) {
      throw new InvalidParameterException(
          "attributeName must be specified when attributeValue is specified.");
    }
    // Keys order attributes by target, then name; a space sorts below every ARN and name character.
    TreeMap<String, Attribute> listed = new TreeMap<>();
    targets
        .attributesIn(cluster)
        .forEach(
            (arn, attributes) -> {
              for (Attribute a : attributes) {
                listed.put(
                    arn + " " + a.name(),
                    a.toBuilder().targetType(TargetType.CONTAINER_INSTANCE).targetId(arn).build());
              }
            });
    Page<Attribute> page =
        pager.page(
            listed,
            a ->
                (request.attributeName() == null || request.attributeName().equals(a.name()))
                    && (request.attributeValue() == null
                        || request.attributeValue().equals(a.value())),
            a -> a,
            request.maxResults(),
            request.nextToken());
    return ListAttributesResponse.builder()
        .attributes(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private static List<Attribute> checkCount(List<Attribute> attributes) {
    if (attributes.isEmpty() || attributes.size() > MAX_PER_CALL) {
      throw new InvalidParameterException(
          "attributes must have between 1 and "
              + MAX_PER_CALL
              + " items, but had "
              + attributes.size()
              + ".");
    }
    if (attributes.contains(null)) {
      throw new InvalidParameterException("attributes must not contain null entries.");
    }
    return attributes;
  }

  /** Finds every attribute's target, failing before any change if one is missing. */
  private Map<Arn, List<Attribute>> byTarget(Cluster cluster, List<Attribute> attributes) {
    Map<Arn, List<Attribute>> byTarget = new LinkedHashMap<>();
    for (Attribute a : attributes) {
      String targetId = a.targetId();
      if (targetId == null || targetId.isEmpty()) {
        throw new InvalidParameterException(
            "targetId is required for attribute '" + a.name() + "'.");
      }
      if (!Arn.looksLikeArn(targetId) && a.targetType() == null) {
        throw new InvalidParameterException(
            "targetType is required when targetId '" + targetId + "' is not a full ARN.");
      }
      Arn target =
          targets
              .resolve(cluster, targetId)
              .orElseThrow(
                  () ->
                      new TargetNotFoundException(
                          "Could not find "
                              + targetId
                              + " in cluster "
                              + cluster.clusterName()
                              + ". Check that the target exists and is registered."));
      byTarget.computeIfAbsent(target, k -> new ArrayList<>()).add(a);
    }
    return byTarget;
  }

  /** The attribute as its target stores it: name and value only. */
  private static Attribute stored(Attribute a) {
    return Attribute.builder().name(a.name()).value(a.value()).build();
  }

  private static List<Attribute> answered(List<Attribute> given) {
    return given.stream()
        .map(a -> a.toBuilder().targetType(TargetType.CONTAINER_INSTANCE).build())
        .toList();
  }

  /** Binds the ECS operations this service answers. */
  public void bind(AwsJsonService api) {
    api.add("PutAttributes", PutAttributesRequest.class, this::putAttributes)
        .add("DeleteAttributes", DeleteAttributesRequest.class, this::deleteAttributes)
        .add("ListAttributes", ListAttributesRequest.class, this::listAttributes);
  }
}
