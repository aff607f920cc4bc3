package dev.runstatus.cli;

import picocli.CommandLine;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How options read instants and durations, with messages that show what is expected. */
final class Converters {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Converters() {
    }

    static void register(CommandLine commandLine) {
        commandLine.registerConverter(Instant.class, Converters::instant);
        commandLine.registerConverter(Duration.class, Converters::duration);
    }

    static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not an instant: give one in ISO-8601, in UTC,"
                    + " such as 2026-11-01T00:00:00Z");
        }
    }

    /** 90s, 15m, 1h, 2d, 500ms, or ISO-8601 (PT1H). */
    static Duration duration(String text) {
        Matcher match = SHORT_DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (match.matches()) {
            long amount = Long.parseLong(match.group(1));
            return switch (match.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a duration: give one such as 90s, 15m, 1h or PT1H");
        }
    }
}
