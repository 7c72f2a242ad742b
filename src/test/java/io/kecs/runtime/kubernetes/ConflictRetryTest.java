package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConflictRetryTest {
  private static KubernetesClientException status(int code, String reason) {
    Status s = new StatusBuilder().withCode(code).withReason(reason).build();
    return new KubernetesClientException(s);
  }

  @Test
  void aConflictIsTriedAgainUntilTheWriteGoesThrough() {
    AtomicInteger calls = new AtomicInteger();
    String result =
        ConflictRetry.write(
            () -> {
              if (calls.incrementAndGet() < 3) {
                throw status(409, "Conflict");
              }
              return "applied";
            });
    assertThat(result).isEqualTo("applied");
    assertThat(calls).hasValue(3);
  }

  @Test
  void otherErrorsAndAlreadyExistsAreNotRetriedAndConflictsGiveUpInTheEnd() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                ConflictRetry.write(
                    () -> {
                      calls.incrementAndGet();
                      throw status(422, "Invalid");
                    }))
        .isInstanceOf(KubernetesClientException.class);
    assertThat(calls).hasValue(1);
    calls.set(0);
    assertThatThrownBy(
            () ->
                ConflictRetry.write(
                    () -> {
                      calls.incrementAndGet();
                      throw status(409, "AlreadyExists");
                    }))
        .isInstanceOf(KubernetesClientException.class);
    assertThat(calls).hasValue(1);
    calls.set(0);
    assertThatThrownBy(
            () ->
                ConflictRetry.write(
                    () -> {
                      calls.incrementAndGet();
                      throw status(409, "Conflict");
                    }))
        .isInstanceOf(KubernetesClientException.class);
    assertThat(calls).hasValue(ConflictRetry.ATTEMPTS);
  }
}
