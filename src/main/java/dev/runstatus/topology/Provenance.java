package dev.runstatus.topology;

import dev.runstatus.config.HeaderKeys;
import dev.runstatus.config.PipelineVersion;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/**
 * The provenance headers of an output record, added after the input's own headers. A new header set
 * each time: Kafka Streams shares one headers object among the records forwarded from one input.
 */
final class Provenance {

    private Provenance() {
    }

    /** The input's headers without any earlier provenance, then this record's; null ids are left out. */
    static Headers of(Headers input, SourceCoordinates source, Integer schemaId, Integer payloadIndex) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : input) {
            if (!HeaderKeys.PROVENANCE_HEADERS.contains(header.key())) {
                headers.add(header.key(), header.value());
            }
        }
        add(headers, HeaderKeys.SOURCE_TOPIC, source.topic());
        add(headers, HeaderKeys.SOURCE_PARTITION, String.valueOf(source.partition()));
        add(headers, HeaderKeys.SOURCE_OFFSET, String.valueOf(source.offset()));
        add(headers, HeaderKeys.SOURCE_TIMESTAMP, String.valueOf(source.timestamp()));
        add(headers, HeaderKeys.PIPELINE_VERSION, PipelineVersion.current());
        if (schemaId != null) {
            add(headers, HeaderKeys.SCHEMA_ID, String.valueOf(schemaId));
        }
        if (payloadIndex != null) {
            add(headers, HeaderKeys.EXTENDED_PAYLOAD_INDEX, String.valueOf(payloadIndex));
        }
        return headers;
    }

    private static void add(Headers headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
