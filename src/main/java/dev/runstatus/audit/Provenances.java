package dev.runstatus.audit;

import dev.runstatus.config.HeaderKeys;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads the provenance headers of an output record back into its source coordinates. */
record Provenances(String topic, int partition, long offset) {

    static Optional<Provenances> of(Headers headers) {
        Optional<String> topic = text(headers, HeaderKeys.SOURCE_TOPIC);
        Optional<String> partition = text(headers, HeaderKeys.SOURCE_PARTITION);
        Optional<String> offset = text(headers, HeaderKeys.SOURCE_OFFSET);
        if (topic.isEmpty() || partition.isEmpty() || offset.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Provenances(topic.get(), Integer.parseInt(partition.get()), Long.parseLong(offset.get())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<String> text(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }
}
