package io.kecs.logs;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;

/**
 * CloudWatch Logs on the AWS backend, through the SDK's client: one per account and region, signed
 * with the account as access key id (how LocalStack-style backends such as moto pick the account),
 * each call bounded in time so a silent backend is an error the shipper retries, not a hang.
 */
final class CloudWatchLogsDestination implements LogDestination {
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  private final URI backend;
  private final UrlConnectionHttpClient http;
  private final Map<String, CloudWatchLogsClient> clients = new ConcurrentHashMap<>();

  CloudWatchLogsDestination(URI backend) {
    this.backend = backend;
    this.http =
        (UrlConnectionHttpClient)
            UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(CALL_TIMEOUT)
                .build();
  }

  @Override
  public void createGroup(Group group) {
    try {
      client(group).createLogGroup(r -> r.logGroupName(group.name()));
    } catch (ResourceAlreadyExistsException e) {
      // made by the user or by an earlier task: what awslogs-create-group expects
    }
  }

  @Override
  public void createStream(Group group, String stream) {
    try {
      client(group).createLogStream(r -> r.logGroupName(group.name()).logStreamName(stream));
    } catch (ResourceAlreadyExistsException e) {
      // the same task's stream after a KECS restart
    }
  }

  @Override
  public void put(Group group, String stream, List<LogEvent> events) {
    List<InputLogEvent> input =
        events.stream()
            .map(e -> InputLogEvent.builder().timestamp(e.timestamp()).message(e.message()).build())
            .toList();
    client(group)
        .putLogEvents(r -> r.logGroupName(group.name()).logStreamName(stream).logEvents(input));
  }

  private CloudWatchLogsClient client(Group group) {
    return clients.computeIfAbsent(
        group.account() + "|" + group.region(),
        k ->
            CloudWatchLogsClient.builder()
                .endpointOverride(backend)
                .region(Region.of(group.region()))
                .httpClient(http)
                .credentialsProvider(
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(group.account(), "kecs")))
                // The shipper retries with its own back-off, for as long as the task lives.
                .overrideConfiguration(
                    o -> o.apiCallTimeout(CALL_TIMEOUT).retryStrategy(b -> b.maxAttempts(2)))
                .build());
  }

  @Override
  public void close() {
    clients.values().forEach(CloudWatchLogsClient::close);
    http.close();
  }
}
