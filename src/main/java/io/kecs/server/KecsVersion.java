package io.kecs.server;

/** The KECS version: the jar manifest's Implementation-Version, or "dev" when run from classes. */
public final class KecsVersion {
  private KecsVersion() {}

  public static String current() {
    String v = KecsVersion.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
