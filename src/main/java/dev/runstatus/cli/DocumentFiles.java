package dev.runstatus.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A document file's exact bytes, or an error that names the file and what is wrong with it. */
final class DocumentFiles {

    private DocumentFiles() {
    }

    static byte[] read(Path file) throws IOException {
        requireReadable(file);
        return Files.readAllBytes(file);
    }

    /** Fails, naming the file, unless it is a file that can be read. */
    static void requireReadable(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException("cannot read " + file + ": it is a directory");
        }
        if (!Files.exists(file)) {
            throw new IOException("cannot read " + file + ": no such file");
        }
        if (!Files.isReadable(file)) {
            throw new IOException("cannot read " + file + ": permission denied");
        }
    }
}
