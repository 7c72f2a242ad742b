package io.kecs.servicediscovery;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

/**
 * SDK v2 Cloud Map clients for KECS. DiscoverInstances carries the endpoint trait {@code data-}:
 * the SDK would send it to {@code data-127.0.0.1}, so host prefix injection is turned off, as
 * docs/service-discovery.md tells users to.
 */
final class CloudMapClients {
  private CloudMapClients() {}

  static ServiceDiscoveryClient client(URI endpoint) {
    return builder(endpoint, "AKIDEXAMPLE")
        .overrideConfiguration(
            c ->
                c.retryStrategy(DefaultRetryStrategy.doNotRetry())
                    .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
        .build();
  }

  static software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClientBuilder builder(
      URI endpoint, String accessKey) {
    return ServiceDiscoveryClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret")))
        .httpClientBuilder(ApacheHttpClient.builder());
  }
}
