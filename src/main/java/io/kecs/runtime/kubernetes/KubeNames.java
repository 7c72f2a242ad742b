package io.kecs.runtime.kubernetes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Kubernetes names for ECS names. ECS allows up to 255 letters, numbers, hyphens and underscores in
 * any case; Kubernetes wants DNS-1123 labels (lowercase, digits, '-', at most 63) for namespaces,
 * containers and volumes, and at most 63 characters for label values. Whenever a name has to be
 * altered, a hash of the original is appended so two ECS names never meet in one Kubernetes name.
 */
final class KubeNames {
  static final int MAX = 63;
  private static final int HASH = 8;
  private static final Pattern LABEL_VALUE =
      Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");

  private KubeNames() {}

  /** A DNS-1123 label for {@code raw}: unchanged when already valid, else cleaned and hashed. */
  static String label(String raw) {
    String clean = clean(raw);
    if (clean.equals(raw) && !clean.isEmpty() && clean.length() <= MAX) {
      return clean;
    }
    return withHash(clean, raw, MAX);
  }

  /** A label value for {@code raw}: unchanged when valid, else cut and hashed. */
  static String labelValue(String raw) {
    if (raw.length() <= MAX && LABEL_VALUE.matcher(raw).matches()) {
      return raw;
    }
    String cut = raw.replaceAll("[^-A-Za-z0-9_.]", "-");
    cut = cut.substring(0, Math.min(cut.length(), MAX - HASH - 1));
    cut = cut.replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
    return cut.isEmpty() ? hash(raw) : cut + "-" + hash(raw);
  }

  /**
   * A pod name that shows the family and is unique by the task id: the cleaned family cut to what
   * leaves room for the id, so the pod's hostname (its name) stays a valid label.
   */
  static String podName(String family, String taskId) {
    String prefix = clean(family);
    int room = MAX - taskId.length() - 1;
    prefix = trimDashes(prefix.substring(0, Math.min(prefix.length(), room)));
    return prefix.isEmpty() ? "task-" + taskId : prefix + "-" + taskId;
  }

  /** A pod hostname from an ECS hostname: its first DNS label, cleaned and cut (no hash needed). */
  static String hostname(String raw) {
    String first = clean(raw.split("\\.", 2)[0]);
    return trimDashes(first.substring(0, Math.min(first.length(), MAX)));
  }

  /** Lowercase, '_' and anything else outside [a-z0-9-] to '-', no leading or trailing '-'. */
  static String clean(String raw) {
    String s = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    return trimDashes(s);
  }

  static String hash(String raw) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d).substring(0, HASH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String withHash(String clean, String raw, int max) {
    String base = trimDashes(clean.substring(0, Math.min(clean.length(), max - HASH - 1)));
    return base.isEmpty() ? "x-" + hash(raw) : base + "-" + hash(raw);
  }

  private static String trimDashes(String s) {
    return s.replaceAll("^-+|-+$", "");
  }
}
