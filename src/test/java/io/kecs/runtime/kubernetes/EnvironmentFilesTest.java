package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.EnvironmentFile;

class EnvironmentFilesTest {
  @Test
  void parsesLinesAsTheEcsAgentDoes() {
    String text =
        "# comment\n"
            + "A=1\n"
            + "\n"
            + "B = spaced \n"
            + "QUOTED=\"kept as is\"\n"
            + "URL=postgres://u:p@db/x?sslmode=require&a=b\n"
            + "NO_EQUALS_SIGN\n"
            + "=no-name\n"
            + "EMPTY=\n"
            + "  # not a comment=because it does not start with #\n"
            + "WINDOWS=crlf\r\n"
            + "A=2\n"
            + "export X=y";
    assertThat(EnvironmentFiles.parse(text))
        .containsExactly(
            Map.entry("A", "2"),
            Map.entry("B ", " spaced "),
            Map.entry("QUOTED", "\"kept as is\""),
            Map.entry("URL", "postgres://u:p@db/x?sslmode=require&a=b"),
            Map.entry("  # not a comment", "because it does not start with #"),
            Map.entry("WINDOWS", "crlf"),
            Map.entry("export X", "y"));
    assertThat(EnvironmentFiles.parse("")).isEmpty();
  }

  @Test
  void theFirstFileThatSetsAVariableWins() {
    assertThat(
            EnvironmentFiles.merge(
                List.of(Map.of("A", "first", "B", "first"), Map.of("A", "second", "C", "second"))))
        .containsOnly(Map.entry("A", "first"), Map.entry("B", "first"), Map.entry("C", "second"));
  }

  @Test
  void anOverridesFilesReplaceTheDefinitionsWhenItNamesAny() {
    EnvironmentFile def = file("arn:aws:s3:::b/def.env");
    EnvironmentFile over = file("arn:aws:s3:::b/override.env");
    ContainerDefinition c = ContainerDefinition.builder().name("a").environmentFiles(def).build();
    assertThat(EnvironmentFiles.of(c, null)).containsExactly(def);
    assertThat(EnvironmentFiles.of(c, ContainerOverride.builder().name("a").build()))
        .containsExactly(def);
    assertThat(
            EnvironmentFiles.of(
                c, ContainerOverride.builder().name("a").environmentFiles(over).build()))
        .containsExactly(over);
  }

  private static EnvironmentFile file(String arn) {
    return EnvironmentFile.builder().type("s3").value(arn).build();
  }
}
