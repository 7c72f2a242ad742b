package io.kecs.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DatetimeFormatTest {
  private static boolean starts(String format, String line) {
    return DatetimeFormat.toPattern(format).matcher(line).find();
  }

  @Test
  void directivesBecomeThePatternsOfWhatTheyPrint() {
    assertThat(starts("%Y-%m-%d %H:%M:%S", "2026-12-04 23:07:35 started")).isTrue();
    assertThat(starts("%Y-%m-%d %H:%M:%S", "2026-13-04 23:07:35 bad month")).isFalse();
    assertThat(starts("%Y-%m-%d %H:%M:%S", "2026-12-04 24:07:35 bad hour")).isFalse();
    assertThat(starts("%b %d, %Y %I:%M:%S %p", "Dec 04, 2026 11:07:35 PM x")).isTrue();
    assertThat(starts("%a %B %e %j %y", "Fri December  4 338 26")).isTrue();
    assertThat(starts("%H:%M:%S%L %z", "23:07:35.845 +0100")).isTrue();
    assertThat(starts("%Y-%m-%dT%H:%M:%S.%fZ", "2026-12-04T23:07:35.845123Z")).isTrue();
    assertThat(starts("%% %w %U %W %Z", "% 5 48 48 UTC")).isTrue();
  }

  @Test
  void theFormatMustMatchAtTheStartOfTheLine() {
    assertThat(starts("%Y-%m-%d", "  at 2026-12-04")).isFalse();
    assertThat(DatetimeFormat.toRegex("%Y")).isEqualTo("^[0-9]{4}");
  }

  @Test
  void otherTextIsKeptAsARegularExpressionAsDockerDoes() {
    // Docker's documented example escapes the bracket itself.
    assertThat(starts("\\[%b %d, %Y %H:%M:%S\\]", "[Dec 04, 2026 23:07:35] hello")).isTrue();
    assertThat(starts("\\[%b %d, %Y %H:%M:%S\\]", "Dec 04, 2026 23:07:35 hello")).isFalse();
    assertThat(Pattern.compile(DatetimeFormat.toRegex("%Q %Y")).matcher("%Q 2026").find()).isTrue();
  }
}
