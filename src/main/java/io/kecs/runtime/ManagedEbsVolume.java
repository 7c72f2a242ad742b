package io.kecs.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskManagedEBSVolumeConfiguration;
import software.amazon.awssdk.services.ecs.model.TaskVolumeConfiguration;

/**
 * The Amazon EBS volume a task gets for its definition's volume configured at launch (from the
 * {@code volumeConfigurations} of RunTask / StartTask, or of the service's deployment), as the
 * task's attachment of type {@code AmazonElasticBlockStorage} carries it.
 *
 * <p>DescribeTasks shows the details ECS documents for such an attachment: {@code roleArn}, {@code
 * deleteOnTermination}, {@code volumeName} and {@code volumeId}. What a runtime needs besides to
 * make the volume (size, type, ...) has no ECS field on a task; it is kept in details named {@code
 * kecs:...} that the task view drops ({@link #shown}). Keeping it in the task record means it is
 * stored and restored with the task, and reaches a workload's template task, without a second
 * store.
 *
 * @param volumeType as given (null: ECS's default, {@link #DEFAULT_TYPE})
 * @param sizeInGiB as given; null when only a snapshot was given
 */
public record ManagedEbsVolume(
    String name,
    String roleArn,
    Integer sizeInGiB,
    String volumeType,
    Integer iops,
    Integer throughput,
    String snapshotId,
    String filesystemType,
    boolean deleteOnTermination) {
  public static final String ATTACHMENT_TYPE = "AmazonElasticBlockStorage";
  public static final String DEFAULT_TYPE = "gp3";
  private static final String INTERNAL = "kecs:";

  /** A volume of RunTask / StartTask: deleted with the task unless its policy says otherwise. */
  public static ManagedEbsVolume of(TaskVolumeConfiguration c) {
    TaskManagedEBSVolumeConfiguration m = c.managedEBSVolume();
    return new ManagedEbsVolume(
        c.name(),
        m.roleArn(),
        m.sizeInGiB(),
        m.volumeType(),
        m.iops(),
        m.throughput(),
        m.snapshotId(),
        m.filesystemTypeAsString(),
        m.terminationPolicy() == null
            || !Boolean.FALSE.equals(m.terminationPolicy().deleteOnTermination()));
  }

  /** The volume type ECS creates: the one given, else gp3. */
  public String effectiveType() {
    return volumeType == null ? DEFAULT_TYPE : volumeType;
  }

  /** The task's attachment for this volume. */
  public Attachment attachment(String id, String volumeId, String status) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("roleArn", roleArn);
    details.put("deleteOnTermination", String.valueOf(deleteOnTermination));
    details.put("volumeName", name);
    details.put("volumeId", volumeId);
    internal(details, "sizeInGiB", sizeInGiB);
    internal(details, "volumeType", volumeType);
    internal(details, "iops", iops);
    internal(details, "throughput", throughput);
    internal(details, "snapshotId", snapshotId);
    internal(details, "filesystemType", filesystemType);
    List<KeyValuePair> pairs = new ArrayList<>();
    details.forEach((k, v) -> pairs.add(KeyValuePair.builder().name(k).value(v).build()));
    return Attachment.builder().id(id).type(ATTACHMENT_TYPE).status(status).details(pairs).build();
  }

  /** The task's EBS volume, if it has one. */
  public static Optional<ManagedEbsVolume> of(Task task) {
    return task.attachments().stream()
        .filter(ManagedEbsVolume::isEbs)
        .findFirst()
        .map(ManagedEbsVolume::fromAttachment);
  }

  public static boolean isEbs(Attachment a) {
    return ATTACHMENT_TYPE.equals(a.type());
  }

  /** The attachment as ECS shows it: without the details only KECS reads. */
  public static Attachment shown(Attachment a) {
    if (!isEbs(a) || a.details().stream().noneMatch(d -> d.name().startsWith(INTERNAL))) {
      return a;
    }
    return a.toBuilder()
        .details(a.details().stream().filter(d -> !d.name().startsWith(INTERNAL)).toList())
        .build();
  }

  private static ManagedEbsVolume fromAttachment(Attachment a) {
    Map<String, String> d = new LinkedHashMap<>();
    a.details().forEach(p -> d.put(p.name(), p.value()));
    return new ManagedEbsVolume(
        d.get("volumeName"),
        d.get("roleArn"),
        integer(d.get(INTERNAL + "sizeInGiB")),
        d.get(INTERNAL + "volumeType"),
        integer(d.get(INTERNAL + "iops")),
        integer(d.get(INTERNAL + "throughput")),
        d.get(INTERNAL + "snapshotId"),
        d.get(INTERNAL + "filesystemType"),
        !"false".equals(d.get("deleteOnTermination")));
  }

  private static void internal(Map<String, String> details, String key, Object value) {
    if (value != null) {
      details.put(INTERNAL + key, value.toString());
    }
  }

  private static Integer integer(String s) {
    return s == null ? null : Integer.valueOf(s);
  }
}
