package dev.runstatus.topology;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.runstatus.config.HeaderKeys;
import dev.runstatus.config.PipelineVersion;
import dev.runstatus.reader.Violation;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The headers of a dead-letter record: the input's own headers unchanged, followed by Kafka Streams'
 * {@code __streams.errors.*} headers and runstatus's {@code runstatus.error.*} headers. Error headers
 * already on the input (a record dead-lettered before) are replaced, and every header is bounded. The
 * provenance headers come last.
 */
public final class DeadLetterHeaders {

    static final int MAX_MESSAGE_CHARS = 1_000;
    static final int MAX_STACKTRACE_CHARS = 4_000;
    static final int MAX_VIOLATIONS = 100;

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeadLetterHeaders() {
    }

    public static Headers build(Headers original, Rejection rejection, SourceCoordinates source) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : original) {
            if (!HeaderKeys.DEAD_LETTER_HEADERS.contains(header.key())) {
                headers.add(header.key(), header.value());
            }
        }
        add(headers, HeaderKeys.STREAMS_EXCEPTION, rejection.exceptionName());
        add(headers, HeaderKeys.STREAMS_MESSAGE, truncate(rejection.message(), MAX_MESSAGE_CHARS));
        add(headers, HeaderKeys.STREAMS_STACKTRACE, truncate(stackTrace(rejection), MAX_STACKTRACE_CHARS));
        add(headers, HeaderKeys.STREAMS_TOPIC, source.topic());
        add(headers, HeaderKeys.STREAMS_PARTITION, String.valueOf(source.partition()));
        add(headers, HeaderKeys.STREAMS_OFFSET, String.valueOf(source.offset()));
        add(headers, HeaderKeys.ERROR_STAGE, rejection.stage().id());
        add(headers, HeaderKeys.ERROR_REASON, rejection.reason());
        add(headers, HeaderKeys.ERROR_VIOLATIONS, violationsJson(rejection.violations()));
        if (rejection.family() != null) {
            add(headers, HeaderKeys.ERROR_FAMILY, rejection.family().id());
        }
        add(headers, HeaderKeys.ERROR_PIPELINE_VERSION, PipelineVersion.current());
        return Provenance.of(headers, source, null);
    }

    private static void add(Headers headers, String key, String value) {
        headers.add(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static String stackTrace(Rejection rejection) {
        if (rejection.cause() == null) {
            return rejection.exceptionName() + ": " + rejection.message();
        }
        StringWriter trace = new StringWriter();
        rejection.cause().printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    /** A JSON array of {path, reason, expected?, actual?}; past {@value #MAX_VIOLATIONS} a last entry counts the rest. */
    static String violationsJson(List<Violation> violations) {
        ArrayNode array = JSON.createArrayNode();
        for (Violation violation : violations.subList(0, Math.min(violations.size(), MAX_VIOLATIONS))) {
            violation.writeTo(array.addObject());
        }
        if (violations.size() > MAX_VIOLATIONS) {
            array.addObject().put("path", "").put("reason", (violations.size() - MAX_VIOLATIONS) + " more violations not listed");
        }
        try {
            return JSON.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String text, int maxChars) {
        if (text == null || text.length() <= maxChars) {
            return text;
        }
        return text.substring(0, maxChars) + "... (" + (text.length() - maxChars) + " more characters)";
    }
}
