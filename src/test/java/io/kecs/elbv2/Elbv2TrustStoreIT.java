package io.kecs.elbv2;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.server.KecsServer;
import io.kecs.server.ServerConfig;
import io.kecs.testing.AwsBackendServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

/**
 * Trust stores read their CA bundles and revocation lists from S3 in the AWS backend (moto server);
 * capacity reservations and the other load balancer settings of the remaining operations.
 */
class Elbv2TrustStoreIT {
  private static AwsBackendServer moto;
  private static KecsServer kecs;
  private static ElasticLoadBalancingV2Client elb;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    moto = AwsBackendServer.start(AwsBackendServer.Kind.MOTO);
    kecs =
        KecsServer.start(ServerConfig.forTests().toBuilder().awsBackend(moto.endpoint()).build());
    elb = Elbv2Clients.client(kecs.endpoint(), "AKIDEXAMPLE", Region.US_EAST_1);
    put("/certs", new byte[0]);
    put("/certs/ca.pem", resource("ca-bundle.pem"));
    put("/certs/revoked.crl", resource("revoked.crl.pem"));
    put("/certs/garbage.pem", "not a certificate".getBytes());
  }

  @AfterAll
  static void stop() throws Exception {
    if (elb != null) elb.close();
    if (kecs != null) kecs.close();
    if (moto != null) moto.close();
  }

  private static byte[] resource(String name) throws Exception {
    try (InputStream in = Elbv2TrustStoreIT.class.getResourceAsStream("/elbv2/" + name)) {
      return in.readAllBytes();
    }
  }

  private static void put(String path, byte[] body) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(moto.endpoint().resolve(path))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
  }

  private static String code(Runnable call) {
    try {
      call.run();
    } catch (ElasticLoadBalancingV2Exception e) {
      return e.awsErrorDetails().errorCode();
    }
    throw new AssertionError("expected an error");
  }

  @Test
  void trustStoresReadTheirBundlesAndRevocationsFromS3() throws Exception {
    TrustStore ts =
        elb.createTrustStore(
                r ->
                    r.name("mtls")
                        .caCertificatesBundleS3Bucket("certs")
                        .caCertificatesBundleS3Key("ca.pem"))
            .trustStores()
            .get(0);
    assertThat(ts.numberOfCaCertificates()).isEqualTo(2);
    assertThat(ts.status()).isEqualTo(TrustStoreStatus.ACTIVE);
    assertThat(ts.trustStoreArn()).contains(":truststore/mtls/");
    String location =
        elb.getTrustStoreCaCertificatesBundle(r -> r.trustStoreArn(ts.trustStoreArn())).location();
    assertThat(
            http.send(
                    HttpRequest.newBuilder(URI.create(location)).build(),
                    HttpResponse.BodyHandlers.ofByteArray())
                .body())
        .isEqualTo(resource("ca-bundle.pem"));

    TrustStoreRevocation rev =
        elb.addTrustStoreRevocations(
                r ->
                    r.trustStoreArn(ts.trustStoreArn())
                        .revocationContents(c -> c.s3Bucket("certs").s3Key("revoked.crl")))
            .trustStoreRevocations()
            .get(0);
    assertThat(rev.numberOfRevokedEntries()).isEqualTo(2);
    assertThat(
            elb.describeTrustStores(r -> r.names("mtls"))
                .trustStores()
                .get(0)
                .totalRevokedEntries())
        .isEqualTo(2);
    assertThat(
            elb.describeTrustStoreRevocations(r -> r.trustStoreArn(ts.trustStoreArn()))
                .trustStoreRevocations())
        .hasSize(1);
    assertThat(
            elb.getTrustStoreRevocationContent(
                    r -> r.trustStoreArn(ts.trustStoreArn()).revocationId(rev.revocationId()))
                .location())
        .contains("/certs/revoked.crl?X-Amz-");

    LoadBalancer lb =
        elb.createLoadBalancer(r -> r.name("mtls-alb").subnets("s-1", "s-2"))
            .loadBalancers()
            .get(0);
    elb.createListener(
        r ->
            r.loadBalancerArn(lb.loadBalancerArn())
                .protocol(ProtocolEnum.HTTPS)
                .port(443)
                .certificates(
                    c -> c.certificateArn("arn:aws:acm:us-east-1:000000000000:certificate/c"))
                .mutualAuthentication(m -> m.mode("verify").trustStoreArn(ts.trustStoreArn()))
                .defaultActions(
                    a ->
                        a.type(ActionTypeEnum.FIXED_RESPONSE)
                            .fixedResponseConfig(f -> f.statusCode("200"))));
    assertThat(
            elb.describeTrustStoreAssociations(r -> r.trustStoreArn(ts.trustStoreArn()))
                .trustStoreAssociations())
        .extracting(TrustStoreAssociation::resourceArn)
        .containsExactly(lb.loadBalancerArn());
    assertThat(code(() -> elb.deleteTrustStore(r -> r.trustStoreArn(ts.trustStoreArn()))))
        .isEqualTo("TrustStoreInUse");
    assertThat(
            code(
                () ->
                    elb.deleteSharedTrustStoreAssociation(
                        r ->
                            r.trustStoreArn(ts.trustStoreArn()).resourceArn(lb.loadBalancerArn()))))
        .isEqualTo("DeleteAssociationSameAccount");
    assertThat(elb.getResourcePolicy(r -> r.resourceArn(ts.trustStoreArn())).policy()).isNull();
    assertThat(code(() -> elb.getResourcePolicy(r -> r.resourceArn(ts.trustStoreArn() + "0"))))
        .isEqualTo("ResourceNotFound");

    elb.removeTrustStoreRevocations(
        r -> r.trustStoreArn(ts.trustStoreArn()).revocationIds(rev.revocationId()));
    assertThat(
            code(
                () ->
                    elb.removeTrustStoreRevocations(
                        r ->
                            r.trustStoreArn(ts.trustStoreArn()).revocationIds(rev.revocationId()))))
        .isEqualTo("RevocationIdNotFound");
    assertThat(
            code(
                () ->
                    elb.createTrustStore(
                        r ->
                            r.name("bad")
                                .caCertificatesBundleS3Bucket("certs")
                                .caCertificatesBundleS3Key("garbage.pem"))))
        .isEqualTo("InvalidCaCertificatesBundle");
    assertThat(
            code(
                () ->
                    elb.createTrustStore(
                        r ->
                            r.name("gone")
                                .caCertificatesBundleS3Bucket("certs")
                                .caCertificatesBundleS3Key("nope.pem"))))
        .isEqualTo("CaCertificatesBundleNotFound");
    assertThat(
            code(
                () ->
                    elb.createTrustStore(
                        r ->
                            r.name("mtls")
                                .caCertificatesBundleS3Bucket("certs")
                                .caCertificatesBundleS3Key("ca.pem"))))
        .isEqualTo("DuplicateTrustStoreName");
    assertThat(
            elb.modifyTrustStore(
                    r ->
                        r.trustStoreArn(ts.trustStoreArn())
                            .caCertificatesBundleS3Bucket("certs")
                            .caCertificatesBundleS3Key("ca.pem"))
                .trustStores()
                .get(0)
                .numberOfCaCertificates())
        .isEqualTo(2);
    elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn()));
    elb.deleteTrustStore(r -> r.trustStoreArn(ts.trustStoreArn()));
    assertThat(code(() -> elb.describeTrustStores(r -> r.trustStoreArns(ts.trustStoreArn()))))
        .isEqualTo("TrustStoreNotFound");
  }

  @Test
  void capacityReservationsAndIpPools() {
    LoadBalancer lb =
        elb.createLoadBalancer(r -> r.name("lcu").subnets("s-1", "s-2")).loadBalancers().get(0);
    assertThat(
            elb.describeCapacityReservation(r -> r.loadBalancerArn(lb.loadBalancerArn()))
                .minimumLoadBalancerCapacity())
        .isNull();
    ModifyCapacityReservationResponse m =
        elb.modifyCapacityReservation(
            r ->
                r.loadBalancerArn(lb.loadBalancerArn())
                    .minimumLoadBalancerCapacity(c -> c.capacityUnits(200)));
    assertThat(m.capacityReservationState())
        .hasSize(2)
        .allMatch(
            z ->
                z.state().code() == CapacityReservationStateEnum.PROVISIONED
                    && z.effectiveCapacityUnits() == 100.0);
    DescribeCapacityReservationResponse d =
        elb.describeCapacityReservation(r -> r.loadBalancerArn(lb.loadBalancerArn()));
    assertThat(d.minimumLoadBalancerCapacity().capacityUnits()).isEqualTo(200);
    assertThat(d.lastModifiedTime()).isNotNull();
    for (int units = 190; units > 150; units -= 10) {
      int u = units;
      elb.modifyCapacityReservation(
          r ->
              r.loadBalancerArn(lb.loadBalancerArn())
                  .minimumLoadBalancerCapacity(c -> c.capacityUnits(u)));
    }
    assertThat(
            code(
                () ->
                    elb.modifyCapacityReservation(
                        r ->
                            r.loadBalancerArn(lb.loadBalancerArn())
                                .resetCapacityReservation(true))))
        .isEqualTo("CapacityDecreaseRequestLimitExceeded");
    assertThat(
            code(
                () ->
                    elb.modifyCapacityReservation(
                        r ->
                            r.loadBalancerArn(lb.loadBalancerArn())
                                .minimumLoadBalancerCapacity(c -> c.capacityUnits(100_000)))))
        .isEqualTo("CapacityUnitsLimitExceeded");
    assertThat(
            elb.modifyIpPools(
                    r ->
                        r.loadBalancerArn(lb.loadBalancerArn())
                            .ipamPools(p -> p.ipv4IpamPoolId("ipam-pool-1")))
                .ipamPools()
                .ipv4IpamPoolId())
        .isEqualTo("ipam-pool-1");
    assertThat(
            elb.describeLoadBalancers(r -> r.names("lcu"))
                .loadBalancers()
                .get(0)
                .ipamPools()
                .ipv4IpamPoolId())
        .isEqualTo("ipam-pool-1");
    assertThat(
            code(
                () ->
                    elb.describeCapacityReservation(
                        r -> r.loadBalancerArn(lb.loadBalancerArn() + "0"))))
        .isEqualTo("LoadBalancerNotFound");
  }
}
