package io.kecs.logs;

import java.util.List;

/**
 * Where events go: CloudWatch Logs on the AWS backend ({@link CloudWatchLogsDestination}). Calls
 * throw the CloudWatch Logs SDK's exceptions, so callers tell a missing group from an outage.
 */
interface LogDestination extends AutoCloseable {
  /** A log group of one account and region. */
  record Group(String account, String region, String name) {}

  /** Creates the group; one that exists already is fine. */
  void createGroup(Group group);

  /** Creates the stream; one that exists already is fine. */
  void createStream(Group group, String stream);

  /** Sends events (sorted by time, within the batch limits) to the stream. */
  void put(Group group, String stream, List<LogEvent> events);

  @Override
  void close();
}
