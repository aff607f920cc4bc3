package dev.runstatus.topology;

import dev.runstatus.failure.FailureCause;
import dev.runstatus.metrics.PipelineMetrics;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * An unexpected exception in a processor dead-letters the input record and processing goes on. A known
 * failure around the data path (a registry or cluster that does not answer, a missing permission) is
 * not the record's fault: the task fails, and the failure policy retries or stops it.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private String deadLetterTopic;
    private PipelineMetrics metrics;
    private boolean discarding;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetterTopic = DeadLetters.deadLetterTopic(configs);
        metrics = PipelineMetrics.attachedTo(configs);
        discarding = DeadLetters.discarding(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (!FailureCause.of(exception).blamesTheRecord()) {
            return Response.fail();
        }
        LOG.warn("Dead-lettering {}-{}@{} after an exception in {}", context.topic(), context.partition(),
                context.offset(), context.processorNodeId(), exception);
        Rejection rejection = Rejection.of(Stage.PROCESS, DeadLetterReason.UNEXPECTED_EXCEPTION.code(), String.valueOf(exception), null, exception);
        metrics.deadLettered(rejection.stage().id(), rejection.reason());
        return Response.resume(discarding ? List.of() : List.of(DeadLetters.of(deadLetterTopic, context, rejection)));
    }
}
