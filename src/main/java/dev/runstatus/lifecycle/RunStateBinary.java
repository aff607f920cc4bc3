package dev.runstatus.lifecycle;

import dev.runstatus.schema.Family;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's state in the Avro binary of RunLifecycleState, written and read field by field with Avro's
 * encoder and decoder: the lifecycle does this for every report, and going through generic records cost
 * it a fifth of its time. The schema is checked against the fields written here when the class loads, so
 * the two cannot drift apart unnoticed; {@code RunStateBinaryTest} holds the bytes to Avro's own writer.
 */
final class RunStateBinary {

    /** RunLifecycleState's fields, in its order: the order they are written and read here. */
    static final List<String> FIELDS = List.of("key", "family", "status", "terminal", "firstSeen", "statusSince", "lastReport",
            "reports", "history", "stalledAt", "closed");

    private RunStateBinary() {
    }

    /** Fails unless {@code schema} has exactly the fields written here, in this order. */
    static void requireMatches(Schema schema) {
        List<String> names = schema.getFields().stream().map(Schema.Field::name).toList();
        if (!names.equals(FIELDS)) {
            throw new IllegalStateException(schema.getFullName() + " has the fields " + names + ", but runstatus writes " + FIELDS
                    + "; RunStateBinary must follow the schema");
        }
    }

    static byte[] write(RunState state) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(96 + 24 * state.history().size());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            encoder.writeString(state.key());
            encoder.writeString(state.family().id());
            encoder.writeString(state.status());
            encoder.writeBoolean(state.terminal());
            encoder.writeLong(state.firstSeen());
            encoder.writeLong(state.statusSince());
            encoder.writeLong(state.lastReport());
            encoder.writeLong(state.reports());
            encoder.writeArrayStart();
            encoder.setItemCount(state.history().size());
            for (StatusReport report : state.history()) {
                encoder.startItem();
                encoder.writeString(report.status());
                encoder.writeLong(report.at());
            }
            encoder.writeArrayEnd();
            if (state.stalledAt() == null) {
                encoder.writeIndex(0);
            } else {
                encoder.writeIndex(1);
                encoder.writeLong(state.stalledAt());
            }
            if (state.closed() == null) {
                encoder.writeIndex(0);
            } else {
                encoder.writeIndex(1);
                encoder.writeString(state.closed());
            }
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static RunState read(byte[] avro) {
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(avro, null);
        try {
            String key = decoder.readString();
            String familyId = decoder.readString();
            Family family = Family.byId(familyId).orElseThrow(() -> new IllegalStateException("a stored run of unknown family " + familyId));
            String status = decoder.readString();
            boolean terminal = decoder.readBoolean();
            long firstSeen = decoder.readLong();
            long statusSince = decoder.readLong();
            long lastReport = decoder.readLong();
            long reports = decoder.readLong();
            List<StatusReport> history = new ArrayList<>(4);
            for (long items = decoder.readArrayStart(); items != 0; items = decoder.arrayNext()) {
                for (long i = 0; i < items; i++) {
                    history.add(new StatusReport(decoder.readString(), decoder.readLong()));
                }
            }
            Long stalledAt = decoder.readIndex() == 0 ? null : decoder.readLong();
            String closed = decoder.readIndex() == 0 ? null : decoder.readString();
            return new RunState(key, family, status, terminal, firstSeen, statusSince, lastReport, reports, history, stalledAt, closed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a stored run state", e);
        }
    }
}
