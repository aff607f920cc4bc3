package dev.runstatus.topology;

import dev.runstatus.metrics.PipelineMetrics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * A record the broker refuses is dead-lettered with the input that made it. A dead-letter record the
 * broker refuses fails the task instead: dropping it would lose the input, and under exactly-once the
 * failed task is retried from its last commit.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

    private String deadLetterTopic;
    private PipelineMetrics metrics;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetterTopic = DeadLetters.deadLetterTopic(configs);
        metrics = PipelineMetrics.attachedTo(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (deadLetterTopic.equals(record.topic())) {
            LOG.error("Could not write a dead-letter record for {}-{}@{}; failing the task", context.topic(),
                    context.partition(), context.offset(), exception);
            return Response.fail();
        }
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        String reason = exception instanceof RecordTooLargeException ? DeadLetterReason.RECORD_TOO_LARGE.code() : DeadLetterReason.PRODUCTION_FAILED.code();
        return deadLetter(context, Stage.PRODUCE, reason, exception);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        if (deadLetterTopic.equals(record.topic())) {
            LOG.error("Could not serialize a dead-letter record for {}-{}@{}; failing the task", context.topic(),
                    context.partition(), context.offset(), exception);
            return Response.fail();
        }
        return deadLetter(context, Stage.SERIALIZE, DeadLetterReason.SERIALIZATION_FAILED.code(), exception);
    }

    private Response deadLetter(ErrorHandlerContext context, Stage stage, String reason, Exception exception) {
        LOG.warn("Dead-lettering {}-{}@{} at stage {}", context.topic(), context.partition(), context.offset(),
                stage.id(), exception);
        Rejection rejection = Rejection.of(stage, reason, String.valueOf(exception), null, exception);
        metrics.deadLettered(stage.id(), reason);
        return Response.resume(List.of(DeadLetters.of(deadLetterTopic, context, rejection)));
    }
}
