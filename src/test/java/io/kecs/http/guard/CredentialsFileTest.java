package io.kecs.http.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialsFileTest {
  @Test
  void everyProfilesKeyPairIsRead() {
    assertThat(
            CredentialsFile.parse(
                List.of(
                    "# keys",
                    "[default]",
                    "aws_access_key_id = AKID1",
                    "aws_secret_access_key = s1",
                    "region = us-east-1",
                    "[ci]",
                    "aws_access_key_id=AKID2",
                    "aws_secret_access_key=s2"),
                "f"))
        .containsEntry("AKID1", "s1")
        .containsEntry("AKID2", "s2")
        .hasSize(2);
  }

  @Test
  void aHalfProfileOrNoKeysIsRefused() {
    assertThatThrownBy(() -> CredentialsFile.parse(List.of("[a]", "aws_access_key_id=X"), "f"))
        .hasMessageContaining("profile [a] needs both");
    assertThatThrownBy(() -> CredentialsFile.parse(List.of("[a]"), "f"))
        .hasMessageContaining("has no profile");
  }
}
