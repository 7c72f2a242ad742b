package io.kecs.ecs.instance;

import io.kecs.identity.Arn;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.AttachmentStateChange;
import software.amazon.awssdk.services.ecs.model.SubmitContainerStateChangeRequest;
import software.amazon.awssdk.services.ecs.model.SubmitTaskStateChangeRequest;

/**
 * Where checked agent state reports go: the task aggregate, which alone writes task status. Until
 * it is wired ({@link AgentService#connectReports}) no task exists for a report to be about, and
 * reports are acknowledged and dropped, as ECS acknowledges reports about tasks it no longer tracks
 * so agents stop retrying them.
 */
public interface AgentReports {
  AgentReports NONE = new AgentReports() {};

  default void taskStateChanged(Arn cluster, Arn task, SubmitTaskStateChangeRequest report) {}

  default void containerStateChanged(
      Arn cluster, Arn task, SubmitContainerStateChangeRequest report) {}

  default void attachmentsChanged(Arn cluster, List<AttachmentStateChange> changes) {}
}
