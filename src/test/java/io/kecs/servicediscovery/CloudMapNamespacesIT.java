package io.kecs.servicediscovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.testing.KecsTestServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.DuplicateRequestException;
import software.amazon.awssdk.services.servicediscovery.model.FilterCondition;
import software.amazon.awssdk.services.servicediscovery.model.ListNamespacesResponse;
import software.amazon.awssdk.services.servicediscovery.model.Namespace;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceAlreadyExistsException;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceFilterName;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceSummary;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceType;
import software.amazon.awssdk.services.servicediscovery.model.Operation;
import software.amazon.awssdk.services.servicediscovery.model.OperationFilterName;
import software.amazon.awssdk.services.servicediscovery.model.OperationStatus;
import software.amazon.awssdk.services.servicediscovery.model.OperationSummary;
import software.amazon.awssdk.services.servicediscovery.model.OperationTargetType;
import software.amazon.awssdk.services.servicediscovery.model.OperationType;
import software.amazon.awssdk.services.servicediscovery.model.Tag;

/** Namespaces and operations with the SDK v2 ServiceDiscoveryClient against the real server. */
class CloudMapNamespacesIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();
  static ServiceDiscoveryClient sd;

  @BeforeAll
  static void client() {
    sd = CloudMapClients.client(kecs.endpoint());
  }

  @AfterAll
  static void close() {
    sd.close();
  }

  static String errorCode(Runnable call) {
    try {
      call.run();
    } catch (AwsServiceException e) {
      assertThat(e.statusCode()).isEqualTo(400);
      return e.awsErrorDetails().errorCode();
    }
    throw new AssertionError("the call succeeded");
  }

  static String namespaceIdOf(ServiceDiscoveryClient sd, String operationId) {
    return sd.getOperation(b -> b.operationId(operationId))
        .operation()
        .targets()
        .get(OperationTargetType.NAMESPACE);
  }

  @Test
  void createsEveryTypeOfNamespace() {
    String httpOp = sd.createHttpNamespace(b -> b.name("shop-http").description("d")).operationId();
    String privOp =
        sd.createPrivateDnsNamespace(
                b ->
                    b.name("shop.local")
                        .vpc("vpc-123")
                        .properties(p -> p.dnsProperties(d -> d.soa(s -> s.ttl(60L)))))
            .operationId();
    String pubOp = sd.createPublicDnsNamespace(b -> b.name("example.com")).operationId();

    Namespace http = sd.getNamespace(b -> b.id(namespaceIdOf(sd, httpOp))).namespace();
    assertThat(http.type()).isEqualTo(NamespaceType.HTTP);
    assertThat(http.arn())
        .isEqualTo("arn:aws:servicediscovery:us-east-1:000000000000:namespace/" + http.id());
    assertThat(http.properties().httpProperties().httpName()).isEqualTo("shop-http");
    assertThat(http.properties().dnsProperties()).isNull();
    assertThat(http.serviceCount()).isZero();
    assertThat(http.resourceOwner()).isEqualTo("000000000000");
    assertThat(http.createDate()).isBefore(Instant.now().plusSeconds(1));

    Namespace priv = sd.getNamespace(b -> b.id(namespaceIdOf(sd, privOp))).namespace();
    assertThat(priv.type()).isEqualTo(NamespaceType.DNS_PRIVATE);
    assertThat(priv.properties().dnsProperties().soa().ttl()).isEqualTo(60L);
    assertThat(priv.properties().dnsProperties().hostedZoneId()).startsWith("Z");
    Namespace pub = sd.getNamespace(b -> b.id(namespaceIdOf(sd, pubOp))).namespace();
    assertThat(pub.type()).isEqualTo(NamespaceType.DNS_PUBLIC);
    assertThat(pub.properties().dnsProperties().soa().ttl()).isEqualTo(15L);
    // by ARN too
    assertThat(sd.getNamespace(b -> b.id(pub.arn())).namespace().id()).isEqualTo(pub.id());

    assertThat(sd.listNamespaces(b -> {}).namespaces()).hasSize(3);
    assertThat(
            sd.listNamespaces(
                    b ->
                        b.filters(
                            f ->
                                f.name(NamespaceFilterName.TYPE)
                                    .values("DNS_PRIVATE", "DNS_PUBLIC")
                                    .condition(FilterCondition.IN)))
                .namespaces())
        .extracting(NamespaceSummary::name)
        .containsExactlyInAnyOrder("shop.local", "example.com");
    assertThat(
            sd.listNamespaces(
                    b ->
                        b.filters(
                            f ->
                                f.name(NamespaceFilterName.NAME)
                                    .values("shop")
                                    .condition(FilterCondition.BEGINS_WITH)))
                .namespaces())
        .hasSize(2);
    // pages follow each other without repeats
    ListNamespacesResponse first = sd.listNamespaces(b -> b.maxResults(2));
    assertThat(first.namespaces()).hasSize(2);
    ListNamespacesResponse second =
        sd.listNamespaces(b -> b.maxResults(2).nextToken(first.nextToken()));
    assertThat(second.namespaces()).hasSize(1);
    assertThat(second.nextToken()).isNull();
    assertThat(
            sd.listNamespacesPaginator(b -> b.maxResults(1)).stream()
                .mapToLong(p -> p.namespaces().size())
                .sum())
        .isEqualTo(3);
  }

  @Test
  void namespaceErrors() {
    sd.createHttpNamespace(b -> b.name("dup"));
    assertThat(errorCode(() -> sd.createHttpNamespace(b -> b.name("dup"))))
        .isEqualTo("NamespaceAlreadyExists");
    assertThat(errorCode(() -> sd.createPrivateDnsNamespace(b -> b.name("dup").vpc("vpc-1"))))
        .isEqualTo("NamespaceAlreadyExists");
    assertThat(errorCode(() -> sd.getNamespace(b -> b.id("ns-nope"))))
        .isEqualTo("NamespaceNotFound");
    assertThat(errorCode(() -> sd.deleteNamespace(b -> b.id("ns-nope"))))
        .isEqualTo("NamespaceNotFound");
    assertThat(errorCode(() -> sd.createPrivateDnsNamespace(b -> b.name("bad..name").vpc("vpc-1"))))
        .isEqualTo("InvalidInput");
    assertThat(errorCode(() -> sd.createPublicDnsNamespace(b -> b.name("arn:bad"))))
        .isEqualTo("InvalidInput");
    assertThat(errorCode(() -> sd.createPrivateDnsNamespace(b -> b.name("novpc.local"))))
        .isEqualTo("InvalidInput");
    assertThat(
            errorCode(
                () ->
                    sd.listNamespaces(
                        b ->
                            b.filters(
                                f ->
                                    f.name(NamespaceFilterName.TYPE)
                                        .values("HTTP")
                                        .condition(FilterCondition.BETWEEN)))))
        .isEqualTo("InvalidInput");
    assertThat(errorCode(() -> sd.listNamespaces(b -> b.maxResults(101))))
        .isEqualTo("InvalidInput");
    assertThat(errorCode(() -> sd.listNamespaces(b -> b.nextToken("garbage"))))
        .isEqualTo("InvalidInput");
    assertThat(errorCode(() -> sd.getOperation(b -> b.operationId("nope"))))
        .isEqualTo("OperationNotFound");
    assertThat(
            errorCode(
                () ->
                    sd.createHttpNamespace(
                        b -> b.name("tagged").tags(t -> t.key("aws:x").value("y")))))
        .isEqualTo("InvalidInput");
  }

  @Test
  void creatorRequestIdMakesCreationIdempotent() {
    String op1 =
        sd.createHttpNamespace(b -> b.name("idem").creatorRequestId("req-1")).operationId();
    String op2 =
        sd.createHttpNamespace(b -> b.name("idem").creatorRequestId("req-1")).operationId();
    assertThat(op2).isEqualTo(op1);
    assertThat(sd.listNamespaces(b -> {}).namespaces()).hasSize(1);
    DuplicateRequestException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            DuplicateRequestException.class,
            () -> sd.createHttpNamespace(b -> b.name("other").creatorRequestId("req-1")));
    assertThat(e.duplicateOperationId()).isEqualTo(op1);
    NamespaceAlreadyExistsException exists =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            NamespaceAlreadyExistsException.class,
            () -> sd.createHttpNamespace(b -> b.name("idem").creatorRequestId("req-2")));
    assertThat(exists.namespaceId()).isEqualTo(namespaceIdOf(sd, op1));
    assertThat(exists.creatorRequestId()).isEqualTo("req-1");
  }

  @Test
  void operationsMoveFromSubmittedToSuccessAndFilter() throws Exception {
    String op = sd.createHttpNamespace(b -> b.name("ops")).operationId();
    Operation first = sd.getOperation(b -> b.operationId(op)).operation();
    assertThat(first.status()).isIn(OperationStatus.SUBMITTED, OperationStatus.PENDING);
    assertThat(first.type()).isEqualTo(OperationType.CREATE_NAMESPACE);
    String nsId = first.targets().get(OperationTargetType.NAMESPACE);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
    java.util.Set<OperationStatus> seen = new java.util.LinkedHashSet<>();
    Operation now = first;
    while (now.status() != OperationStatus.SUCCESS && Instant.now().isBefore(deadline)) {
      seen.add(now.status());
      Thread.sleep(20);
      now = sd.getOperation(b -> b.operationId(op)).operation();
    }
    assertThat(now.status()).isEqualTo(OperationStatus.SUCCESS);
    assertThat(seen).contains(OperationStatus.PENDING);
    assertThat(now.updateDate()).isAfter(now.createDate());

    String upd =
        sd.updateHttpNamespace(b -> b.id(nsId).namespace(n -> n.description("new"))).operationId();
    assertThat(sd.getNamespace(b -> b.id(nsId)).namespace().description()).isEqualTo("new");
    assertThat(sd.getOperation(b -> b.operationId(upd)).operation().type())
        .isEqualTo(OperationType.UPDATE_NAMESPACE);
    assertThat(
            sd.listOperations(
                    b ->
                        b.filters(f -> f.name(OperationFilterName.TYPE).values("UPDATE_NAMESPACE")))
                .operations())
        .extracting(OperationSummary::id)
        .containsExactly(upd);
    assertThat(
            sd.listOperations(
                    b -> b.filters(f -> f.name(OperationFilterName.NAMESPACE_ID).values(nsId)))
                .operations())
        .hasSize(2);
    assertThat(
            sd.listOperations(
                    b -> b.filters(f -> f.name(OperationFilterName.STATUS).values("SUCCESS")))
                .operations())
        .allMatch(o -> o.status() == OperationStatus.SUCCESS)
        .extracting(OperationSummary::id)
        .contains(op);
    long from = now.createDate().getEpochSecond() - 10;
    long to = Instant.now().getEpochSecond() + 10;
    assertThat(
            sd.listOperations(
                    b ->
                        b.filters(
                            f ->
                                f.name(OperationFilterName.UPDATE_DATE)
                                    .condition(FilterCondition.BETWEEN)
                                    .values("" + from, "" + to)))
                .operations())
        .hasSize(2);
    assertThat(
            errorCode(
                () ->
                    sd.listOperations(
                        b -> b.filters(f -> f.name(OperationFilterName.UPDATE_DATE).values("1")))))
        .isEqualTo("InvalidInput");
    assertThat(
            errorCode(
                () ->
                    sd.updatePrivateDnsNamespace(
                        b -> b.id(nsId).namespace(n -> n.description("x")))))
        .isEqualTo("InvalidInput");

    String del = sd.deleteNamespace(b -> b.id(nsId)).operationId();
    assertThat(sd.getOperation(b -> b.operationId(del)).operation().type())
        .isEqualTo(OperationType.DELETE_NAMESPACE);
    assertThat(errorCode(() -> sd.getNamespace(b -> b.id(nsId)))).isEqualTo("NamespaceNotFound");
  }

  @Test
  void updatesDnsNamespaceSoaTtl() {
    String op = sd.createPrivateDnsNamespace(b -> b.name("soa.local").vpc("vpc-1")).operationId();
    String id = namespaceIdOf(sd, op);
    sd.updatePrivateDnsNamespace(
        b ->
            b.id(id)
                .namespace(n -> n.properties(p -> p.dnsProperties(d -> d.soa(s -> s.ttl(300L))))));
    assertThat(sd.getNamespace(b -> b.id(id)).namespace().properties().dnsProperties().soa().ttl())
        .isEqualTo(300L);
    String pub =
        namespaceIdOf(
            sd, sd.createPublicDnsNamespace(b -> b.name("pub.example.org")).operationId());
    sd.updatePublicDnsNamespace(b -> b.id(pub).namespace(n -> n.description("public")));
    assertThat(sd.getNamespace(b -> b.id(pub)).namespace().description()).isEqualTo("public");
  }

  @Test
  void tagsNamespaces() {
    String id =
        namespaceIdOf(
            sd,
            sd.createHttpNamespace(b -> b.name("tags").tags(t -> t.key("team").value("a")))
                .operationId());
    String arn = sd.getNamespace(b -> b.id(id)).namespace().arn();
    sd.tagResource(b -> b.resourceARN(arn).tags(t -> t.key("env").value("dev")));
    assertThat(sd.listTagsForResource(b -> b.resourceARN(arn)).tags())
        .extracting(Tag::key)
        .containsExactlyInAnyOrder("team", "env");
    sd.untagResource(b -> b.resourceARN(arn).tagKeys("team"));
    assertThat(sd.listTagsForResource(b -> b.resourceARN(arn)).tags())
        .extracting(Tag::key)
        .containsExactly("env");
    String missing = arn.replace(id, "ns-missing");
    assertThat(errorCode(() -> sd.listTagsForResource(b -> b.resourceARN(missing))))
        .isEqualTo("ResourceNotFoundException");
    java.util.List<Tag> many = new java.util.ArrayList<>();
    for (int i = 0; i < 51; i++) {
      many.add(Tag.builder().key("k" + i).value("v").build());
    }
    assertThat(errorCode(() -> sd.tagResource(b -> b.resourceARN(arn).tags(many))))
        .isEqualTo("TooManyTagsException");
    sd.deleteNamespace(b -> b.id(id));
    assertThat(errorCode(() -> sd.listTagsForResource(b -> b.resourceARN(arn))))
        .isEqualTo("ResourceNotFoundException");
  }

  @Test
  void accountsAndRegionsAreSeparate() {
    sd.createHttpNamespace(b -> b.name("mine"));
    try (ServiceDiscoveryClient other =
        CloudMapClients.builder(kecs.endpoint(), "111122223333")
            .region(software.amazon.awssdk.regions.Region.EU_WEST_1)
            .build()) {
      assertThat(other.listNamespaces(b -> {}).namespaces()).isEmpty();
      other.createHttpNamespace(b -> b.name("mine"));
      assertThat(other.listNamespaces(b -> {}).namespaces()).hasSize(1);
    }
  }
}
