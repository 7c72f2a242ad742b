package io.kecs.elbv2;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** ELBv2 clients of the AWS SDK for Java v2 pointed at a KECS endpoint. */
final class Elbv2Clients {
  private Elbv2Clients() {}

  static ElasticLoadBalancingV2Client client(URI endpoint, String accessKeyId, Region region) {
    return ElasticLoadBalancingV2Client.builder()
        .endpointOverride(endpoint)
        .region(region)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "secret")))
        .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry()))
        .httpClientBuilder(ApacheHttpClient.builder())
        .build();
  }
}
