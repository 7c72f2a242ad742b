package io.kecs.agent;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Credentials from STS AssumeRole on the AWS backend, with the task id as the session name, so the
 * backend sees {@code assumed-role/ROLE/TASK-ID} as ECS's tasks do. Calls are signed as the task's
 * account (a 12-digit access key id is how LocalStack-style backends pick the account) and bounded
 * in time, so a silent backend yields an error, not a hanging container.
 */
final class StsCredentials implements CredentialSource, AutoCloseable {
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  private final URI backend;
  private final Map<String, StsClient> byRegion = new ConcurrentHashMap<>();
  private final UrlConnectionHttpClient http;

  StsCredentials(URI backend) {
    this.backend = backend;
    this.http =
        (UrlConnectionHttpClient)
            UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(CALL_TIMEOUT)
                .build();
  }

  @Override
  public RoleCredentials issue(String roleArn, String taskId, String region) {
    String account = accountOf(roleArn);
    try {
      Credentials c =
          client(region, account)
              .assumeRole(r -> r.roleArn(roleArn).roleSessionName(taskId))
              .credentials();
      return new RoleCredentials(
          roleArn, c.accessKeyId(), c.secretAccessKey(), c.sessionToken(), c.expiration());
    } catch (SdkException e) {
      throw new CredentialsUnavailableException(
          "STS AssumeRole of " + roleArn + " on " + backend + " failed: " + e.getMessage(), e);
    }
  }

  private StsClient client(String region, String account) {
    return byRegion.computeIfAbsent(
        region + "|" + account,
        k ->
            StsClient.builder()
                .endpointOverride(backend)
                .region(Region.of(region))
                .httpClient(http)
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create(account, "kecs")))
                .overrideConfiguration(
                    o -> o.apiCallTimeout(CALL_TIMEOUT).retryStrategy(b -> b.maxAttempts(2)))
                .build());
  }

  private static String accountOf(String roleArn) {
    String[] parts = roleArn.split(":", 6);
    return parts.length == 6 && parts[4].matches("\\d{12}") ? parts[4] : "000000000000";
  }

  @Override
  public void close() {
    byRegion.values().forEach(StsClient::close);
    http.close();
  }
}
