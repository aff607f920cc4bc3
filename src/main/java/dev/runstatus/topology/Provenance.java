package dev.runstatus.topology;

import dev.runstatus.config.HeaderKeys;
import dev.runstatus.config.PipelineVersion;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The provenance headers of an output record, added after the input's own headers. A new header set
 * each time: Kafka Streams shares one headers object among the records forwarded from one input. Built
 * at its final size, because every output record pays for its headers once per copy.
 */
final class Provenance {

    private static final byte[] PIPELINE_VERSION = utf8(PipelineVersion.current());
    /** Source topic, partition, offset, timestamp and pipeline version. */
    private static final int SOURCE_HEADERS = 5;
    private static final List<String> PARENT_ONLY = List.of(HeaderKeys.SCHEMA_ID, HeaderKeys.EXTENDED_PAYLOAD_INDEX);

    private Provenance() {
    }

    /** The input's headers without any earlier provenance, then this record's; a null schema id is left out. */
    static Headers of(Headers input, SourceCoordinates source, Integer schemaId) {
        Header[] headers = new Header[countExcept(input, HeaderKeys.PROVENANCE_HEADERS) + SOURCE_HEADERS
                + (schemaId == null ? 0 : 1)];
        int next = copyExcept(input, HeaderKeys.PROVENANCE_HEADERS, headers);
        headers[next++] = new RecordHeader(HeaderKeys.SOURCE_TOPIC, utf8(source.topic()));
        headers[next++] = new RecordHeader(HeaderKeys.SOURCE_PARTITION, utf8(Integer.toString(source.partition())));
        headers[next++] = new RecordHeader(HeaderKeys.SOURCE_OFFSET, utf8(Long.toString(source.offset())));
        headers[next++] = new RecordHeader(HeaderKeys.SOURCE_TIMESTAMP, utf8(Long.toString(source.timestamp())));
        headers[next++] = new RecordHeader(HeaderKeys.PIPELINE_VERSION, PIPELINE_VERSION);
        if (schemaId != null) {
            headers[next] = new RecordHeader(HeaderKeys.SCHEMA_ID, utf8(Integer.toString(schemaId)));
        }
        return new RecordHeaders(headers);
    }

    /**
     * An extended payload's headers: its parent's, which already carry the input's headers and the
     * source's provenance, with the payload's own schema id and its index in the parent.
     */
    static Headers ofExtendedPayload(Headers parent, int schemaId, int index) {
        Header[] headers = new Header[countExcept(parent, PARENT_ONLY) + 2];
        int next = copyExcept(parent, PARENT_ONLY, headers);
        headers[next++] = new RecordHeader(HeaderKeys.SCHEMA_ID, utf8(Integer.toString(schemaId)));
        headers[next] = new RecordHeader(HeaderKeys.EXTENDED_PAYLOAD_INDEX, utf8(Integer.toString(index)));
        return new RecordHeaders(headers);
    }

    private static int countExcept(Headers headers, List<String> left) {
        int count = 0;
        for (Header header : headers) {
            if (!left.contains(header.key())) {
                count++;
            }
        }
        return count;
    }

    private static int copyExcept(Headers from, List<String> left, Header[] to) {
        int next = 0;
        for (Header header : from) {
            if (!left.contains(header.key())) {
                to[next++] = header;
            }
        }
        return next;
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
