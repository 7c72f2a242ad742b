package io.kecs.ecs.taskdef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.ecs.error.InvalidParameterException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TaskSizeTest {
  @ParameterizedTest
  @CsvSource({
    "1024, 1024",
    "256, 256",
    "1 vCPU, 1024",
    "1 vcpu, 1024",
    "2vCPU, 2048",
    "0.25 vCPU, 256",
    ".5 vCPU, 512",
    "' 4 VCPU ', 4096",
    "192 vCPU, 196608"
  })
  void cpuInUnitsOrVcpu(String text, int units) {
    assertThat(TaskSize.parseCpu(text)).isEqualTo(units);
  }

  @ParameterizedTest
  @CsvSource({"512, 512", "2 GB, 2048", "2GB, 2048", "0.5 GB, 512", "1 gb, 1024", "30 GB, 30720"})
  void memoryInMibOrGb(String text, int mib) {
    assertThat(TaskSize.parseMemory(text)).isEqualTo(mib);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "0.3 vCPU", "64", "-1", "1 GB", "200 vCPU", "1024 units"})
  void badCpuIsAnInvalidParameter(String text) {
    assertThatThrownBy(() -> TaskSize.parseCpu(text))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("Invalid 'cpu' setting for task.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0", "2 GiB", "1 vCPU", "0.0001 GB", "lots"})
  void badMemoryIsAnInvalidParameter(String text) {
    assertThatThrownBy(() -> TaskSize.parseMemory(text))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("Invalid 'memory' setting for task.");
  }

  @ParameterizedTest
  @CsvSource({"1 vCPU, 2 GB, 1024, 2048"})
  void storedAsConvertedText(String cpu, String memory, String cpuText, String memoryText) {
    TaskSize size = TaskSize.parse(cpu, memory);
    assertThat(size.cpuText()).isEqualTo(cpuText);
    assertThat(size.memoryText()).isEqualTo(memoryText);
    assertThat(TaskSize.parse(null, null)).isEqualTo(new TaskSize(null, null));
  }
}
