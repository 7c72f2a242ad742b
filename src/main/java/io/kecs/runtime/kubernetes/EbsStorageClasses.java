package io.kecs.runtime.kubernetes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which StorageClass the claim of an Amazon EBS volume configured at launch asks for, by the
 * volume's EBS type: {@code --ebs-storage-classes gp3=ebs-gp3,io2=ebs-io2,*=standard} ({@code *}:
 * every type not named). A type with no class (and no {@code *}) gets no {@code storageClassName},
 * so the cluster's default StorageClass provisions it. Without the option every claim takes the
 * default: KECS does not guess class names, which differ from cluster to cluster.
 */
public final class EbsStorageClasses {
  public static final EbsStorageClasses CLUSTER_DEFAULT = new EbsStorageClasses(Map.of());

  /** Any EBS type not named otherwise. */
  public static final String ANY = "*";

  private static final List<String> TYPES =
      List.of("gp2", "gp3", "io1", "io2", "st1", "sc1", "standard", ANY);
  // A StorageClass name is a DNS subdomain.
  private static final Pattern NAME =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private final Map<String, String> byType;

  public EbsStorageClasses(Map<String, String> byType) {
    this.byType = Map.copyOf(byType);
  }

  /**
   * Reads {@code type=class,...}; null or blank means none.
   *
   * @throws IllegalArgumentException for an unknown EBS type or an invalid StorageClass name
   */
  public static Map<String, String> parse(String spec) {
    Map<String, String> out = new LinkedHashMap<>();
    if (spec == null || spec.isBlank()) {
      return out;
    }
    for (String entry : spec.split(",")) {
      String[] kv = entry.trim().split("=", 2);
      String type = kv[0].trim();
      if (kv.length != 2 || !TYPES.contains(type)) {
        throw new IllegalArgumentException(
            "'"
                + entry.trim()
                + "' is not TYPE=STORAGECLASS with TYPE one of gp2, gp3, io1, io2, st1, sc1,"
                + " standard or *");
      }
      String name = kv[1].trim();
      if (name.length() > 253 || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("'" + name + "' is not a StorageClass name");
      }
      out.put(type, name);
    }
    return out;
  }

  /** The class for a volume of this EBS type, or empty for the cluster's default. */
  Optional<String> forType(String volumeType) {
    return Optional.ofNullable(byType.getOrDefault(volumeType, byType.get(ANY)));
  }
}
