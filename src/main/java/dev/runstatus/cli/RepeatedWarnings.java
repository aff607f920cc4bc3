package dev.runstatus.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kafka's clients warn once per failed retry: five lines a second against a broker that is away. This
 * lets the first warning of each kind through, then holds the rest back and says once a minute how many
 * it held, so that an instance or a command says what is wrong without streaming it. Registered in
 * logback.xml; other levels and runstatus's own warnings pass untouched.
 */
public final class RepeatedWarnings extends TurboFilter {

    private static final long WINDOW_MILLIS = 60_000;
    private static final String KAFKA = "org.apache.kafka";
    private static final org.slf4j.Logger SUMMARY = LoggerFactory.getLogger(RepeatedWarnings.class);

    private record Window(long start, int held) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level != Level.WARN || format == null || !logger.getName().startsWith(KAFKA)) {
            return FilterReply.NEUTRAL;
        }
        long now = System.currentTimeMillis();
        Window[] before = new Window[1];
        Window window = windows.compute(logger.getName() + '\n' + format, (key, old) -> {
            before[0] = old;
            return old == null || now - old.start() >= WINDOW_MILLIS ? new Window(now, 0) : new Window(old.start(), old.held() + 1);
        });
        if (window.held() > 0) {
            return FilterReply.DENY;
        }
        if (before[0] != null && before[0].held() > 0) {
            SUMMARY.warn("{} more warnings like the next one from {} in the last {} s", before[0].held(), logger.getName(),
                    (now - before[0].start()) / 1000);
        }
        return FilterReply.NEUTRAL;
    }
}
