package io.kecs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

/**
 * {@code kecs logs --task ID}: a task's awslogs output, read back from CloudWatch Logs through
 * KECS's endpoint (which forwards to the AWS backend). The task's metadata ({@code /v4/<id>/task})
 * names each container's group, region and stream.
 */
final class TaskLogs {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Duration POLL = Duration.ofMillis(500);

  private final URI endpoint;
  private final PrintWriter out;

  TaskLogs(URI endpoint, PrintWriter out) {
    this.endpoint = endpoint;
    this.out = out;
  }

  /** One container's stream. */
  record Stream(String container, String group, String region, String name) {}

  /** Prints the events of the task's awslogs containers (or one); follows until it stopped. */
  void print(String taskId, String container, boolean follow) throws InterruptedException {
    JsonNode task = metadata(taskId);
    String account = accountOf(task.path("TaskARN").asText());
    List<Stream> streams = streams(task, container);
    Map<Stream, String> tokens = new LinkedHashMap<>();
    Map<String, CloudWatchLogsClient> clients = new LinkedHashMap<>();
    try {
      while (true) {
        boolean any = false;
        for (Stream s : streams) {
          CloudWatchLogsClient logs = clients.computeIfAbsent(s.region(), r -> client(r, account));
          any |= printNew(logs, s, tokens, streams.size() > 1);
        }
        out.flush();
        if (!follow) {
          return;
        }
        if (!any && "STOPPED".equals(metadata(taskId).path("KnownStatus").asText())) {
          return; // stopped, and nothing arrived since
        }
        Thread.sleep(POLL);
      }
    } finally {
      clients.values().forEach(CloudWatchLogsClient::close);
    }
  }

  private boolean printNew(
      CloudWatchLogsClient logs, Stream s, Map<Stream, String> tokens, boolean label) {
    boolean any = false;
    while (true) {
      GetLogEventsResponse page;
      try {
        page =
            logs.getLogEvents(
                r -> {
                  r.logGroupName(s.group()).logStreamName(s.name()).startFromHead(true);
                  if (tokens.get(s) != null) {
                    r.nextToken(tokens.get(s));
                  }
                });
      } catch (SdkException e) {
        throw new CliFailure(
            "Cannot read "
                + s.group()
                + " "
                + s.name()
                + " through "
                + endpoint
                + ": "
                + e.getMessage());
      }
      for (OutputLogEvent e : page.events()) {
        String text = e.message().endsWith("\n") ? e.message() : e.message() + "\n";
        out.print(label ? s.container() + " | " + text : text);
      }
      boolean same =
          page.nextForwardToken() == null || page.nextForwardToken().equals(tokens.get(s));
      tokens.put(s, page.nextForwardToken());
      if (page.events().isEmpty() || same) {
        return any;
      }
      any = true;
    }
  }

  static List<Stream> streams(JsonNode task, String container) {
    List<Stream> out = new ArrayList<>();
    for (JsonNode c : task.path("Containers")) {
      String name = c.path("Name").asText();
      if (container != null && !container.equals(name)) {
        continue;
      }
      JsonNode o = c.path("LogOptions");
      if ("awslogs".equals(c.path("LogDriver").asText()) && o.hasNonNull("awslogs-stream")) {
        out.add(
            new Stream(
                name,
                o.path("awslogs-group").asText(),
                o.path("awslogs-region").asText(),
                o.path("awslogs-stream").asText()));
      }
    }
    if (out.isEmpty()) {
      throw new CliFailure(
          (container == null ? "No container of the task" : "Container " + container)
              + " logs through awslogs with a stream prefix; nothing to read.");
    }
    return out;
  }

  private JsonNode metadata(String taskId) {
    URI uri = endpoint.resolve("/v4/" + taskId + "/task");
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 404 || r.statusCode() == 400) {
        throw new CliFailure("No task " + taskId + " at " + endpoint + ".");
      }
      if (r.statusCode() != 200) {
        throw new CliFailure(uri + " answered " + r.statusCode() + ": " + r.body());
      }
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new CliFailure("Nothing answers at " + endpoint + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure("Interrupted.");
    }
  }

  private CloudWatchLogsClient client(String region, String account) {
    return CloudWatchLogsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(region))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        // As the driver signs: the account as access key id picks it on the backend.
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(account, "kecs")))
        .build();
  }

  private static String accountOf(String arn) {
    String[] parts = arn.split(":", 6);
    return parts.length == 6 && parts[4].matches("\\d{12}") ? parts[4] : "000000000000";
  }
}
