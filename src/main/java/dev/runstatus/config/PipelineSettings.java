package dev.runstatus.config;

import dev.runstatus.json.JsonLimits;

/** What the topology needs to know, resolved from configuration. */
public record PipelineSettings(TopicNames topics, JsonLimits limits, boolean autoRegisterSchemas,
                               int maxOutputRecordBytes) {

    public static final int DEFAULT_MAX_OUTPUT_RECORD_BYTES = 1_000_000;
}
