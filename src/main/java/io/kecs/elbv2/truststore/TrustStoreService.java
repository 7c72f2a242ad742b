package io.kecs.elbv2.truststore;

import io.kecs.elbv2.common.Elbv2Arns;
import io.kecs.elbv2.common.Elbv2Tables;
import io.kecs.elbv2.common.Limits;
import io.kecs.elbv2.common.Marker;
import io.kecs.elbv2.common.Names;
import io.kecs.elbv2.error.*;
import io.kecs.elbv2.tag.TagService;
import io.kecs.identity.Arn;
import io.kecs.protocol.AwsQueryService;
import io.kecs.protocol.RequestContext;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

/** The trust store aggregate with its CA bundle and revocation lists. */
public final class TrustStoreService {
  private static final int MAX_PAGE = 20;
  private static final int MAX_REVOKED = 500_000;

  private final Elbv2Tables tables;
  private final TagService tags;
  private final S3Objects s3;

  /**
   * @param awsBackend where the S3 objects are read, or null when none is configured
   */
  public TrustStoreService(Elbv2Tables tables, TagService tags, URI awsBackend) {
    this.tables = tables;
    this.tags = tags;
    this.s3 = new S3Objects(awsBackend);
    tags.registerResourceType("truststore", arn -> tables.trustStores.get(arn).isPresent());
  }

  public void bind(AwsQueryService s) {
    s.add("CreateTrustStore", CreateTrustStoreRequest.class, this::create);
    s.add("DescribeTrustStores", DescribeTrustStoresRequest.class, this::describe);
    s.add("ModifyTrustStore", ModifyTrustStoreRequest.class, this::modify);
    s.add("DeleteTrustStore", DeleteTrustStoreRequest.class, this::delete);
    s.add(
        "GetTrustStoreCaCertificatesBundle",
        GetTrustStoreCaCertificatesBundleRequest.class,
        this::bundle);
    s.add("AddTrustStoreRevocations", AddTrustStoreRevocationsRequest.class, this::addRevocations);
    s.add(
        "RemoveTrustStoreRevocations",
        RemoveTrustStoreRevocationsRequest.class,
        this::removeRevocations);
    s.add(
        "DescribeTrustStoreRevocations",
        DescribeTrustStoreRevocationsRequest.class,
        this::describeRevocations);
    s.add(
        "GetTrustStoreRevocationContent",
        GetTrustStoreRevocationContentRequest.class,
        this::revocationContent);
    s.add(
        "DescribeTrustStoreAssociations",
        DescribeTrustStoreAssociationsRequest.class,
        this::associations);
    s.add(
        "DeleteSharedTrustStoreAssociation",
        DeleteSharedTrustStoreAssociationRequest.class,
        this::deleteAssociation);
    s.add("GetResourcePolicy", GetResourcePolicyRequest.class, this::policy);
  }

  public TrustStore require(String arn) {
    return tables
        .trustStores
        .get(arn == null ? "" : arn)
        .orElseThrow(() -> new TrustStoreNotFound("Trust store '" + arn + "' not found"));
  }

  private int countCertificates(String bucket, String key, String version) {
    byte[] pem = s3.get(bucket, key, version, CaCertificatesBundleNotFound::new);
    try {
      int n =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(pem))
              .size();
      if (n == 0) {
        throw new CertificateException("no certificate");
      }
      return n;
    } catch (CertificateException e) {
      throw new InvalidCaCertificatesBundle(
          "The CA certificates bundle s3://"
              + bucket
              + "/"
              + key
              + " is not valid PEM: "
              + e.getMessage());
    }
  }

  private CreateTrustStoreResponse create(RequestContext ctx, CreateTrustStoreRequest r) {
    Names.check(r.name(), "trust store");
    tags.check(r.tags());
    int certificates =
        countCertificates(
            r.caCertificatesBundleS3Bucket(),
            r.caCertificatesBundleS3Key(),
            r.caCertificatesBundleS3ObjectVersion());
    synchronized (tables.lock()) {
      var inScope = tables.trustStores.range(Elbv2Tables.scopePrefix(ctx.scope(), "truststore"));
      if (inScope.values().stream().anyMatch(t -> t.name().equals(r.name()))) {
        throw new DuplicateTrustStoreName("A trust store named '" + r.name() + "' exists");
      }
      if (inScope.size() >= Limits.TRUST_STORES) {
        throw new TooManyTrustStores("The maximum number of trust stores has been reached");
      }
      String arn = Elbv2Arns.trustStore(ctx.scope(), r.name(), Elbv2Arns.newId());
      TrustStore ts =
          tables.trustStores.put(
              arn,
              TrustStore.builder()
                  .name(r.name())
                  .trustStoreArn(arn)
                  .status(TrustStoreStatus.ACTIVE)
                  .numberOfCaCertificates(certificates)
                  .totalRevokedEntries(0L)
                  .build());
      tables.trustStoreBundles.put(
          arn,
          ModifyTrustStoreRequest.builder()
              .trustStoreArn(arn)
              .caCertificatesBundleS3Bucket(r.caCertificatesBundleS3Bucket())
              .caCertificatesBundleS3Key(r.caCertificatesBundleS3Key())
              .caCertificatesBundleS3ObjectVersion(r.caCertificatesBundleS3ObjectVersion())
              .build());
      tags.apply(arn, r.tags());
      return CreateTrustStoreResponse.builder().trustStores(ts).build();
    }
  }

  private DescribeTrustStoresResponse describe(RequestContext ctx, DescribeTrustStoresRequest r) {
    List<TrustStore> all =
        List.copyOf(
            tables.trustStores.range(Elbv2Tables.scopePrefix(ctx.scope(), "truststore")).values());
    List<TrustStore> chosen = all;
    if (r.hasTrustStoreArns() && r.hasNames()) {
      throw new ValidationError("Trust store ARNs and names cannot be specified together");
    }
    if (r.hasTrustStoreArns()) {
      chosen = r.trustStoreArns().stream().map(this::require).toList();
    } else if (r.hasNames()) {
      chosen = new ArrayList<>();
      for (String name : r.names()) {
        chosen.add(
            all.stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new TrustStoreNotFound("Trust store '" + name + "' not found")));
      }
    }
    Marker.Page<TrustStore> page =
        Marker.page(chosen, TrustStore::trustStoreArn, r.marker(), r.pageSize(), MAX_PAGE);
    return DescribeTrustStoresResponse.builder()
        .trustStores(page.items())
        .nextMarker(page.nextMarker())
        .build();
  }

  private ModifyTrustStoreResponse modify(RequestContext ctx, ModifyTrustStoreRequest r) {
    require(r.trustStoreArn());
    int certificates =
        countCertificates(
            r.caCertificatesBundleS3Bucket(),
            r.caCertificatesBundleS3Key(),
            r.caCertificatesBundleS3ObjectVersion());
    synchronized (tables.lock()) {
      TrustStore ts = require(r.trustStoreArn());
      TrustStore updated =
          tables.trustStores.put(
              ts.trustStoreArn(), ts.toBuilder().numberOfCaCertificates(certificates).build());
      tables.trustStoreBundles.put(ts.trustStoreArn(), r);
      return ModifyTrustStoreResponse.builder().trustStores(updated).build();
    }
  }

  private List<String> listenersUsing(String trustStoreArn) {
    Arn arn = Arn.parse(trustStoreArn).orElseThrow();
    return tables
        .listeners
        .range(Elbv2Tables.scopePrefix(arn.scope(), "listener"))
        .values()
        .stream()
        .filter(
            l ->
                l.mutualAuthentication() != null
                    && trustStoreArn.equals(l.mutualAuthentication().trustStoreArn()))
        .map(Listener::listenerArn)
        .toList();
  }

  private DeleteTrustStoreResponse delete(RequestContext ctx, DeleteTrustStoreRequest r) {
    synchronized (tables.lock()) {
      TrustStore ts = require(r.trustStoreArn());
      if (!listenersUsing(ts.trustStoreArn()).isEmpty()) {
        throw new TrustStoreInUse(
            "Trust store '" + ts.trustStoreArn() + "' is in use by a listener");
      }
      List<String> revocationKeys =
          List.copyOf(tables.revocations.range(ts.trustStoreArn() + "|").keySet());
      tables.revocations.deleteAll(revocationKeys);
      tables.revocationContents.deleteAll(revocationKeys);
      tables.trustStoreBundles.delete(ts.trustStoreArn());
      tags.forget(ts.trustStoreArn());
      tables.trustStores.delete(ts.trustStoreArn());
    }
    return DeleteTrustStoreResponse.builder().build();
  }

  private GetTrustStoreCaCertificatesBundleResponse bundle(
      RequestContext ctx, GetTrustStoreCaCertificatesBundleRequest r) {
    require(r.trustStoreArn());
    ModifyTrustStoreRequest b =
        tables
            .trustStoreBundles
            .get(r.trustStoreArn())
            .orElseThrow(
                () ->
                    new CaCertificatesBundleNotFound(
                        "The trust store has no CA certificates bundle"));
    return GetTrustStoreCaCertificatesBundleResponse.builder()
        .location(
            s3.presigned(
                b.caCertificatesBundleS3Bucket(),
                b.caCertificatesBundleS3Key(),
                b.caCertificatesBundleS3ObjectVersion()))
        .build();
  }

  private static String revocationKey(String trustStoreArn, long id) {
    return trustStoreArn + "|" + String.format("%019d", id);
  }

  private AddTrustStoreRevocationsResponse addRevocations(
      RequestContext ctx, AddTrustStoreRevocationsRequest r) {
    require(r.trustStoreArn());
    List<Integer> counts = new ArrayList<>();
    for (RevocationContent c : r.revocationContents()) {
      byte[] crl =
          s3.get(c.s3Bucket(), c.s3Key(), c.s3ObjectVersion(), RevocationContentNotFound::new);
      try {
        X509CRL parsed =
            (X509CRL)
                CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(crl));
        counts.add(
            parsed.getRevokedCertificates() == null ? 0 : parsed.getRevokedCertificates().size());
      } catch (CRLException | CertificateException | ClassCastException e) {
        throw new InvalidRevocationContent(
            "s3://"
                + c.s3Bucket()
                + "/"
                + c.s3Key()
                + " is not a valid certificate revocation list");
      }
    }
    synchronized (tables.lock()) {
      TrustStore ts = require(r.trustStoreArn());
      long total = ts.totalRevokedEntries() + counts.stream().mapToLong(Integer::longValue).sum();
      if (total > MAX_REVOKED) {
        throw new TooManyTrustStoreRevocationEntries(
            "A trust store can have at most " + MAX_REVOKED + " revoked entries");
      }
      long next =
          tables.revocations.range(ts.trustStoreArn() + "|").values().stream()
                  .mapToLong(DescribeTrustStoreRevocation::revocationId)
                  .max()
                  .orElse(0)
              + 1;
      List<TrustStoreRevocation> out = new ArrayList<>();
      for (int i = 0; i < counts.size(); i++) {
        RevocationContent c = r.revocationContents().get(i);
        long id = next + i;
        String key = revocationKey(ts.trustStoreArn(), id);
        tables.revocations.put(
            key,
            DescribeTrustStoreRevocation.builder()
                .trustStoreArn(ts.trustStoreArn())
                .revocationId(id)
                .revocationType("CRL")
                .numberOfRevokedEntries((long) counts.get(i))
                .build());
        tables.revocationContents.put(key, c);
        out.add(
            TrustStoreRevocation.builder()
                .trustStoreArn(ts.trustStoreArn())
                .revocationId(id)
                .revocationType("CRL")
                .numberOfRevokedEntries((long) counts.get(i))
                .build());
      }
      tables.trustStores.put(ts.trustStoreArn(), ts.toBuilder().totalRevokedEntries(total).build());
      return AddTrustStoreRevocationsResponse.builder().trustStoreRevocations(out).build();
    }
  }

  private DescribeTrustStoreRevocation revocation(String trustStoreArn, Long id) {
    return tables
        .revocations
        .get(revocationKey(trustStoreArn, id == null ? -1 : id))
        .orElseThrow(() -> new RevocationIdNotFound("Revocation ID '" + id + "' not found"));
  }

  private RemoveTrustStoreRevocationsResponse removeRevocations(
      RequestContext ctx, RemoveTrustStoreRevocationsRequest r) {
    synchronized (tables.lock()) {
      TrustStore ts = require(r.trustStoreArn());
      long removed = 0;
      Set<String> keys = new HashSet<>();
      for (Long id : r.revocationIds()) {
        removed += revocation(ts.trustStoreArn(), id).numberOfRevokedEntries();
        keys.add(revocationKey(ts.trustStoreArn(), id));
      }
      tables.revocations.deleteAll(keys);
      tables.revocationContents.deleteAll(keys);
      tables.trustStores.put(
          ts.trustStoreArn(),
          ts.toBuilder().totalRevokedEntries(ts.totalRevokedEntries() - removed).build());
    }
    return RemoveTrustStoreRevocationsResponse.builder().build();
  }

  private DescribeTrustStoreRevocationsResponse describeRevocations(
      RequestContext ctx, DescribeTrustStoreRevocationsRequest r) {
    TrustStore ts = require(r.trustStoreArn());
    List<DescribeTrustStoreRevocation> chosen =
        r.hasRevocationIds()
            ? r.revocationIds().stream().map(id -> revocation(ts.trustStoreArn(), id)).toList()
            : List.copyOf(tables.revocations.range(ts.trustStoreArn() + "|").values());
    Marker.Page<DescribeTrustStoreRevocation> page =
        Marker.page(
            chosen,
            x -> String.format("%019d", x.revocationId()),
            r.marker(),
            r.pageSize(),
            MAX_PAGE);
    return DescribeTrustStoreRevocationsResponse.builder()
        .trustStoreRevocations(page.items())
        .nextMarker(page.nextMarker())
        .build();
  }

  private GetTrustStoreRevocationContentResponse revocationContent(
      RequestContext ctx, GetTrustStoreRevocationContentRequest r) {
    TrustStore ts = require(r.trustStoreArn());
    revocation(ts.trustStoreArn(), r.revocationId());
    RevocationContent c =
        tables
            .revocationContents
            .get(revocationKey(ts.trustStoreArn(), r.revocationId()))
            .orElseThrow(() -> new RevocationContentNotFound("Revocation content not found"));
    return GetTrustStoreRevocationContentResponse.builder()
        .location(s3.presigned(c.s3Bucket(), c.s3Key(), c.s3ObjectVersion()))
        .build();
  }

  private DescribeTrustStoreAssociationsResponse associations(
      RequestContext ctx, DescribeTrustStoreAssociationsRequest r) {
    TrustStore ts = require(r.trustStoreArn());
    List<TrustStoreAssociation> all =
        listenersUsing(ts.trustStoreArn()).stream()
            .map(Elbv2Arns::loadBalancerOfListener)
            .distinct()
            .map(a -> TrustStoreAssociation.builder().resourceArn(a).build())
            .toList();
    Marker.Page<TrustStoreAssociation> page =
        Marker.page(all, TrustStoreAssociation::resourceArn, r.marker(), r.pageSize(), MAX_PAGE);
    return DescribeTrustStoreAssociationsResponse.builder()
        .trustStoreAssociations(page.items())
        .nextMarker(page.nextMarker())
        .build();
  }

  /** KECS shares nothing across accounts, so every association is in the trust store's account. */
  private DeleteSharedTrustStoreAssociationResponse deleteAssociation(
      RequestContext ctx, DeleteSharedTrustStoreAssociationRequest r) {
    TrustStore ts = require(r.trustStoreArn());
    boolean associated =
        listenersUsing(ts.trustStoreArn()).stream()
            .map(Elbv2Arns::loadBalancerOfListener)
            .anyMatch(a -> a.equals(r.resourceArn()));
    if (associated) {
      throw new DeleteAssociationSameAccount(
          "The association is in the trust store's own account; modify the listener instead");
    }
    throw new AssociationNotFound(
        "No association of '"
            + r.resourceArn()
            + "' with trust store '"
            + ts.trustStoreArn()
            + "'");
  }

  /** Resource policies come from sharing (AWS RAM), which KECS does not have: none is set. */
  private GetResourcePolicyResponse policy(RequestContext ctx, GetResourcePolicyRequest r) {
    if (tables.trustStores.get(r.resourceArn()).isEmpty()) {
      throw new ResourceNotFound("Resource '" + r.resourceArn() + "' not found");
    }
    return GetResourcePolicyResponse.builder().build();
  }
}
