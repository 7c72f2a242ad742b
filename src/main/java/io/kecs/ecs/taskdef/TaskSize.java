package io.kecs.ecs.taskdef;

import io.kecs.ecs.error.InvalidParameterException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Task-level cpu and memory as ECS accepts them: plain units ("1024") or with a unit suffix ("1
 * vCPU", "0.5 vcpu", "2 GB", "2GB"). ECS stores the converted integer, so a definition registered
 * with "1 vCPU" describes with "1024".
 */
record TaskSize(Integer cpu, Integer memory) {
  /** Supported task cpu on EC2 and EXTERNAL: 0.125 to 192 vCPU. */
  static final int MIN_CPU = 128;

  static final int MAX_CPU = 196_608;

  private static final Pattern CPU = Pattern.compile("(\\d+|\\d*\\.\\d+)\\s*(vcpu)?");
  private static final Pattern MEMORY = Pattern.compile("(\\d+|\\d*\\.\\d+)\\s*(gb)?");

  /** Parses the request's strings; null or blank means not given. */
  static TaskSize parse(String cpu, String memory) {
    return new TaskSize(parseCpu(cpu), parseMemory(memory));
  }

  static Integer parseCpu(String text) {
    if (text == null) {
      return null;
    }
    Integer units = convert(CPU, text, 1024);
    if (units == null || units < MIN_CPU || units > MAX_CPU) {
      throw new InvalidParameterException(
          "Invalid 'cpu' setting for task. Specify between "
              + MIN_CPU
              + " and "
              + MAX_CPU
              + " CPU units, as an integer (1024) or in vCPU (1 vCPU).");
    }
    return units;
  }

  static Integer parseMemory(String text) {
    if (text == null) {
      return null;
    }
    Integer mib = convert(MEMORY, text, 1024);
    if (mib == null || mib < 1) {
      throw new InvalidParameterException(
          "Invalid 'memory' setting for task. Specify the memory in MiB as an integer (1024) or in"
              + " GB (1 GB).");
    }
    return mib;
  }

  /**
   * The whole number of base units {@code text} stands for, or null if it is malformed or not a
   * whole number (ECS stores integers only: "0.3 vCPU" has no exact value).
   */
  private static Integer convert(Pattern pattern, String text, int unitsPerSuffix) {
    Matcher m = pattern.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return null;
    }
    BigDecimal value = new BigDecimal(m.group(1));
    if (m.group(2) != null) {
      value = value.multiply(BigDecimal.valueOf(unitsPerSuffix));
    }
    try {
      return value.stripTrailingZeros().intValueExact();
    } catch (ArithmeticException e) {
      return null;
    }
  }

  String cpuText() {
    return cpu == null ? null : Integer.toString(cpu);
  }

  String memoryText() {
    return memory == null ? null : Integer.toString(memory);
  }
}
