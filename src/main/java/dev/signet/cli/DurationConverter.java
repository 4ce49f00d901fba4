package dev.signet.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Parses durations written like {@code 250ms}, {@code 8s}, {@code 5m}, {@code 1h}, {@code 1d} or {@code 0}. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)?");

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  /**
   * @param value e.g. {@code 8s}
   * @return the duration
   * @throws CommandLine.TypeConversionException with the accepted forms when it cannot be read
   */
  static Duration parse(String value) {
    Matcher m = FORM.matcher(value == null ? "" : value.strip());
    if (!m.matches() || (m.group(2) == null && !"0".equals(m.group(1)))) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a duration; write it like 250ms, 8s, 5m, 1h or 0");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
