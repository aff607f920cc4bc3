package dev.runstatus.lifecycle;

import dev.runstatus.schema.Family;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The run state's binary is RunLifecycleState's Avro binary, byte for byte, as Avro's own writer and reader see it. */
class RunStateBinaryTest {

    private static final Schema SCHEMA = LifecycleCodec.stateSchema();
    private static final LifecycleCodec CODEC = new LifecycleCodec();

    @Test
    void everyStateIsWrittenAsAvrosGenericWriterWritesItAndReadBackEqual() throws IOException {
        Random random = new Random(5);
        for (int i = 0; i < 2_000; i++) {
            RunState state = randomState(random);
            byte[] written = RunStateBinary.write(state);
            assertArrayEquals(avro(state), written, state.toString());
            assertEquals(state, RunStateBinary.read(written));
            GenericRecord read = new GenericDatumReader<GenericRecord>(SCHEMA).read(null, DecoderFactory.get().binaryDecoder(written, null));
            assertEquals(state, LifecycleCodec.state(read));
        }
    }

    @Test
    void aSchemaWithOtherFieldsIsRefusedNamingThem() {
        Schema other = Schema.createRecord("RunLifecycleState", null, "dev.runstatus.avro", false,
                List.of(new Schema.Field("key", Schema.create(Schema.Type.STRING))));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> RunStateBinary.requireMatches(other));
        assertEquals("dev.runstatus.avro.RunLifecycleState has the fields [key], but runstatus writes " + RunStateBinary.FIELDS
                + "; RunStateBinary must follow the schema", refused.getMessage());
    }

    private static RunState randomState(Random random) {
        List<StatusReport> history = new ArrayList<>();
        for (int i = 0; i < random.nextInt(5); i++) {
            history.add(new StatusReport(random.nextBoolean() ? "started" : "pénding-" + i, random.nextLong()));
        }
        return new RunState("run-" + random.nextInt() + (random.nextBoolean() ? "Ω" : ""), random.nextBoolean() ? Family.RUN_RESULT
                : Family.AUTH_SESSION_RESULT, random.nextBoolean() ? "completed" : "in_progress", random.nextBoolean(),
                random.nextLong(), random.nextLong(), random.nextLong(), random.nextInt(1_000_000), history,
                random.nextBoolean() ? null : random.nextLong(), random.nextBoolean() ? null : RunState.ABANDONED);
    }

    /** Avro's own generic writer over the schema, given the record events carry: the oracle. */
    private static byte[] avro(RunState state) throws IOException {
        GenericRecord record = CODEC.record(state);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(SCHEMA).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
