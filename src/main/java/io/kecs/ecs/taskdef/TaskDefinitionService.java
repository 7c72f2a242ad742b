package io.kecs.ecs.taskdef;

import io.kecs.ecs.error.ClientException;
import io.kecs.ecs.tag.TagService;
import io.kecs.identity.Arn;
import io.kecs.identity.Scope;
import io.kecs.protocol.AwsJsonService;
import io.kecs.protocol.RequestContext;
import io.kecs.store.RecordTable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.DeleteTaskDefinitionsRequest;
import software.amazon.awssdk.services.ecs.model.DeleteTaskDefinitionsResponse;
import software.amazon.awssdk.services.ecs.model.DeregisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.DeregisterTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionFamiliesRequest;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionFamiliesResponse;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionsRequest;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionsResponse;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/**
 * The task definition aggregate: registration (validated by {@link TaskDefinitionValidator}),
 * describe, deregister, and the lookup other aggregates use; deletion ({@link
 * TaskDefinitionDeletion}) and listings ({@link TaskDefinitionListing}) are delegated. A record is
 * the registered definition as ECS answers it; tags live in {@link TagService}.
 */
public final class TaskDefinitionService {
  static final String TYPE = "task-definition";

  private final RevisionStore<TaskDefinition> store;
  private final TagService tags;
  private final TaskDefinitionDeletion deletion;
  private final TaskDefinitionListing listing;

  public TaskDefinitionService(RecordTable<TaskDefinition> table, TagService tags) {
    this.store = new RevisionStore<>(table, TYPE);
    this.tags = tags;
    this.deletion = new TaskDefinitionDeletion(store);
    this.listing = new TaskDefinitionListing(store);
    tags.registerResourceType(TYPE, store::exists);
  }

  /**
   * The definition a RunTask, StartTask, CreateService, ... parameter names: a family (its latest
   * ACTIVE revision), {@code family:revision} or an ARN (that revision, whatever its status).
   * Callers decide whether an INACTIVE or DELETE_IN_PROGRESS revision is acceptable.
   */
  public Optional<TaskDefinition> resolve(Scope scope, String familyOrArn) {
    return store.resolve(scope, familyOrArn, TaskDefinitionService::isActive);
  }

  public synchronized RegisterTaskDefinitionResponse registerTaskDefinition(
      RequestContext ctx, RegisterTaskDefinitionRequest r) {
    TaskDefinitionValidator.Checked checked = TaskDefinitionValidator.validate(r);
    Scope scope = ctx.scope();
    int revision = store.nextRevision(scope, r.family());
    Arn arn = TaskDefinitionRef.arn(scope, TYPE, r.family(), revision);
    TaskDefinition definition =
        TaskDefinition.builder()
            .taskDefinitionArn(arn.toString())
            .family(r.family())
            .revision(revision)
            .taskRoleArn(blankToNull(r.taskRoleArn()))
            .executionRoleArn(blankToNull(r.executionRoleArn()))
            .networkMode(r.networkMode())
            .containerDefinitions(checked.containers())
            .volumes(TaskDefinitionDefaults.volumes(r.volumes()))
            .placementConstraints(
                r.hasPlacementConstraints() ? r.placementConstraints() : List.of())
            .requiresCompatibilities(
                r.hasRequiresCompatibilities() ? r.requiresCompatibilities() : null)
            .compatibilities(checked.compatibilities())
            .requiresAttributes(RequiredAttributes.of(r, checked.mode()))
            .cpu(checked.size().cpuText())
            .memory(checked.size().memoryText())
            .inferenceAccelerators(r.hasInferenceAccelerators() ? r.inferenceAccelerators() : null)
            .pidMode(r.pidMode())
            .ipcMode(r.ipcMode())
            .proxyConfiguration(r.proxyConfiguration())
            .runtimePlatform(r.runtimePlatform())
            .ephemeralStorage(r.ephemeralStorage())
            .enableFaultInjection(r.enableFaultInjection())
            .status(TaskDefinitionStatus.ACTIVE)
            .registeredAt(now())
            .registeredBy(registeredBy(scope))
            .build();
    tags.setTags(arn, r.tags());
    store.put(scope, r.family(), revision, definition);
    return RegisterTaskDefinitionResponse.builder()
        .taskDefinition(definition)
        .tags(r.hasTags() && !r.tags().isEmpty() ? r.tags() : null)
        .build();
  }

  public DescribeTaskDefinitionResponse describeTaskDefinition(
      RequestContext ctx, DescribeTaskDefinitionRequest r) {
    TaskDefinition definition =
        resolve(ctx.scope(), r.taskDefinition())
            .orElseThrow(() -> new ClientException("Unable to describe task definition."));
    DescribeTaskDefinitionResponse.Builder out =
        DescribeTaskDefinitionResponse.builder().taskDefinition(definition);
    if (r.include().contains(TaskDefinitionField.TAGS)) {
      out.tags(tags.tagsOf(Arn.parse(definition.taskDefinitionArn()).orElseThrow()));
    }
    return out.build();
  }

  public synchronized DeregisterTaskDefinitionResponse deregisterTaskDefinition(
      RequestContext ctx, DeregisterTaskDefinitionRequest r) {
    TaskDefinition definition = requireRevision(ctx.scope(), r.taskDefinition());
    if (definition.status() == TaskDefinitionStatus.DELETE_IN_PROGRESS) {
      throw new ClientException(
          "The specified task definition is being deleted and cannot be deregistered.");
    }
    if (isActive(definition)) {
      definition =
          store.put(
              ctx.scope(),
              definition.family(),
              definition.revision(),
              definition.toBuilder()
                  .status(TaskDefinitionStatus.INACTIVE)
                  .deregisteredAt(now())
                  .build());
    }
    // Deregistering an INACTIVE revision again answers it unchanged, as a retry would expect.
    return DeregisterTaskDefinitionResponse.builder().taskDefinition(definition).build();
  }

  public synchronized DeleteTaskDefinitionsResponse deleteTaskDefinitions(
      RequestContext ctx, DeleteTaskDefinitionsRequest r) {
    return deletion.delete(ctx, r);
  }

  public ListTaskDefinitionsResponse listTaskDefinitions(
      RequestContext ctx, ListTaskDefinitionsRequest r) {
    return listing.list(ctx, r);
  }

  public ListTaskDefinitionFamiliesResponse listTaskDefinitionFamilies(
      RequestContext ctx, ListTaskDefinitionFamiliesRequest r) {
    return listing.listFamilies(ctx, r);
  }

  /** The revision a {@code family:revision} or ARN parameter names; a bare family is refused. */
  private TaskDefinition requireRevision(Scope scope, String text) {
    TaskDefinitionRef ref =
        TaskDefinitionRef.parse(scope, TYPE, text)
            .orElseThrow(
                () -> new ClientException("The specified task definition does not exist."));
    if (!ref.hasRevision()) {
      throw new ClientException(
          "Invalid task definition '"
              + text
              + "'. Specify the revision as family:revision or give the full ARN.");
    }
    return store
        .get(scope, ref.family(), ref.revision())
        .orElseThrow(() -> new ClientException("The specified task definition does not exist."));
  }

  static boolean isActive(TaskDefinition d) {
    return d.status() == TaskDefinitionStatus.ACTIVE;
  }

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  /** ECS names the registering principal; KECS callers act as their account's root. */
  static String registeredBy(Scope scope) {
    return new Arn(Arn.PARTITION, "iam", "", scope.account(), "root").toString();
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** Binds the ECS operations this service answers. */
  public void bind(AwsJsonService api) {
    api.add(
            "RegisterTaskDefinition",
            RegisterTaskDefinitionRequest.class,
            this::registerTaskDefinition)
        .add(
            "DescribeTaskDefinition",
            DescribeTaskDefinitionRequest.class,
            this::describeTaskDefinition)
        .add(
            "DeregisterTaskDefinition",
            DeregisterTaskDefinitionRequest.class,
            this::deregisterTaskDefinition)
        .add(
            "DeleteTaskDefinitions",
            DeleteTaskDefinitionsRequest.class,
            this::deleteTaskDefinitions)
        .add("ListTaskDefinitions", ListTaskDefinitionsRequest.class, this::listTaskDefinitions)
        .add(
            "ListTaskDefinitionFamilies",
            ListTaskDefinitionFamiliesRequest.class,
            this::listTaskDefinitionFamilies);
  }
}
