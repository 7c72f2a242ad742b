package io.kecs.ecs.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.ecs.error.ClientException;
import io.kecs.ecs.error.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityDocumentTest {
  /** As the EC2 instance metadata service serves it. */
  static final String EC2_DOCUMENT =
      """
      {
        "accountId" : "123456789012",
        "architecture" : "x86_64",
        "availabilityZone" : "us-east-1a",
        "billingProducts" : null,
        "devpayProductCodes" : null,
        "marketplaceProductCodes" : null,
        "imageId" : "ami-0abcdef1234567890",
        "instanceId" : "i-1234567890abcdef0",
        "instanceType" : "t2.micro",
        "kernelId" : null,
        "pendingTime" : "2016-11-19T16:32:11Z",
        "privateIp" : "172.31.12.34",
        "ramdiskId" : null,
        "region" : "us-east-1",
        "version" : "2017-09-30"
      }
      """;

  @Test
  void readsTheFieldsKecsUses() {
    IdentityDocument doc = IdentityDocument.parse(EC2_DOCUMENT, "us-east-1");
    assertThat(doc.instanceId()).isEqualTo("i-1234567890abcdef0");
    assertThat(doc.instanceType()).isEqualTo("t2.micro");
    assertThat(doc.availabilityZone()).isEqualTo("us-east-1a");
    assertThat(doc.region()).isEqualTo("us-east-1");
    assertThat(doc.imageId()).isEqualTo("ami-0abcdef1234567890");
    assertThat(doc.architecture()).isEqualTo("x86_64");
  }

  @Test
  void onlyTheInstanceIdIsRequired() {
    IdentityDocument doc = IdentityDocument.parse("{\"instanceId\":\"i-1\"}", "eu-west-1");
    assertThat(doc.instanceId()).isEqualTo("i-1");
    assertThat(doc.instanceType()).isNull();
    assertThat(doc.region()).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "{\"instanceId\": ",
        "[\"i-1\"]",
        "\"i-1\"",
        "{}",
        "{\"instanceId\": \"\"}",
        "{\"instanceId\": \"i 1\"}",
        "{\"instanceId\": 12}",
        "{\"instanceId\": \"i-1\", \"instanceType\": {\"a\": 1}}",
      })
  void malformedDocumentsAreClientErrors(String document) {
    assertThatThrownBy(() -> IdentityDocument.parse(document, "us-east-1"))
        .isInstanceOf(ClientException.class)
        .hasMessageStartingWith(IdentityDocument.INVALID);
  }

  @Test
  void aDocumentFromAnotherRegionIsRefused() {
    assertThatThrownBy(() -> IdentityDocument.parse(EC2_DOCUMENT, "eu-west-1"))
        .isInstanceOf(ClientException.class)
        .hasMessageContaining("region us-east-1, not eu-west-1");
  }

  @Test
  void aMissingDocumentIsAMissingParameter() {
    assertThatThrownBy(() -> IdentityDocument.parse(null, "us-east-1"))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> IdentityDocument.parse(" ", "us-east-1"))
        .isInstanceOf(InvalidParameterException.class);
  }
}
