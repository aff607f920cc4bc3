package dev.runstatus.audit;

import dev.runstatus.config.HeaderKeys;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Instant;
import java.util.Optional;

/** Which dead letters to redrive: by their timestamp (the input's), family, stage and reason; empty means any. */
public record RedriveFilter(Optional<Instant> from, Optional<Instant> to, Optional<String> family, Optional<String> stage,
                            Optional<String> reason) {

    boolean selects(ConsumerRecord<byte[], byte[]> deadLetter) {
        long timestamp = deadLetter.timestamp();
        return from.map(time -> timestamp >= time.toEpochMilli()).orElse(true)
                && to.map(time -> timestamp < time.toEpochMilli()).orElse(true)
                && matches(family, deadLetter, HeaderKeys.ERROR_FAMILY)
                && matches(stage, deadLetter, HeaderKeys.ERROR_STAGE)
                && matches(reason, deadLetter, HeaderKeys.ERROR_REASON);
    }

    private static boolean matches(Optional<String> wanted, ConsumerRecord<byte[], byte[]> deadLetter, String header) {
        return wanted.isEmpty() || wanted.equals(Provenances.text(deadLetter.headers(), header));
    }
}
