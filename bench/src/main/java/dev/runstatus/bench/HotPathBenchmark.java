package dev.runstatus.bench;

import dev.runstatus.json.JsonLimits;
import dev.runstatus.load.SyntheticDocument;
import dev.runstatus.load.SyntheticDocuments;
import dev.runstatus.registry.AvroWireSerializer;
import dev.runstatus.registry.InMemorySchemaRegistry;
import dev.runstatus.schema.Family;
import dev.runstatus.schema.SchemaCatalog;
import dev.runstatus.validate.CheckResult;
import dev.runstatus.validate.DocumentCheck;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The per-record hot path of the pipeline, without Kafka: bytes in, strict parse, schema validation,
 * Avro record, Confluent wire-format bytes out, with the production classes (the schema id is cached
 * after the first record, as in the pipeline). Per family, and for invalid documents, which stop at
 * the verdict. Run with -prof gc for bytes allocated per record (gc.alloc.rate.norm).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPathBenchmark {

    static final int DOCUMENTS = 1024;

    @Param({"run-result", "auth-session-result", "invalid"})
    public String document;

    private byte[][] inputs;
    private Family[] families;
    private DocumentCheck check;
    private final Map<Family, AvroWireSerializer> serializers = new EnumMap<>(Family.class);
    private int next;

    @Setup
    public void setUp() {
        SchemaCatalog catalog = SchemaCatalog.bundled();
        check = new DocumentCheck(catalog, JsonLimits.defaults());
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        for (Family family : Family.values()) {
            serializers.put(family, new AvroWireSerializer(registry, catalog.valueSchema(family), true));
        }
        boolean invalid = document.equals("invalid");
        SyntheticDocuments source = new SyntheticDocuments(1, invalid ? 1.0 : 0.0);
        inputs = new byte[DOCUMENTS][];
        families = new Family[DOCUMENTS];
        for (int i = 0; i < DOCUMENTS; ) {
            SyntheticDocument candidate = source.next();
            if (invalid || candidate.family().id().equals(document)) {
                inputs[i] = candidate.value();
                families[i++] = candidate.family();
            }
        }
    }

    @Benchmark
    public Object hotPath() {
        int index = next++ & (DOCUMENTS - 1);
        CheckResult result = check.check(families[index], inputs[index]);
        return result.valid() ? serializers.get(families[index]).serialize("bench", result.datum()) : result;
    }

    /** The mean input size, for the report. */
    public static double meanBytes(String document) {
        HotPathBenchmark benchmark = new HotPathBenchmark();
        benchmark.document = document;
        benchmark.setUp();
        long total = 0;
        for (byte[] input : benchmark.inputs) {
            total += input.length;
        }
        return (double) total / DOCUMENTS;
    }
}
