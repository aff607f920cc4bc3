package dev.runstatus.transcode;

import dev.runstatus.json.JsonLimits;
import dev.runstatus.schema.Family;
import dev.runstatus.schema.SchemaCatalog;
import dev.runstatus.validate.CheckResult;
import dev.runstatus.validate.DocumentCheck;
import org.apache.avro.generic.GenericRecord;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Bytes in, Avro binary or a rejection out, per family: the streaming transcoder for the documents it
 * vouches for, the full check for the rest (the full check's verdict is the one that counts, and only
 * it can say what is wrong). Thread-safe.
 */
public final class DocumentTranscoder {

    /** The outcome for one document. */
    public sealed interface Verdict {

        record Valid(AvroDocument document) implements Verdict {
        }

        record Invalid(CheckResult result) implements Verdict {
        }
    }

    private final DocumentCheck check;
    private final Map<Family, StreamingTranscoder> transcoders = new EnumMap<>(Family.class);

    public DocumentTranscoder(SchemaCatalog catalog, JsonLimits limits, Captures captures) {
        this.check = new DocumentCheck(catalog, limits);
        for (Family family : Family.values()) {
            transcoders.put(family, new StreamingTranscoder(catalog.valueSchema(family), limits, captures));
        }
    }

    public Verdict transcode(Family family, byte[] bytes) {
        StreamingTranscoder transcoder = transcoders.get(family);
        Optional<AvroDocument> fast = transcoder.transcode(bytes);
        if (fast.isPresent()) {
            return new Verdict.Valid(fast.get());
        }
        CheckResult result = check.check(family, bytes);
        return result.valid()
                ? new Verdict.Valid(transcoder.fromDatum((GenericRecord) result.datum(), result.unknownKeys()))
                : new Verdict.Invalid(result);
    }
}
