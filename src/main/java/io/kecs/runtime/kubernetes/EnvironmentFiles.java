package io.kecs.runtime.kubernetes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.EnvironmentFile;

/**
 * A container's {@code environmentFiles} as the ECS agent reads them. Precedence, from the ECS
 * developer guide and the agent: variables of the {@code environment} parameter (and the RunTask
 * override's) win over every file; among files the first file that sets a variable wins (later ones
 * are ignored for it); {@code secrets} win over both.
 */
final class EnvironmentFiles {
  private EnvironmentFiles() {}

  /**
   * The files a container reads: the RunTask override's when it names any (ECS then ignores the
   * definition's), else the definition's.
   */
  static List<EnvironmentFile> of(ContainerDefinition def, ContainerOverride override) {
    if (override != null && !override.environmentFiles().isEmpty()) {
      return override.environmentFiles();
    }
    return def.environmentFiles();
  }

  /**
   * One file's variables, as the agent parses it: one {@code VARIABLE=VALUE} per line, split at the
   * first {@code =}; lines starting with {@code #} are comments; lines without {@code =}, or with
   * nothing before or after it, are skipped; no trimming, quoting or escapes (spaces and quotes are
   * part of the value). A variable set twice in one file takes its last value.
   */
  static Map<String, String> parse(String text) {
    Map<String, String> vars = new LinkedHashMap<>();
    for (String line : text.split("\n", -1)) {
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1); // as Go's line scanner drops it
      }
      int eq = line.indexOf('=');
      if (line.startsWith("#") || eq <= 0 || eq == line.length() - 1) {
        continue;
      }
      vars.put(line.substring(0, eq), line.substring(eq + 1));
    }
    return vars;
  }

  /** The files' variables merged in order: the first file that sets a variable wins. */
  static Map<String, String> merge(List<Map<String, String>> files) {
    Map<String, String> merged = new LinkedHashMap<>();
    files.forEach(f -> f.forEach(merged::putIfAbsent));
    return merged;
  }
}
