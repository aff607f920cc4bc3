package dev.runstatus.cli;

import dev.runstatus.config.PipelineVersion;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** runstatus's version, the source revision it was built from, and the Kafka, Avro and Java it runs on. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        Properties build = read("/dev/runstatus/version.properties");
        Properties git = read("/dev/runstatus/git.properties");
        String revision = git.getProperty("git.commit.id.abbrev", "unknown")
                + ("true".equals(git.getProperty("git.dirty")) ? " (with uncommitted changes)" : "");
        return new String[] {"runstatus " + PipelineVersion.current(), "revision " + revision,
                "Apache Kafka " + build.getProperty("kafka") + ", Apache Avro " + build.getProperty("avro") + ", Java "
                        + System.getProperty("java.version")};
    }

    private static Properties read(String resource) {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(resource)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
