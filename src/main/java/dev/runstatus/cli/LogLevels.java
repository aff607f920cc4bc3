package dev.runstatus.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.RunStatusConfig;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * {@code --log-level} and the key {@value ConfigKeys#LOG_LEVEL}: one level for runstatus and Kafka
 * together. Every logger is made at least this quiet; none is made chattier than logback.xml has it
 * (Kafka's clients stay at WARN under DEBUG).
 */
final class LogLevels {

    private static volatile boolean setByOption;

    private LogLevels() {
    }

    /** The option, which overrides every configuration layer. */
    static void fromOption(String level) {
        setByOption = true;
        apply(parse(level, "--log-level"));
    }

    /** The configured level, unless the option set one. */
    static void fromConfig(RunStatusConfig config) {
        if (!setByOption) {
            config.get(ConfigKeys.LOG_LEVEL).ifPresent(level -> apply(parse(level, ConfigKeys.LOG_LEVEL)));
        }
    }

    private static Level parse(String text, String source) {
        Level level = Level.toLevel(text.trim().toUpperCase(Locale.ROOT), null);
        if (level == null || level == Level.ALL) {
            throw new IllegalArgumentException(source + " must be one of ERROR, WARN, INFO, DEBUG, TRACE or OFF, not '" + text + "'");
        }
        return level;
    }

    private static void apply(Level level) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (Logger logger : context.getLoggerList()) {
            if (logger.getLevel() != null && !logger.getLevel().isGreaterOrEqual(level)) {
                logger.setLevel(level);
            }
        }
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(level);
    }
}
