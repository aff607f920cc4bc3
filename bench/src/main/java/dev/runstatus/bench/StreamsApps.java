package dev.runstatus.bench;

import dev.runstatus.app.Pipeline;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * The application under test, in its own JVM so that its CPU time and peak RSS are its own:
 * {@code runstatus} (the production pipeline) or {@code passthrough} (Kafka Streams moving the same
 * input bytes to one output topic, nothing else). Both get the same Streams and producer settings from
 * the same configuration. With a warm-up configuration, first runs the same application under it for
 * the given seconds and closes it, so that the measured run starts with a warm JIT, as a long-running
 * service has. Prints {@value #RUNNING} once the measured Streams is running; stops on SIGTERM.
 */
public final class StreamsApps {

    static final String RUNNING = "RUNNING";
    static final String PASSTHROUGH_TOPIC = "bench.passthrough.topic";

    private StreamsApps() {
    }

    /** A started application and how to ask for its state. */
    private record App(AutoCloseable instance, Supplier<KafkaStreams.State> state) {

        void awaitRunning() throws InterruptedException {
            while (state.get() != KafkaStreams.State.RUNNING) {
                Thread.sleep(10);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 2) {
            App warmUp = start(args[0], Path.of(args[2]));
            warmUp.awaitRunning();
            Thread.sleep(Long.parseLong(args[3]) * 1000);
            warmUp.instance().close();
        }
        App app = start(args[0], Path.of(args[1]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                app.instance().close();
            } catch (Exception e) {
                e.printStackTrace();
            }
            stopped.countDown();
        }));
        app.awaitRunning();
        System.out.println(RUNNING);
        System.out.flush();
        stopped.await();
    }

    private static App start(String app, Path configuration) {
        RunStatusConfig config = RunStatusConfig.load(Optional.of(configuration), Map.of(), Map.of());
        if (app.equals("runstatus")) {
            Pipeline pipeline = Pipeline.start(config);
            return new App(pipeline, pipeline::state);
        }
        KafkaStreams passthrough = passthrough(config);
        passthrough.start();
        return new App(passthrough, passthrough::state);
    }

    private static KafkaStreams passthrough(RunStatusConfig config) {
        StreamsBuilder builder = new StreamsBuilder();
        List<String> inputs = List.of(config.topics().name(Topic.RUN_RESULTS_RAW), config.topics().name(Topic.AUTH_SESSION_RESULTS_RAW));
        builder.stream(inputs, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("read-inputs"))
                .to(config.require(PASSTHROUGH_TOPIC), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("write-output"));
        return new KafkaStreams(builder.build(), config.streamsProperties());
    }
}
