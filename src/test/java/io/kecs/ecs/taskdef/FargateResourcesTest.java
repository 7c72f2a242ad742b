package io.kecs.ecs.taskdef;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FargateResourcesTest {
  /** The documented table, written out independently of the implementation's rows. */
  private static Set<String> documented() {
    Set<String> valid = new HashSet<>();
    for (int m : new int[] {512, 1024, 2048}) {
      valid.add(256 + "/" + m);
    }
    range(valid, 512, 1024, 4096, 1024);
    range(valid, 1024, 2048, 8192, 1024);
    range(valid, 2048, 4096, 16384, 1024);
    range(valid, 4096, 8192, 30720, 1024);
    range(valid, 8192, 16384, 61440, 4096);
    range(valid, 16384, 32768, 122880, 8192);
    return valid;
  }

  private static void range(Set<String> valid, int cpu, int from, int to, int step) {
    for (int m = from; m <= to; m += step) {
      valid.add(cpu + "/" + m);
    }
  }

  @Test
  void everyCombinationMatchesTheDocumentedTable() {
    Set<String> valid = documented();
    int accepted = 0;
    for (int cpu : new int[] {128, 256, 512, 1024, 2048, 3072, 4096, 8192, 16384, 32768}) {
      for (int memory = 256; memory <= 131072; memory += 256) {
        boolean expected = valid.contains(cpu + "/" + memory);
        assertThat(FargateResources.isValid(cpu, memory))
            .as("cpu %d memory %d", cpu, memory)
            .isEqualTo(expected);
        accepted += expected ? 1 : 0;
      }
    }
    assertThat(accepted).isEqualTo(valid.size());
  }

  @ParameterizedTest
  @CsvSource({
    "256, 512, true",
    "256, 3072, false",
    "512, 512, false",
    "1024, 1024, false",
    "4096, 30720, true",
    "4096, 31744, false",
    "8192, 20480, true",
    "8192, 17408, false",
    "16384, 40960, true",
    "16384, 36864, false"
  })
  void samples(int cpu, int memory, boolean valid) {
    assertThat(FargateResources.isValid(cpu, memory)).isEqualTo(valid);
  }

  @Test
  void messageNamesTheValues() {
    assertThat(FargateResources.invalidMessage(512, 512))
        .isEqualTo(
            "No Fargate configuration exists for given values: 512 CPU, 512 memory. See the Amazon"
                + " ECS documentation for the valid values.");
  }
}
