package io.kecs.ecs.instance;

import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.Resource;
import software.amazon.awssdk.services.ecs.model.VersionInfo;

/** Registers container instances the way the ECS agent does, for end-to-end tests. */
public final class Ec2Instances {
  private Ec2Instances() {}

  /** An identity document as EC2 serves it, in us-east-1. */
  public static String document(String instanceId, String instanceType, String zone) {
    return """
        {
          "accountId" : "000000000000",
          "architecture" : "x86_64",
          "availabilityZone" : "%s",
          "imageId" : "ami-0abcdef1234567890",
          "instanceId" : "%s",
          "instanceType" : "%s",
          "pendingTime" : "2024-05-01T10:00:00Z",
          "privateIp" : "10.0.1.23",
          "region" : "us-east-1",
          "version" : "2017-09-30"
        }"""
        .formatted(zone, instanceId, instanceType);
  }

  public static final VersionInfo AGENT =
      VersionInfo.builder()
          .agentVersion("1.51.0")
          .agentHash("4023248f")
          .dockerVersion("DockerVersion: 20.10.25")
          .build();

  /** CPU, MEMORY, PORTS and PORTS_UDP as the agent of an m5.large reports them. */
  public static final Resource[] M5_LARGE = {
    Resource.builder().name("CPU").type("INTEGER").integerValue(2048).build(),
    Resource.builder().name("MEMORY").type("INTEGER").integerValue(7680).build(),
    Resource.builder()
        .name("PORTS")
        .type("STRINGSET")
        .stringSetValue("22", "2375", "2376", "51678", "51679")
        .build(),
    Resource.builder().name("PORTS_UDP").type("STRINGSET").stringSetValue().build(),
  };

  public static ContainerInstance register(
      EcsClient ecs, String cluster, String instanceId, String instanceType, String zone) {
    return ecs.registerContainerInstance(
            r ->
                r.cluster(cluster)
                    .instanceIdentityDocument(document(instanceId, instanceType, zone))
                    .instanceIdentityDocumentSignature("c2lnbmF0dXJl")
                    .versionInfo(AGENT))
        .containerInstance();
  }
}
