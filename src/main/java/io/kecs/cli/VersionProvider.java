package io.kecs.cli;

import io.kecs.server.KecsVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code kecs --version}. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"kecs " + KecsVersion.current()};
  }
}
