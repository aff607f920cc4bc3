package dev.runstatus.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.runstatus.json.JsonLimits;
import dev.runstatus.json.StrictJson;
import dev.runstatus.load.SyntheticDocument;
import dev.runstatus.load.SyntheticDocuments;
import dev.runstatus.reader.DocumentReader;
import dev.runstatus.reader.Reading;
import dev.runstatus.registry.InMemorySchemaRegistry;
import dev.runstatus.registry.WireFormat;
import dev.runstatus.schema.Family;
import dev.runstatus.schema.SchemaCatalog;
import dev.runstatus.topology.DocumentFields;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The per-record hot path of the pipeline, without Kafka: bytes in, strict parse and schema validation
 * straight to Avro binary (the document reader, with the pipeline's captures), Confluent
 * wire-format bytes out, with the production classes (the schema ids resolved before, as the pipeline
 * resolves them at start). Per family, and for invalid documents, which end with every violation
 * found. Beside it, the floor under any reader built on Jackson: the same documents' parsers made and
 * every token read, nothing checked, decoded or written. Run with -prof gc for bytes allocated per
 * record (gc.alloc.rate.norm).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPathBenchmark {

    static final int DOCUMENTS = 1024;

    /** The benchmarks, as JMH names them in its results. */
    static final String HOT_PATH = "hotPath";
    static final String JACKSON_TOKENS = "jacksonTokens";

    static final String RUN_RESULT = "run-result";
    static final String AUTH_SESSION_RESULT = "auth-session-result";
    static final String INVALID = "invalid";
    /** Every kind of document measured; {@link HotPathResult} requires a result for each. */
    static final List<String> DOCUMENTS_MEASURED = List.of(RUN_RESULT, AUTH_SESSION_RESULT, INVALID);

    @Param({RUN_RESULT, AUTH_SESSION_RESULT, INVALID})
    public String document;

    private byte[][] inputs;
    private Family[] families;
    private DocumentReader reader;
    private final JsonFactory factory = StrictJson.parserFactory(JsonLimits.defaults());
    private final Map<Family, byte[]> headers = new HashMap<>();
    private int next;

    @Setup
    public void setUp() {
        SchemaCatalog catalog = SchemaCatalog.bundled();
        reader = DocumentFields.reader(catalog, JsonLimits.defaults());
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        for (Family family : Family.values()) {
            headers.put(family, WireFormat.header(registry.register(family.id() + "-value", catalog.valueSchema(family))));
        }
        boolean invalid = document.equals(INVALID);
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
        Reading reading = reader.read(families[index], inputs[index]);
        return reading.valid() ? reading.withHeader(headers.get(families[index])) : reading;
    }

    /** Tokens up to the end, or up to the first that Jackson refuses: an invalid document may not be JSON. */
    @Benchmark
    public long jacksonTokens() throws IOException {
        int index = next++ & (DOCUMENTS - 1);
        long tokens = 0;
        try (JsonParser parser = factory.createParser(inputs[index])) {
            while (parser.nextToken() != null) {
                tokens++;
            }
        } catch (JsonProcessingException e) {
            return -tokens;
        }
        return tokens;
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
