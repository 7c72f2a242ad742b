package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourceTranslatorTest {
  @Test
  void taskSizesAcceptTheFormsEcsAccepts() {
    assertThat(ResourceTranslator.cpuUnits("256")).isEqualTo(256);
    assertThat(ResourceTranslator.cpuUnits("1 vCPU")).isEqualTo(1024);
    assertThat(ResourceTranslator.cpuUnits("0.25 vcpu")).isEqualTo(256);
    assertThat(ResourceTranslator.mebibytes("512")).isEqualTo(512);
    assertThat(ResourceTranslator.mebibytes("2 GB")).isEqualTo(2048);
    assertThat(ResourceTranslator.mebibytes("0.5gb")).isEqualTo(512);
    assertThat(ResourceTranslator.cpuUnits(null)).isNull();
  }

  @Test
  void cpuUnitsBecomeMillicoresRoundedUp() {
    assertThat(ResourceTranslator.millicores(1024).toString()).isEqualTo("1000m");
    assertThat(ResourceTranslator.millicores(256).toString()).isEqualTo("250m");
    assertThat(ResourceTranslator.millicores(10).toString()).isEqualTo("10m");
    assertThat(ResourceTranslator.millicores(1).toString()).isEqualTo("1m");
  }
}
