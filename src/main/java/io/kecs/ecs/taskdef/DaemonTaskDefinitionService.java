package io.kecs.ecs.taskdef;

import io.kecs.ecs.error.ClientException;
import io.kecs.ecs.tag.TagService;
import io.kecs.identity.Arn;
import io.kecs.identity.Scope;
import io.kecs.protocol.AwsJsonService;
import io.kecs.protocol.RequestContext;
import io.kecs.store.RecordTable;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.DaemonContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DaemonTaskDefinition;
import software.amazon.awssdk.services.ecs.model.DaemonTaskDefinitionStatus;
import software.amazon.awssdk.services.ecs.model.DaemonVolume;
import software.amazon.awssdk.services.ecs.model.DeleteDaemonTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.DeleteDaemonTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.DescribeDaemonTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.DescribeDaemonTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.ListDaemonTaskDefinitionsRequest;
import software.amazon.awssdk.services.ecs.model.ListDaemonTaskDefinitionsResponse;
import software.amazon.awssdk.services.ecs.model.RegisterDaemonTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.RegisterDaemonTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.Volume;

/**
 * Daemon task definitions (ECS Managed Daemons): revisions per family like task definitions, ARNs
 * {@code arn:aws:ecs:region:account:daemon-task-definition/family:revision}, and the lifecycle
 * ACTIVE -> DELETE_IN_PROGRESS (DeleteDaemonTaskDefinition). ECS moves a deleted revision on to
 * DELETED once no daemon uses it; until daemons exist in KECS they stay DELETE_IN_PROGRESS, as task
 * definitions do. Container, volume and size rules are the task definition ones; daemons have no
 * network mode or port mappings.
 */
public final class DaemonTaskDefinitionService {
  static final String TYPE = "daemon-task-definition";

  private final RevisionStore<DaemonTaskDefinition> store;
  private final TagService tags;
  private final DaemonTaskDefinitionListing listing;

  public DaemonTaskDefinitionService(RecordTable<DaemonTaskDefinition> table, TagService tags) {
    this.store = new RevisionStore<>(table, TYPE);
    this.tags = tags;
    this.listing = new DaemonTaskDefinitionListing(store);
    tags.registerResourceType(TYPE, store::exists);
  }

  /** The daemon task definition a CreateDaemon/UpdateDaemon parameter names (any status). */
  public Optional<DaemonTaskDefinition> resolve(Scope scope, String familyOrArn) {
    return store.resolve(scope, familyOrArn, DaemonTaskDefinitionService::isActive);
  }

  public synchronized RegisterDaemonTaskDefinitionResponse registerDaemonTaskDefinition(
      RequestContext ctx, RegisterDaemonTaskDefinitionRequest r) {
    TaskDefinitionValidator.requireValidFamily(r.family());
    TagService.validate(r.tags());
    TaskSize size = TaskSize.parse(r.cpu(), r.memory());
    Set<String> volumes =
        VolumeRules.check(
            r.volumes().stream()
                .map(v -> Volume.builder().name(v.name()).host(v.host()).build())
                .toList());
    boolean execRole = r.executionRoleArn() != null && !r.executionRoleArn().isEmpty();
    ContainerDefinitionValidator.validate(
        r.containerDefinitions().stream().map(ContainerSpec::of).toList(), volumes, size, execRole);
    List<DaemonContainerDefinition> containers =
        r.containerDefinitions().stream().map(TaskDefinitionDefaults::container).toList();
    Scope scope = ctx.scope();
    int revision = store.nextRevision(scope, r.family());
    Arn arn = TaskDefinitionRef.arn(scope, TYPE, r.family(), revision);
    DaemonTaskDefinition definition =
        DaemonTaskDefinition.builder()
            .daemonTaskDefinitionArn(arn.toString())
            .family(r.family())
            .revision(revision)
            .taskRoleArn(blankToNull(r.taskRoleArn()))
            .executionRoleArn(blankToNull(r.executionRoleArn()))
            .containerDefinitions(containers)
            .volumes(r.hasVolumes() ? r.volumes() : List.<DaemonVolume>of())
            .cpu(size.cpuText())
            .memory(size.memoryText())
            .pidMode(r.pidMode())
            .ipcMode(r.ipcMode())
            .status(DaemonTaskDefinitionStatus.ACTIVE)
            .registeredAt(TaskDefinitionService.now())
            .registeredBy(TaskDefinitionService.registeredBy(scope))
            .build();
    tags.setTags(arn, r.tags());
    store.put(scope, r.family(), revision, definition);
    return RegisterDaemonTaskDefinitionResponse.builder()
        .daemonTaskDefinitionArn(arn.toString())
        .build();
  }

  public DescribeDaemonTaskDefinitionResponse describeDaemonTaskDefinition(
      RequestContext ctx, DescribeDaemonTaskDefinitionRequest r) {
    DaemonTaskDefinition definition =
        resolve(ctx.scope(), r.daemonTaskDefinition())
            .orElseThrow(() -> new ClientException("Unable to describe daemon task definition."));
    return DescribeDaemonTaskDefinitionResponse.builder().daemonTaskDefinition(definition).build();
  }

  public synchronized DeleteDaemonTaskDefinitionResponse deleteDaemonTaskDefinition(
      RequestContext ctx, DeleteDaemonTaskDefinitionRequest r) {
    Scope scope = ctx.scope();
    TaskDefinitionRef ref =
        TaskDefinitionRef.parse(scope, TYPE, r.daemonTaskDefinition())
            .orElseThrow(
                () -> new ClientException("The specified daemon task definition does not exist."));
    if (!ref.hasRevision()) {
      throw new ClientException(
          "Invalid daemon task definition '"
              + r.daemonTaskDefinition()
              + "'. Specify the revision as family:revision or give the full ARN.");
    }
    DaemonTaskDefinition definition =
        store
            .get(scope, ref.family(), ref.revision())
            .orElseThrow(
                () -> new ClientException("The specified daemon task definition does not exist."));
    if (!isActive(definition)) {
      throw new ClientException(
          "The daemon task definition is "
              + definition.statusAsString()
              + ". Only an ACTIVE daemon task definition can be deleted.");
    }
    store.put(
        scope,
        ref.family(),
        ref.revision(),
        definition.toBuilder()
            .status(DaemonTaskDefinitionStatus.DELETE_IN_PROGRESS)
            .deleteRequestedAt(TaskDefinitionService.now())
            .build());
    return DeleteDaemonTaskDefinitionResponse.builder()
        .daemonTaskDefinitionArn(definition.daemonTaskDefinitionArn())
        .build();
  }

  public ListDaemonTaskDefinitionsResponse listDaemonTaskDefinitions(
      RequestContext ctx, ListDaemonTaskDefinitionsRequest r) {
    return listing.list(ctx, r);
  }

  static boolean isActive(DaemonTaskDefinition d) {
    return d.status() == DaemonTaskDefinitionStatus.ACTIVE;
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** Binds the ECS operations this service answers. */
  public void bind(AwsJsonService api) {
    api.add(
            "RegisterDaemonTaskDefinition",
            RegisterDaemonTaskDefinitionRequest.class,
            this::registerDaemonTaskDefinition)
        .add(
            "DescribeDaemonTaskDefinition",
            DescribeDaemonTaskDefinitionRequest.class,
            this::describeDaemonTaskDefinition)
        .add(
            "DeleteDaemonTaskDefinition",
            DeleteDaemonTaskDefinitionRequest.class,
            this::deleteDaemonTaskDefinition)
        .add(
            "ListDaemonTaskDefinitions",
            ListDaemonTaskDefinitionsRequest.class,
            this::listDaemonTaskDefinitions);
  }
}
