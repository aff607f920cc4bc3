package dev.runstatus.lifecycle;

import dev.runstatus.failure.FailureCause;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * The lifecycle never writes to the dead-letter topic, which holds inputs for redrive: a branch record is
 * an output. A known failure around the data path (a registry that does not answer, above all) fails
 * the task, so that it is retried and no report is skipped; anything else is written as an unreadable
 * lifecycle event naming the record and the exception, and the lifecycle goes on.
 */
public final class LifecycleExceptionHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(LifecycleExceptionHandler.class);

    private LifecycleFaults faults;

    @Override
    public void configure(Map<String, ?> configs) {
        faults = LifecycleFaults.attachedTo(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (!FailureCause.of(exception).blamesTheRecord()) {
            return Response.fail();
        }
        LOG.warn("The lifecycle could not process {}-{}@{} in {}; writing it as an unreadable lifecycle event", context.topic(),
                context.partition(), context.offset(), context.processorNodeId(), exception);
        String cause = "the lifecycle failed on it unexpectedly (" + exception.getClass().getSimpleName() + ")";
        return Response.resume(context.topic() == null ? List.of()
                : faults.unreadable(context.topic(), context.partition(), context.offset(), context.timestamp(),
                context.sourceRawKey(), cause).stream().toList());
    }
}
