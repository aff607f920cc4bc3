package dev.runstatus.lifecycle;

import dev.runstatus.schema.Family;
import dev.runstatus.schema.SchemaCatalog;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Avro binary of run states and lifecycle events, with the schemas bundled in the jar: these are
 * runstatus's own records, so a {@code --schemas-dir} for the documents does not change them.
 */
public final class LifecycleCodec {

    public static final String STATE_SCHEMA = "RunLifecycleState";
    public static final String EVENT_SCHEMA = "LifecycleEvent";

    private final Schema stateSchema;
    private final Schema eventSchema;
    private final Schema reportSchema;
    private final GenericDatumWriter<GenericRecord> eventWriter;

    public LifecycleCodec() {
        this(Bundled.CATALOG);
    }

    LifecycleCodec(SchemaCatalog catalog) {
        this.stateSchema = catalog.schema(STATE_SCHEMA);
        this.eventSchema = catalog.schema(EVENT_SCHEMA);
        this.reportSchema = stateSchema.getField("history").schema().getElementType();
        this.eventWriter = new GenericDatumWriter<>(eventSchema);
        RunStateBinary.requireMatches(stateSchema);
    }

    public static Schema stateSchema() {
        return Bundled.CATALOG.schema(STATE_SCHEMA);
    }

    public static Schema eventSchema() {
        return Bundled.CATALOG.schema(EVENT_SCHEMA);
    }

    /** The jar's schemas, read once: output subjects, the preflight and every codec ask for them. */
    private static final class Bundled {
        static final SchemaCatalog CATALOG = SchemaCatalog.bundled();
    }

    public byte[] encode(RunState state) {
        return RunStateBinary.write(state);
    }

    public byte[] encode(LifecycleEvent event) {
        GenericRecord record = new GenericData.Record(eventSchema);
        record.put("kind", new GenericData.EnumSymbol(eventSchema.getField("kind").schema(), event.kind().symbol()));
        record.put("family", event.family().id());
        record.put("key", event.key());
        record.put("at", event.at());
        record.put("before", event.before() == null ? null : record(event.before()));
        record.put("report", event.report() == null ? null : record(event.report()));
        record.put("reportSource", event.reportSource());
        record.put("cause", event.cause());
        return write(eventWriter, record);
    }

    public RunState decodeState(byte[] avro) {
        return RunStateBinary.read(avro);
    }

    /** A run state from its Avro record, as the status topics and the store hold it. */
    public static RunState state(GenericRecord record) {
        List<StatusReport> history = new ArrayList<>();
        for (Object item : (List<?>) record.get("history")) {
            GenericRecord report = (GenericRecord) item;
            history.add(new StatusReport(report.get("status").toString(), (Long) report.get("at")));
        }
        Object closed = record.get("closed");
        return new RunState(record.get("key").toString(), Family.byId(record.get("family").toString()).orElseThrow(),
                record.get("status").toString(), (Boolean) record.get("terminal"), (Long) record.get("firstSeen"),
                (Long) record.get("statusSince"), (Long) record.get("lastReport"), (Long) record.get("reports"), history,
                (Long) record.get("stalledAt"), closed == null ? null : closed.toString());
    }

    /** The state as an Avro record of RunLifecycleState, as lifecycle events carry it in {@code before}. */
    GenericRecord record(RunState state) {
        GenericRecord record = new GenericData.Record(stateSchema);
        record.put("key", state.key());
        record.put("family", state.family().id());
        record.put("status", state.status());
        record.put("terminal", state.terminal());
        record.put("firstSeen", state.firstSeen());
        record.put("statusSince", state.statusSince());
        record.put("lastReport", state.lastReport());
        record.put("reports", state.reports());
        record.put("history", state.history().stream().map(this::record).toList());
        record.put("stalledAt", state.stalledAt());
        record.put("closed", state.closed());
        return record;
    }

    private GenericRecord record(StatusReport report) {
        GenericRecord record = new GenericData.Record(reportSchema);
        record.put("status", report.status());
        record.put("at", report.at());
        return record;
    }

    private static byte[] write(GenericDatumWriter<GenericRecord> writer, GenericRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
